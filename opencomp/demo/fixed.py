"""The small fixed part of the demo book, built through the real services.

Organisations, establishments, logins, providers and attorneys are few, so they go
through ``accounts.services`` and ``parties.services`` like any operator's input
and each gets its audit entry. The bulk (workers, intake, claims and their event
logs) is written by ``opencomp.demo.book``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password

from opencomp.accounts.enums import Role
from opencomp.accounts.models import Organisation, User
from opencomp.accounts.services import organisation_create, user_create
from opencomp.core.services import audit_record, full_clean_or_raise
from opencomp.demo import DEMO_PASSWORD, catalog, people
from opencomp.parties.models import Provider
from opencomp.parties.services import attorney_create, establishment_create, provider_create


@dataclass(frozen=True)
class UserRef:
    id: int
    name: str


@dataclass
class EstablishmentRef:
    id: int
    spec: catalog.EstablishmentSpec


@dataclass
class ProviderRef:
    id: int
    name: str
    kind: str
    jurisdiction: str
    user_id: int | None
    spec: catalog.ProviderSpec


@dataclass
class AttorneyRef:
    id: int
    label: str  # str(attorney): "Name (Firm)"
    represents: str


@dataclass
class Staff:
    """The claims staff of one administering organisation."""

    org: Organisation
    adjusters: list[UserRef]
    adjuster_weights: list[float]
    supervisor: UserRef


@dataclass
class EmployerRef:
    spec: catalog.OrgSpec
    org: Organisation
    admin_key: str
    establishments: list[EstablishmentRef]
    contact: UserRef  # employer WC coordinator: records incidents and reports
    line_supervisor: UserRef  # completes supervisor reports
    employee_prefix: str
    doctors: people.Weighted[ProviderRef] = field(repr=False)


@dataclass
class Fixed:
    orgs: dict[str, Organisation]
    employers: list[EmployerRef]
    staff: dict[str, Staff]
    providers: dict[str, ProviderRef]
    providers_by_jurisdiction: dict[str, list[ProviderRef]]
    attorneys: dict[str, list[AttorneyRef]]
    demo_users: dict[str, User]
    regulators: dict[str, Organisation]
    password_hash: str


#: Demo logins: role → (given name, family name, organisation key or None).
DEMO_LOGINS: dict[str, tuple[str, str, str | None]] = {
    "adjuster": ("Avery", "Martinez", "city"),
    "supervisor": ("Dana", "Kowalczyk", "city"),
    "employer_supervisor": ("Ray", "Delgado", "city"),
    "employer_coordinator": ("Monica", "Fairbanks", "city"),
    "worker": ("Marisol", "Fuentes", None),
    "provider": ("Priya", "Raman", None),
    "compliance_officer": ("Jordan", "Ellis", "reg_co"),
    "pool_administrator": ("Terry", "Nakamura", "pool"),
    "auditor": ("Morgan", "Reyes", "city"),
    "admin": ("Site", "Administrator", None),
}


class _Usernames:
    def __init__(self, taken: set[str]) -> None:
        self.taken = set(taken)

    def make(self, given: str, family: str) -> str:
        base = (people.ascii_slug(given)[:1] + people.ascii_slug(family))[:20] or "user"
        name, n = base, 1
        while name in self.taken:
            n += 1
            name = f"{base}{n}"
        self.taken.add(name)
        return name


def build_fixed(rng: random.Random) -> Fixed:
    from opencomp.demo import DEMO_USERS

    password_hash = make_password(DEMO_PASSWORD)  # hashed once, shared by every demo staff login

    def login(username: str, role: str, org: Organisation | None, given: str, family: str) -> User:
        user = user_create(
            actor=None,
            username=username,
            password=None,
            role=role,
            organisation=org,
            first_name=given,
            last_name=family,
            email=f"{username}@opencomp-demo.example",
        )
        user.password = password_hash
        user.save(update_fields=["password"])
        return user

    # Organisations, parents and administrators first.
    orgs: dict[str, Organisation] = {}
    for spec in catalog.ORGANISATIONS:
        identifier = ""
        if spec.kind != "regulator":
            identifier = (
                people.abn(rng) if spec.jurisdiction == "NSW" else people.fein(rng, spec.jurisdiction)
            )
        orgs[spec.key] = organisation_create(
            actor=None,
            kind=spec.kind,
            name=spec.name,
            legal_name=spec.legal_name,
            identifier=identifier,
            parent=orgs[spec.parent] if spec.parent else None,
            claims_administrator=orgs[spec.administrator] if spec.administrator else None,
            jurisdiction=spec.jurisdiction,
            address=spec.address,
            phone=spec.phone,
            email=spec.email,
        )
        policies = catalog.policies_of(spec)
        if policies:  # no service sets them yet: validated and audited here like one would
            org = orgs[spec.key]
            org.policies = policies
            full_clean_or_raise(org, validate_constraints=False)
            org.save(update_fields=["policies"])
            audit_record(actor=None, action="organisation.policies_set", obj=org, data={"policies": policies})
    regulators = {o.jurisdiction: orgs[o.key] for o in catalog.ORGANISATIONS if o.kind == "regulator"}

    # The demo logins.
    usernames = _Usernames(set(DEMO_USERS.values()))
    demo_users: dict[str, User] = {}
    for role, (given, family, org_key) in DEMO_LOGINS.items():
        demo_users[role] = login(DEMO_USERS[role], role, orgs[org_key] if org_key else None, given, family)

    # Claims staff of each administrator.
    staff: dict[str, Staff] = {}
    for admin_key, n_adjusters in catalog.ADMINISTRATOR_STAFF.items():
        org = orgs[admin_key]
        adjusters: list[UserRef] = []
        weights: list[float] = []
        if admin_key == "city":
            sup = demo_users["supervisor"]
            adjusters.append(UserRef(demo_users["adjuster"].pk, demo_users["adjuster"].get_full_name()))
            weights.append(3.0)
        else:
            p = people.person(rng, org.jurisdiction)
            sup = login(usernames.make(p.given, p.family), Role.SUPERVISOR, org, p.given, p.family)
        for _ in range(n_adjusters):
            p = people.person(rng, org.jurisdiction)
            user = login(usernames.make(p.given, p.family), Role.ADJUSTER, org, p.given, p.family)
            adjusters.append(UserRef(user.pk, user.get_full_name()))
            weights.append(1.0)
        staff[admin_key] = Staff(org, adjusters, weights, UserRef(sup.pk, sup.get_full_name()))

    # Other regulators' compliance officers.
    for jurisdiction, reg in regulators.items():
        if jurisdiction != "CO":
            p = people.person(rng, jurisdiction)
            login(usernames.make(p.given, p.family), Role.COMPLIANCE_OFFICER, reg, p.given, p.family)

    # Providers (the demo provider's login is linked to its record) and attorneys.
    providers: dict[str, ProviderRef] = {}
    by_jurisdiction: dict[str, list[ProviderRef]] = {}
    for pspec in catalog.PROVIDERS:
        linked: User | None = demo_users["provider"] if pspec.key == "co_demo" else None
        number = people.au_provider_number(rng) if pspec.jurisdiction == "NSW" else people.npi(rng)
        provider: Provider = provider_create(
            actor=None,
            kind=pspec.kind,
            name=pspec.name,
            practice_name=pspec.practice_name,
            provider_number=number,
            specialty=pspec.specialty,
            address=pspec.address,
            phone=pspec.phone,
            email=f"office@{people.ascii_slug(pspec.practice_name)[:30]}.example",
            user=linked,
        )
        ref = ProviderRef(
            provider.pk, provider.name, pspec.kind, pspec.jurisdiction, linked.pk if linked else None, pspec
        )
        providers[pspec.key] = ref
        by_jurisdiction.setdefault(pspec.jurisdiction, []).append(ref)
    attorneys: dict[str, list[AttorneyRef]] = {}
    for aspec in catalog.ATTORNEYS:
        attorney = attorney_create(
            actor=None,
            name=aspec.name,
            represents=aspec.represents,
            firm=aspec.firm,
            bar_number=aspec.bar_number,
            address=aspec.address,
            phone=aspec.phone,
        )
        attorneys.setdefault(aspec.jurisdiction, []).append(
            AttorneyRef(attorney.pk, str(attorney), aspec.represents)
        )

    # Employers: establishments, an employer contact and a line supervisor each.
    employers: list[EmployerRef] = []
    for espec in catalog.EMPLOYERS:
        org = orgs[espec.key]
        ests = []
        for est in espec.establishments:
            created = establishment_create(
                actor=None,
                organisation=org,
                name=est.name,
                street=est.street,
                city=est.city,
                region=espec.jurisdiction,
                postcode=est.postcode,
                country="AU" if espec.jurisdiction == "NSW" else "US",
                naics_code=est.naics,
            )
            ests.append(EstablishmentRef(created.pk, est))
        if espec.key == "city":
            contact = demo_users["employer_coordinator"]
            line = demo_users["employer_supervisor"]
        else:
            p = people.person(rng, espec.jurisdiction)
            contact = login(
                usernames.make(p.given, p.family), Role.EMPLOYER_COORDINATOR, org, p.given, p.family
            )
            p = people.person(rng, espec.jurisdiction)
            line = login(usernames.make(p.given, p.family), Role.EMPLOYER_SUPERVISOR, org, p.given, p.family)
        doctors = [
            (ref, ref.spec.weight * (6.0 if espec.key in ref.spec.employers else 1.0))
            for ref in by_jurisdiction[espec.jurisdiction]
            if ref.kind == "treating_doctor" and "psycholog" not in ref.spec.specialty.lower()
        ]
        employers.append(
            EmployerRef(
                spec=espec,
                org=org,
                admin_key=espec.administrator or espec.key,
                establishments=ests,
                contact=UserRef(contact.pk, contact.get_full_name()),
                line_supervisor=UserRef(line.pk, line.get_full_name()),
                employee_prefix="".join(w[0] for w in espec.name.split() if w[0].isupper())[:3],
                doctors=people.Weighted(doctors),
            )
        )

    return Fixed(
        orgs=orgs,
        employers=employers,
        staff=staff,
        providers=providers,
        providers_by_jurisdiction=by_jurisdiction,
        attorneys=attorneys,
        demo_users=demo_users,
        regulators=regulators,
        password_hash=password_hash,
    )

"""Request and response shapes of the REST API.

Every response is built explicitly from objects the view already holds (no model is
dumped wholesale), so adding a column to a model never leaks it through the API.
Inputs forbid unknown fields, so a misspelt field is an error rather than silently
ignored. Plain pydantic models (not ``ninja.Schema``) keep serialisation cheap.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from opencomp.accounts.enums import OrganisationKind
from opencomp.accounts.models import Organisation, User
from opencomp.claims.enums import ActivityParty, ClaimStatus, ClaimType, EventKind, Sensitivity
from opencomp.claims.events import APPENDABLE_KINDS, SCHEMAS
from opencomp.claims.models import Claim, ClaimEvent
from opencomp.claims.selectors import SORTS
from opencomp.deadlines.models import Obligation, ObligationStatus, Obligor
from opencomp.deadlines.selectors import TIMELINESS_GROUPS, TeamLoad, Timeliness
from opencomp.intake.enums import (
    BodySide,
    IncidentOutcome,
    IncidentStatus,
    NotifierRelationship,
    ReportStatus,
    TestReason,
    TestResult,
)
from opencomp.intake.models import DrugAlcoholTest, Incident, InjuryReport, SupervisorReport
from opencomp.jurisdictions import JURISDICTIONS
from opencomp.parties.enums import EmploymentType, Gender
from opencomp.parties.models import Employment, Establishment, Worker

# Built from the registries so that validation and the OpenAPI enums follow the code;
# type checkers see plain strings.
if TYPE_CHECKING:
    JurisdictionCode = str
    ClaimSort = str
    AppendableKind = str
else:
    JurisdictionCode = Literal[tuple(sorted(JURISDICTIONS))]
    ClaimSort = Literal[tuple(SORTS)]
    AppendableKind = Literal[tuple(sorted(str(k) for k in APPENDABLE_KINDS))]


class In(BaseModel):
    """Base of request bodies: unknown fields are refused, text is stripped."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Out(BaseModel):
    model_config = ConfigDict(use_enum_values=True)


# --- errors and pages ---------------------------------------------------------------------------


class FieldErrorOut(Out):
    field: str = Field(
        description="Dotted path of the input at fault (`injury_date`, `payload.channel`); "
        "empty when the error is about the request as a whole."
    )
    message: str


class ErrorOut(Out):
    message: str = Field(description="What went wrong, for people.")
    errors: list[FieldErrorOut] = Field(description="One entry per input at fault.")


class HealthOut(Out):
    status: Literal["ok"]


class PageParams(BaseModel):
    limit: int = Field(50, ge=1, le=200, description="Items per page (at most 200).")
    offset: int = Field(0, ge=0, description="Items to skip.")


# --- references -----------------------------------------------------------------------------------


class Ref(Out):
    id: int
    name: str


def org_ref(org: Organisation) -> Ref:
    return Ref(id=org.pk, name=org.name)


def user_ref(user: User | None) -> Ref | None:
    return None if user is None else Ref(id=user.pk, name=user.get_full_name() or user.username)


def establishment_ref(est: Establishment | None) -> Ref | None:
    return None if est is None else Ref(id=est.pk, name=est.name)


def worker_ref(worker: Worker) -> Ref:
    return Ref(id=worker.pk, name=worker.full_name)


# --- organisations --------------------------------------------------------------------------------


class OrganisationIn(In):
    kind: OrganisationKind
    name: str = Field(min_length=1, max_length=200)
    legal_name: str = Field("", max_length=200)
    identifier: str = Field("", max_length=32, description="Tax or business identifier (FEIN, ABN).")
    parent_id: int | None = Field(None, description="The pool a member belongs to.")
    claims_administrator_id: int | None = Field(
        None, description="Insurer, TPA or pool that administers this employer's claims."
    )
    jurisdiction: JurisdictionCode | None = None
    address: str = ""
    phone: str = Field("", max_length=40)
    email: str = Field("", max_length=254)


class OrganisationFilters(PageParams):
    kind: OrganisationKind | None = None
    jurisdiction: JurisdictionCode | None = None
    q: str = Field("", description="Part of the name.")


class OrganisationPoliciesIn(In):
    policies: list[str] = Field(
        description="Every program the employer runs (the list replaces the old one): "
        "post_accident_testing, modified_duty_program, light_duty_review."
    )


class OrganisationOut(Out):
    id: int
    kind: OrganisationKind
    name: str
    legal_name: str
    identifier: str
    parent_id: int | None
    claims_administrator_id: int | None
    jurisdiction: str
    address: str
    phone: str
    email: str
    is_active: bool
    policies: list[str] = Field(
        description="The employer's own programs that add clocks to its claims "
        "(post_accident_testing, modified_duty_program, light_duty_review)."
    )
    created_at: dt.datetime

    @classmethod
    def of(cls, org: Organisation) -> OrganisationOut:
        return cls(
            id=org.pk,
            kind=OrganisationKind(org.kind),
            name=org.name,
            legal_name=org.legal_name,
            identifier=org.identifier,
            parent_id=org.parent_id,
            claims_administrator_id=org.claims_administrator_id,
            jurisdiction=org.jurisdiction,
            address=org.address,
            phone=org.phone,
            email=org.email,
            is_active=org.is_active,
            policies=list(org.policies or []),
            created_at=org.created_at,
        )


class OrganisationPage(Out):
    count: int
    items: list[OrganisationOut]


# --- workers --------------------------------------------------------------------------------------

HOURS = Decimal("0.01")  # Employment.hours_per_week: 2 decimal places
DAYS = Decimal("0.1")  # Employment.days_per_week: 1 decimal place


class EmploymentIn(In):
    employer_id: int
    establishment_id: int | None = None
    employee_number: str = Field("", max_length=40)
    job_title: str = Field(min_length=1, max_length=120)
    hire_date: dt.date
    end_date: dt.date | None = None
    employment_type: EmploymentType
    hours_per_week: Decimal = Field(ge=0, le=168, max_digits=5, decimal_places=2)
    days_per_week: Decimal = Field(ge=0, le=7, max_digits=3, decimal_places=1)


class WorkerIn(In):
    given_name: str = Field(min_length=1, max_length=100)
    family_name: str = Field(min_length=1, max_length=100)
    date_of_birth: dt.date
    gender: Gender = Gender.NOT_STATED
    street: str = Field("", max_length=200)
    city: str = Field("", max_length=100)
    region: str = Field("", max_length=50)
    postcode: str = Field("", max_length=16)
    country: str = Field("US", min_length=2, max_length=2)
    phone: str = Field("", max_length=40)
    email: str = Field("", max_length=254)
    preferred_language: str = Field("English", max_length=40)
    interpreter_required: bool = False
    employment: EmploymentIn = Field(description="The worker's employment with an employer you file for.")


class WorkerFilters(PageParams):
    q: str = Field("", description="Part of the given or family name.")
    employer_id: int | None = None


class EmploymentOut(Out):
    id: int
    employer: Ref
    establishment: Ref | None
    employee_number: str
    job_title: str
    hire_date: dt.date
    end_date: dt.date | None
    employment_type: EmploymentType
    hours_per_week: Decimal
    days_per_week: Decimal

    @classmethod
    def of(cls, e: Employment) -> EmploymentOut:
        return cls(
            id=e.pk,
            employer=org_ref(e.employer),
            establishment=establishment_ref(e.establishment),
            employee_number=e.employee_number,
            job_title=e.job_title,
            hire_date=e.hire_date,
            end_date=e.end_date,
            employment_type=EmploymentType(e.employment_type),
            # as stored (a just-created employment still holds the input's precision)
            hours_per_week=Decimal(e.hours_per_week).quantize(HOURS),
            days_per_week=Decimal(e.days_per_week).quantize(DAYS),
        )


class WorkerOut(Out):
    id: int
    given_name: str
    family_name: str
    date_of_birth: dt.date
    gender: Gender
    street: str
    city: str
    region: str
    postcode: str
    country: str
    phone: str
    email: str
    preferred_language: str
    interpreter_required: bool
    employments: list[EmploymentOut] = Field(description="Employments with employers you may see.")

    @classmethod
    def of(cls, w: Worker, employments: list[Employment]) -> WorkerOut:
        return cls(
            id=w.pk,
            given_name=w.given_name,
            family_name=w.family_name,
            date_of_birth=w.date_of_birth,
            gender=Gender(w.gender),
            street=w.street,
            city=w.city,
            region=w.region,
            postcode=w.postcode,
            country=w.country,
            phone=w.phone,
            email=w.email,
            preferred_language=w.preferred_language,
            interpreter_required=w.interpreter_required,
            employments=[EmploymentOut.of(e) for e in employments],
        )


class WorkerPage(Out):
    count: int
    items: list[WorkerOut]


# --- incidents ------------------------------------------------------------------------------------


class IncidentIn(In):
    employer_id: int
    establishment_id: int | None = None
    worker_id: int | None = Field(None, description="Blank for a volunteer or visitor with no worker record.")
    person_name: str = Field(min_length=1, max_length=200)
    occupation: str = Field("", max_length=120)
    occurred_at: AwareDatetime
    location: str = Field(min_length=1, max_length=200)
    description: str = Field(min_length=1)
    nature_of_injury: str = Field("", max_length=120)
    body_part: str = Field("", max_length=120)
    outcome: IncidentOutcome
    first_aid_given: str = ""
    first_aid_by: str = Field("", max_length=120)
    witnesses: str = ""
    reported_by: str = Field(min_length=1, max_length=120)


class IncidentFilters(PageParams):
    employer_id: int | None = None
    worker_id: int | None = None
    outcome: IncidentOutcome | None = None
    status: IncidentStatus | None = None
    occurred_from: dt.date | None = Field(None, description="On or after this date.")
    occurred_to: dt.date | None = Field(None, description="On or before this date.")


class IncidentOut(Out):
    id: int
    employer: Ref
    establishment: Ref | None
    worker: Ref | None
    person_name: str
    occupation: str
    occurred_at: dt.datetime
    location: str
    description: str
    nature_of_injury: str
    body_part: str
    outcome: IncidentOutcome
    first_aid_given: str
    first_aid_by: str
    witnesses: str
    reported_by: str
    status: IncidentStatus
    recorded_at: dt.datetime

    @classmethod
    def of(cls, i: Incident) -> IncidentOut:
        return cls(
            id=i.pk,
            employer=org_ref(i.employer),
            establishment=establishment_ref(i.establishment),
            worker=worker_ref(i.worker) if i.worker is not None else None,
            person_name=i.person_name,
            occupation=i.occupation,
            occurred_at=i.occurred_at,
            location=i.location,
            description=i.description,
            nature_of_injury=i.nature_of_injury,
            body_part=i.body_part,
            outcome=IncidentOutcome(i.outcome),
            first_aid_given=i.first_aid_given,
            first_aid_by=i.first_aid_by,
            witnesses=i.witnesses,
            reported_by=i.reported_by,
            status=IncidentStatus(i.status),
            recorded_at=i.recorded_at,
        )


class IncidentPage(Out):
    count: int
    items: list[IncidentOut]


# --- injury reports -------------------------------------------------------------------------------


class ReportIn(In):
    employer_id: int
    worker_id: int
    establishment_id: int | None = None
    incident_id: int | None = Field(None, description="The register line this report follows, if any.")
    jurisdiction: JurisdictionCode
    injury_date: dt.date
    injury_time: dt.time | None = None
    location: str = Field(min_length=1, max_length=200)
    nature_of_injury: str = Field(min_length=1, max_length=120)
    body_part: str = Field(min_length=1, max_length=120)
    body_side: BodySide = BodySide.NOT_APPLICABLE
    how_it_happened: str = Field(min_length=1)
    witnesses: str = ""
    reported_to_employer_on: dt.date
    notifier_name: str = Field(min_length=1, max_length=200)
    notifier_address: str = Field("", max_length=300)
    notifier_relationship: NotifierRelationship
    medical_treatment_sought: bool = False
    time_lost: bool = False


class ReportFilters(PageParams):
    employer_id: int | None = None
    worker_id: int | None = None
    status: ReportStatus | None = None


class SupervisorReportIn(In):
    supervisor_name: str = Field(min_length=1, max_length=200)
    scene_inspected: bool
    hazard_found: bool
    hazard_abated: bool
    hazard_description: str = ""
    procedures_followed: bool
    safety_equipment_required: bool
    safety_equipment_used: bool
    safety_rule_violation: bool
    violation_details: str = ""
    witness_statements: str = ""
    employee_statement: str = ""
    corrective_action: str = ""
    safety_officer_contacted: bool = False


class SupervisorReportOut(Out):
    id: int
    report_id: int
    supervisor_name: str
    scene_inspected: bool
    hazard_found: bool
    hazard_abated: bool
    hazard_description: str
    procedures_followed: bool
    safety_equipment_required: bool
    safety_equipment_used: bool
    safety_rule_violation: bool
    violation_details: str
    witness_statements: str
    employee_statement: str
    corrective_action: str
    safety_officer_contacted: bool
    completed_at: dt.datetime

    @classmethod
    def of(cls, s: SupervisorReport) -> SupervisorReportOut:
        return cls(
            id=s.pk,
            report_id=s.report_id,
            supervisor_name=s.supervisor_name,
            scene_inspected=s.scene_inspected,
            hazard_found=s.hazard_found,
            hazard_abated=s.hazard_abated,
            hazard_description=s.hazard_description,
            procedures_followed=s.procedures_followed,
            safety_equipment_required=s.safety_equipment_required,
            safety_equipment_used=s.safety_equipment_used,
            safety_rule_violation=s.safety_rule_violation,
            violation_details=s.violation_details,
            witness_statements=s.witness_statements,
            employee_statement=s.employee_statement,
            corrective_action=s.corrective_action,
            safety_officer_contacted=s.safety_officer_contacted,
            completed_at=s.completed_at,
        )


class DrugAlcoholTestIn(In):
    accident_at: AwareDatetime
    reason: TestReason
    alcohol_tested_at: AwareDatetime | None = None
    alcohol_result: TestResult = TestResult.NOT_TESTED
    drug_tested_at: AwareDatetime | None = None
    drug_result: TestResult = TestResult.NOT_TESTED
    duplicate_sample_preserved: bool = False
    reason_not_tested: str = ""


class DrugAlcoholTestOut(Out):
    id: int
    report_id: int
    accident_at: dt.datetime
    reason: TestReason
    alcohol_tested_at: dt.datetime | None
    alcohol_result: TestResult
    drug_tested_at: dt.datetime | None
    drug_result: TestResult
    duplicate_sample_preserved: bool
    reason_not_tested: str
    recorded_at: dt.datetime

    @classmethod
    def of(cls, t: DrugAlcoholTest) -> DrugAlcoholTestOut:
        return cls(
            id=t.pk,
            report_id=t.report_id,
            accident_at=t.accident_at,
            reason=TestReason(t.reason),
            alcohol_tested_at=t.alcohol_tested_at,
            alcohol_result=TestResult(t.alcohol_result),
            drug_tested_at=t.drug_tested_at,
            drug_result=TestResult(t.drug_result),
            duplicate_sample_preserved=t.duplicate_sample_preserved,
            reason_not_tested=t.reason_not_tested,
            recorded_at=t.recorded_at,
        )


def _related_or_none(obj: Any, name: str) -> Any:
    """A reverse one-to-one that was ``select_related`` (``None`` when there is none)."""
    return getattr(obj, name, None)


class ReportOut(Out):
    id: int
    status: ReportStatus
    employer: Ref
    establishment: Ref | None
    worker: Ref
    incident_id: int | None
    jurisdiction: str
    injury_date: dt.date
    injury_time: dt.time | None
    location: str
    nature_of_injury: str
    body_part: str
    body_side: BodySide
    how_it_happened: str
    witnesses: str
    reported_to_employer_on: dt.date
    notifier_name: str
    notifier_address: str
    notifier_relationship: NotifierRelationship
    medical_treatment_sought: bool
    time_lost: bool
    submitted_at: dt.datetime
    claim_number: str | None = Field(description="The claim opened from this report, once converted.")
    supervisor_report: SupervisorReportOut | None
    drug_alcohol_test: DrugAlcoholTestOut | None

    @classmethod
    def of(cls, r: InjuryReport, *, fresh: bool = False) -> ReportOut:
        """``fresh``: the report was just created, so it has no claim or follow-up records yet.

        Otherwise the report must come with ``claim``, ``supervisor_report`` and
        ``drug_alcohol_test`` selected (see ``intake.report_queryset``).
        """
        claim = None if fresh else _related_or_none(r, "claim")
        sup = None if fresh else _related_or_none(r, "supervisor_report")
        test = None if fresh else _related_or_none(r, "drug_alcohol_test")
        return cls(
            id=r.pk,
            status=ReportStatus(r.status),
            employer=org_ref(r.employer),
            establishment=establishment_ref(r.establishment),
            worker=worker_ref(r.worker),
            incident_id=r.incident_id,
            jurisdiction=r.jurisdiction,
            injury_date=r.injury_date,
            injury_time=r.injury_time,
            location=r.location,
            nature_of_injury=r.nature_of_injury,
            body_part=r.body_part,
            body_side=BodySide(r.body_side),
            how_it_happened=r.how_it_happened,
            witnesses=r.witnesses,
            reported_to_employer_on=r.reported_to_employer_on,
            notifier_name=r.notifier_name,
            notifier_address=r.notifier_address,
            notifier_relationship=NotifierRelationship(r.notifier_relationship),
            medical_treatment_sought=r.medical_treatment_sought,
            time_lost=r.time_lost,
            submitted_at=r.submitted_at,
            claim_number=claim.number if claim is not None else None,
            supervisor_report=SupervisorReportOut.of(sup) if sup is not None else None,
            drug_alcohol_test=DrugAlcoholTestOut.of(test) if test is not None else None,
        )


class ReportPage(Out):
    count: int
    items: list[ReportOut]


class ReportToClaimIn(In):
    claim_type: ClaimType
    significant_injury: bool = False
    notification_date: dt.date | None = Field(
        None, description="When the administrator was notified; today when left out."
    )


# --- claims ---------------------------------------------------------------------------------------


class ClaimIn(In):
    employer_id: int
    worker_id: int = Field(description="A worker employed by the employer.")
    establishment_id: int | None = Field(None, description="Defaults to the worker's establishment.")
    jurisdiction: JurisdictionCode
    injury_date: dt.date
    injury_time: dt.time | None = None
    employer_knowledge_date: dt.date
    notification_date: dt.date | None = Field(
        None, description="When the administrator was notified; today when left out."
    )
    claim_type: ClaimType
    significant_injury: bool = False
    nature_of_injury: str = Field(min_length=1, max_length=120)
    body_part: str = Field(min_length=1, max_length=120)
    description: str = Field(min_length=1, max_length=8000)


class ClaimFiltersIn(PageParams):
    mine: bool = Field(False, description="Only claims assigned to you.")
    q: str = Field("", description="Claim number prefix, or part of the worker's or employer's name.")
    status: ClaimStatus | None = None
    jurisdiction: JurisdictionCode | None = None
    employer_id: int | None = None
    adjuster_id: int | None = None
    triage_band: str | None = Field(
        None,
        description="The band of the triage in force (`low`, `medium`, `high`), or `untriaged`. For those "
        "who read triage (claims staff, the regulator, auditors, pool administrators).",
    )
    sort: ClaimSort = "newest"


class ClaimSummaryOut(Out):
    number: str
    jurisdiction: str
    status: ClaimStatus
    claim_type: ClaimType
    employer: Ref
    administrator: Ref
    worker: Ref
    assigned_adjuster: Ref | None
    injury_date: dt.date
    notification_date: dt.date
    created_at: dt.datetime

    @classmethod
    def of(cls, c: Claim) -> ClaimSummaryOut:
        return cls(
            number=c.number,
            jurisdiction=c.jurisdiction,
            status=ClaimStatus(c.status),
            claim_type=ClaimType(c.claim_type),
            employer=org_ref(c.employer),
            administrator=org_ref(c.administrator),
            worker=worker_ref(c.worker),
            assigned_adjuster=user_ref(c.assigned_adjuster),
            injury_date=c.injury_date,
            notification_date=c.notification_date,
            created_at=c.created_at,
        )


class ClaimPage(Out):
    count: int
    items: list[ClaimSummaryOut]


class ClaimOut(Out):
    number: str
    jurisdiction: str
    status: ClaimStatus
    status_changed_at: dt.datetime
    claim_type: ClaimType
    employer: Ref
    administrator: Ref
    establishment: Ref | None
    worker: Ref
    assigned_adjuster: Ref | None
    source_report_id: int | None
    injury_date: dt.date
    injury_time: dt.time | None
    employer_knowledge_date: dt.date
    notification_date: dt.date
    significant_injury: bool
    nature_of_injury: str
    body_part: str
    description: str
    last_event_seq: int = Field(description="Sequence number of the latest event in the claim's log.")
    created_at: dt.datetime
    updated_at: dt.datetime

    @classmethod
    def of(cls, c: Claim) -> ClaimOut:
        return cls(
            number=c.number,
            jurisdiction=c.jurisdiction,
            status=ClaimStatus(c.status),
            status_changed_at=c.status_changed_at,
            claim_type=ClaimType(c.claim_type),
            employer=org_ref(c.employer),
            administrator=org_ref(c.administrator),
            establishment=establishment_ref(c.establishment),
            worker=worker_ref(c.worker),
            assigned_adjuster=user_ref(c.assigned_adjuster),
            source_report_id=c.source_report_id,
            injury_date=c.injury_date,
            injury_time=c.injury_time,
            employer_knowledge_date=c.employer_knowledge_date,
            notification_date=c.notification_date,
            significant_injury=c.significant_injury,
            nature_of_injury=c.nature_of_injury,
            body_part=c.body_part,
            description=c.description,
            last_event_seq=c.last_event_seq,
            created_at=c.created_at,
            updated_at=c.updated_at,
        )


class TransitionIn(In):
    to_status: ClaimStatus
    reason: str = Field("", max_length=2000)
    expected_status: ClaimStatus | None = Field(
        None, description="The status you saw; if the claim has moved since, the request fails with 409."
    )


class LiabilityDecisionIn(In):
    decision: str = Field(
        max_length=40,
        description="One of the claim's jurisdiction's options: NSW provisional, accepted, "
        "reasonable_excuse, disputed; CO admission, contest, final_admission; MN accepted, denied; CT "
        "accepted, disclaimer.",
    )
    reasons: str = Field(
        "", max_length=4000, description="Required for disputes, contests, denials, disclaimers."
    )
    excuses: list[str] = Field(
        default_factory=list,
        max_length=10,
        description="NSW reasonable excuse: the excuses the program allows "
        "(e.g. insufficient_medical_information).",
    )
    worker_action: str = Field(
        "", max_length=2000, description="NSW reasonable excuse: what the worker must do."
    )
    evidence: list[str] = Field(
        default_factory=list, max_length=50, description="NSW dispute: the evidence the decision relies on."
    )
    signed_off_by_id: int | None = Field(None, description="NSW dispute: the team manager who signs it off.")
    mmi_date: dt.date | None = Field(
        None, description="CO final admission: the date of maximum medical improvement."
    )
    impairment_percent: Decimal | None = Field(
        None, description="CO final admission: the permanent impairment rating, a percentage (one decimal)."
    )
    permanent_restrictions: str = Field("", max_length=4000, description="CO final admission.")
    maintenance_care: Literal["", "admitted", "denied"] = Field(
        "", description="CO final admission: whether medical maintenance care after MMI is admitted."
    )
    maintenance_care_details: str = Field(
        "", max_length=4000, description="CO final admission: the maintenance care admitted."
    )
    expected_status: ClaimStatus | None = Field(
        None, description="The status you saw; if the claim has moved since, the request fails with 409."
    )


class AssignIn(In):
    adjuster_id: int | None = Field(
        description="An adjuster or supervisor of the claim's administrator; null to unassign."
    )
    reason: str = Field("", max_length=2000)


class EventFilters(PageParams):
    kind: list[EventKind] = Field(default_factory=list, description="Only events of these kinds.")


def _payload_fields() -> str:
    """The payload fields of each appendable kind, from the event schemas (optional ones with ``?``)."""
    kinds = []
    for kind in sorted(str(k) for k in APPENDABLE_KINDS):
        fields = SCHEMAS[kind].model_fields
        names = ", ".join(name + ("" if f.is_required() else "?") for name, f in fields.items())
        kinds.append(f"`{kind}`: {names}")
    return (
        "The fields of each kind (`?`: optional): " + "; ".join(kinds) + ". "
        "`request_seq` is the sequence number of the `request.received` event answered."
    )


class EventIn(In):
    kind: AppendableKind
    payload: dict[str, Any] = Field(description=_payload_fields())
    occurred_at: AwareDatetime | None = Field(None, description="When it happened; now when left out.")
    corrects_seq: int | None = Field(None, ge=1, description="Sequence number of the event this corrects.")
    restricted: bool = Field(
        False, description="Restrict a medical note to claims staff and treating providers."
    )


class EventOut(Out):
    seq: int
    kind: EventKind
    occurred_at: dt.datetime
    recorded_at: dt.datetime
    sensitivity: Sensitivity
    redacted: bool = Field(description="True when you may not read this event: its payload is withheld.")
    actor: Ref | None = Field(description="Who recorded it (withheld when redacted).")
    corrects_seq: int | None
    corrected_by_seq: int | None
    payload: dict[str, Any] | None

    @classmethod
    def of(cls, e: ClaimEvent, *, redacted: bool, corrected_by_seq: int | None) -> EventOut:
        corrects = e.corrects if e.corrects_id is not None else None  # selected with the event
        return cls(
            seq=e.seq,
            kind=EventKind(e.kind),
            occurred_at=e.occurred_at,
            recorded_at=e.recorded_at,
            sensitivity=Sensitivity(e.sensitivity),
            redacted=redacted,
            actor=None if redacted else user_ref(e.actor),
            corrects_seq=corrects.seq if corrects is not None else None,
            corrected_by_seq=corrected_by_seq,
            payload=None if redacted else e.payload,
        )


class EventPage(Out):
    count: int
    items: list[EventOut]


# --- deadlines: obligations, the diary, timeliness ------------------------------------------------
# (``opencomp.api.deadlines``)

if TYPE_CHECKING:
    TimelinessGroup = str
else:
    TimelinessGroup = Literal[tuple(TIMELINESS_GROUPS)]

DiaryBucket = Literal["overdue", "today", "week"]


class ObligationFilters(PageParams):
    status: ObligationStatus | None = None


class ObligationOut(Out):
    key: str = Field(
        description="Stable identifier within the claim: `<rule_id>#<trigger seq>[#<instance>]`. "
        "It contains `#`: URL-encode it (`%23`) in paths."
    )
    rule_id: str
    title: str = Field(description="The rule's title.")
    subject: str = Field(
        description="What the adjuster wrote: a diary entry's title, or the information requested; "
        "empty for the statutory and program rules."
    )
    obligor: Obligor = Field(description="Who must do it.")
    citation: str = Field(description="The statute, regulation or program the rule comes from.")
    source_url: str
    status: ObligationStatus
    overdue: bool = Field(description="Open and past `due_at` now.")
    trigger_seq: int = Field(description="The event that started the clock.")
    instance: int = Field(description="Recurrence number of a recurring rule (0 for a one-off).")
    raw_due: dt.date = Field(description="The date the count lands on.")
    due_date: dt.date = Field(
        description="`raw_due` rolled past weekends and holidays when the rule says so."
    )
    due_at: dt.datetime = Field(description="End of `due_date` in the jurisdiction's time zone.")
    satisfied_seq: int | None = Field(description="The event that satisfied it.")
    satisfied_at: dt.datetime | None
    closed_seq: int | None = Field(description="The event that waived or cancelled it.")
    waiver_reason: str
    escalated_seq: int | None = Field(description="The event that escalated it to the supervisor.")
    explanation: list[str] = Field(description="How the due date and the status were worked out.")
    rules_version: str
    calendar_version: str
    computed_at: dt.datetime

    @classmethod
    def fields_of(cls, o: Obligation, now: dt.datetime, subject: str) -> dict[str, Any]:
        return {
            "key": o.key,
            "rule_id": o.rule_id,
            "title": o.title,
            "subject": subject,
            "obligor": Obligor(o.obligor),
            "citation": o.citation,
            "source_url": o.source_url,
            "status": ObligationStatus(o.status),
            "overdue": o.overdue(now),
            "trigger_seq": o.trigger_seq,
            "instance": o.instance,
            "raw_due": o.raw_due,
            "due_date": o.due_date,
            "due_at": o.due_at,
            "satisfied_seq": o.satisfied_seq,
            "satisfied_at": o.satisfied_at,
            "closed_seq": o.closed_seq,
            "waiver_reason": o.waiver_reason,
            "escalated_seq": o.escalated_seq,
            "explanation": list(o.explanation),
            "rules_version": o.rules_version,
            "calendar_version": o.calendar_version,
            "computed_at": o.computed_at,
        }

    @classmethod
    def of(cls, o: Obligation, *, now: dt.datetime, subject: str = "") -> ObligationOut:
        return cls(**cls.fields_of(o, now, subject))


class ObligationPage(Out):
    count: int
    items: list[ObligationOut]


class WaiveIn(In):
    reason: str = Field(max_length=2000, description="Why the obligation does not apply; required.")


class CompleteIn(In):
    note: str = Field("", max_length=2000)


class DiaryEntryIn(In):
    title: str = Field(max_length=200, description="What needs doing; required.")
    due_on: dt.date = Field(description="Today or later, at most three years away.")
    details: str = Field("", max_length=4000)


class InformationRequestIn(In):
    party: ActivityParty = Field(description="Who is asked.")
    party_name: str = Field("", max_length=200)
    what: str = Field(max_length=2000, description="The missing information; required.")
    due_on: dt.date = Field(description="When to follow up: today or later, at most three years away.")


class DiaryFiltersIn(PageParams):
    scope: Literal["mine", "team"] | None = Field(
        None,
        description="`mine`: the claims assigned to you (adjusters and supervisors; their default); `team`: "
        "every claim you may see (supervisors, and the default of roles with no claims of their own).",
    )
    bucket: DiaryBucket | None = Field(
        None, description="`overdue`, due `today`, or due in the next seven days (`week`); all when left out."
    )
    adjuster_id: int | None = Field(
        None, description="With `scope=team`: only this adjuster's claims; 0 for claims with no adjuster."
    )
    jurisdiction: JurisdictionCode | None = None
    rule_id: str = Field(
        "", max_length=80, description="Only this rule's obligations (`co.first_report_division`)."
    )


class DiaryRowOut(ObligationOut):
    bucket: DiaryBucket
    claim_number: str
    worker: Ref
    assigned_adjuster: Ref | None

    @classmethod
    def of_row(
        cls, o: Obligation, *, bucket: DiaryBucket, now: dt.datetime, subject: str = ""
    ) -> DiaryRowOut:
        claim = o.claim  # selected with the row
        return cls(
            **cls.fields_of(o, now, subject),
            bucket=bucket,
            claim_number=claim.number,
            worker=worker_ref(claim.worker),
            assigned_adjuster=user_ref(claim.assigned_adjuster),
        )


class DiaryPage(Out):
    count: int
    items: list[DiaryRowOut]


class TeamLoadOut(Out):
    adjuster: Ref | None = Field(description="Null for claims nobody is assigned to.")
    overdue: int
    due_today: int
    next_7_days: int

    @classmethod
    def of(cls, t: TeamLoad) -> TeamLoadOut:
        adjuster = None if t.adjuster_id is None else Ref(id=t.adjuster_id, name=t.adjuster_name)
        return cls(adjuster=adjuster, overdue=t.overdue, due_today=t.due_today, next_7_days=t.next_7_days)


class TeamLoadPage(Out):
    count: int
    items: list[TeamLoadOut]


class TeamLoadFilters(PageParams):
    include_idle: bool = Field(False, description="Also list your organisation's adjusters with nothing due.")


class TimelinessFilters(PageParams):
    group_by: TimelinessGroup = "rule"
    due_from: dt.date | None = Field(
        None, description="Obligations due on or after this date; a year before `due_to` when left out."
    )
    due_to: dt.date | None = Field(
        None, description="Obligations due on or before this date; today when left out."
    )
    jurisdiction: JurisdictionCode | None = None
    obligor: Obligor = Field(Obligor.ADMINISTRATOR, description="Whose obligations are counted.")


class TimelinessOut(Out):
    group: str = Field(description="The rule id, adjuster id or administrator id (empty: unassigned).")
    label: str
    counted: int = Field(
        description="Done on time + done late + open past due (waived and cancelled are not counted)."
    )
    on_time: int
    late: int
    overdue: int
    share_on_time: float | None
    median_days_late: float | None

    @classmethod
    def of(cls, t: Timeliness) -> TimelinessOut:
        return cls(
            group=t.group,
            label=t.label,
            counted=t.counted,
            on_time=t.on_time,
            late=t.late,
            overdue=t.overdue,
            share_on_time=t.share_on_time,
            median_days_late=t.median_days_late,
        )


class TimelinessPage(Out):
    count: int
    items: list[TimelinessOut]

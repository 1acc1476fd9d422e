"""Every write of treatment requests: record, acknowledge, decide.

Each service checks the actor first (``treatment.access``: those who work the claim), then the
input, reporting every problem at once under the field it concerns; a refused request writes
nothing. Each step appends the claim's generic request event in the same transaction, under the
claim's row lock, with ``medical`` sensitivity (the service asked for and the diagnosis are
medical detail): ``request.received`` (subject ``treatment``), ``request.acknowledged`` and
``request.decided``. The rule pack counts on them: in NSW acknowledge within 10 business days
(``nsw.treatment_acknowledge``), decide within 21 calendar days of receipt
(``nsw.treatment_decision``), and advise the parties within 2 business days of the decision
(``nsw.treatment_decision_notice``). A request inside a pre-approval exemption
(``treatment.exemptions``) is recorded as exempt, with ``pre_approval: not_required`` on its
event, which starts none of those clocks; it needs no decision, and cannot be given one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.db import transaction

from opencomp.accounts.models import User
from opencomp.claims.access import require
from opencomp.claims.enums import ActivityParty, EventKind, RequestSubject, Sensitivity
from opencomp.claims.models import Claim, ClaimEvent
from opencomp.claims.selectors import claim_today
from opencomp.claims.services import claim_event_record, claim_lock, medical_read_record
from opencomp.core import clock
from opencomp.core.errors import ErrorCollector, ValidationFailed
from opencomp.core.money import CENT, to_money
from opencomp.jurisdictions.registry import JURISDICTIONS
from opencomp.parties.models import Provider
from opencomp.treatment import icd10cm
from opencomp.treatment.access import user_can_manage_treatment
from opencomp.treatment.enums import (
    PRE_APPROVAL_NOT_REQUIRED,
    PRE_APPROVAL_REQUIRED,
    TreatmentDecision,
    TreatmentService,
    TreatmentStatus,
)
from opencomp.treatment.exemptions import exemption_for
from opencomp.treatment.models import TreatmentRequest

NAME_LIMIT = 200
DESCRIPTION_LIMIT = 500
TEXT_LIMIT = 2000
MAX_TREATMENTS = 1000
MAX_COST = Decimal("9999999999.99")
MAX_CODES = 12


def _require_manages(actor: User, claim: Claim) -> None:
    require(
        user_can_manage_treatment(actor, claim),
        "Only those who work the claim record and decide treatment requests.",
    )


def _text(value: str | None) -> str:
    return " ".join((value or "").split())


def _fmt(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"


def _money(value: Decimal | str | int | None) -> str:
    return f"${value:,.2f}" if value is not None else ""


def _date(
    errors: ErrorCollector, name: str, value: dt.date | None, *, claim: Claim, what: str
) -> dt.date | None:
    """A required date that has happened, on or after the injury date."""
    if value is None:
        errors.add(name, f"give the date {what}")
        return None
    if value > claim_today(claim):
        errors.add(name, "is in the future")
        return None
    if value < claim.injury_date:
        errors.add(name, f"is before the injury date ({_fmt(claim.injury_date)})")
        return None
    return value


def _count(errors: ErrorCollector, name: str, value: int | None, *, least: int = 1) -> int | None:
    if value is None or isinstance(value, bool):
        errors.add(name, "give a whole number")
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        errors.add(name, "give a whole number")
        return None
    if number != value or number < least or number > MAX_TREATMENTS:
        errors.add(name, f"must be a whole number from {least} to {MAX_TREATMENTS}")
        return None
    return number


def _cost(errors: ErrorCollector, name: str, value: Decimal | str | None) -> Decimal | None:
    if value is None or value == "":
        errors.add(name, "give the amount (0.00 when there is no charge)")
        return None
    try:
        amount = to_money(value)
    except (TypeError, ValueError):
        errors.add(name, "give an amount such as 640.00")
        return None
    if amount < 0:
        errors.add(name, "must not be negative")
    elif amount > MAX_COST:
        errors.add(name, f"must be at most {MAX_COST:,}")
    elif amount != amount.quantize(CENT):
        errors.add(name, "must be in whole cents")
    else:
        return amount.quantize(CENT)
    return None


def _diagnosis_codes(errors: ErrorCollector, claim: Claim, codes: Iterable[str]) -> list[str]:
    """Billable ICD-10-CM codes, with their dots, in the order given; only for US claims."""
    given = [c for c in (codes or ()) if str(c).strip()]
    if not given:
        return []
    if JURISDICTIONS[claim.jurisdiction].country != "US":
        errors.add("diagnosis_codes", "ICD-10-CM codes are recorded on US claims only")
        return []
    if len(given) > MAX_CODES:
        errors.add("diagnosis_codes", f"give at most {MAX_CODES} codes")
        return []
    chosen: list[str] = []
    for raw in given:
        problem = icd10cm.problem(str(raw))
        if problem is not None:
            errors.add("diagnosis_codes", problem)
            continue
        found = icd10cm.lookup(str(raw))
        if found is not None and found.code not in chosen:
            chosen.append(found.code)
    return chosen


def _summary(service: str, description: str, treatments: int, cost: Decimal, provider_name: str) -> str:
    what = TreatmentService(service).label
    if description:
        what = f"{what}: {description}"
    return f"{what}; {treatments} treatment{'' if treatments == 1 else 's'}, {_money(cost)}; {provider_name}"


@transaction.atomic
def treatment_request_record(
    *,
    actor: User,
    claim: Claim,
    service: str,
    treatments: int | None,
    estimated_cost: Decimal | str | None,
    requested_on: dt.date | None,
    received_on: dt.date | None,
    provider: Provider | None = None,
    provider_name: str = "",
    description: str = "",
    diagnosis_codes: Iterable[str] = (),
) -> TreatmentRequest:
    """Record a treatment request received from a provider; appends ``request.received``.

    ``provider`` is one of the parties' providers, or ``provider_name`` names one not held there.
    The request is exempt from pre-approval when its service and the time from the injury to
    ``requested_on`` fall inside one of the jurisdiction's exemptions (``treatment.exemptions``);
    otherwise the decision clocks of the rule pack start on ``received_on``.

    Raises:
        PermissionDenied: the actor does not work the claim.
        ValidationFailed: naming ``service``, ``description``, ``provider_name``, ``treatments``,
            ``estimated_cost``, ``requested_on``, ``received_on`` or ``diagnosis_codes``;
            nothing is written.
    """
    _require_manages(actor, claim)
    errors = ErrorCollector()
    if service not in TreatmentService.values:
        errors.add("service", f"choose one of: {', '.join(TreatmentService.values)}")
    description = _text(description)
    if service == TreatmentService.OTHER and not description:
        errors.add("description", "say what service is asked for")
    elif len(description) > DESCRIPTION_LIMIT:
        errors.add("description", f"must be at most {DESCRIPTION_LIMIT} characters")
    name = _text(provider_name) or (provider.name if provider is not None else "")
    if not name:
        errors.add("provider_name", "choose the provider or name them")
    elif len(name) > NAME_LIMIT:
        errors.add("provider_name", f"must be at most {NAME_LIMIT} characters")
    count = _count(errors, "treatments", treatments)
    cost = _cost(errors, "estimated_cost", estimated_cost)
    requested = _date(errors, "requested_on", requested_on, claim=claim, what="the provider made the request")
    received = _date(errors, "received_on", received_on, claim=claim, what="the request was received")
    if requested is not None and received is not None and received < requested:
        errors.add("received_on", f"is before the request was made ({_fmt(requested)})")
    codes = _diagnosis_codes(errors, claim, diagnosis_codes)
    errors.raise_if_any("The treatment request was not recorded.")
    assert count is not None  # noqa: S101
    assert cost is not None  # noqa: S101
    assert requested is not None  # noqa: S101
    assert received is not None  # noqa: S101
    claim = claim_lock(claim)
    exemption = exemption_for(
        jurisdiction=claim.jurisdiction,
        service=service,
        treatments=count,
        injury_date=claim.injury_date,
        requested_on=requested,
    )
    request = TreatmentRequest.objects.create(
        claim=claim,
        service=service,
        description=description,
        provider=provider,
        provider_name=name,
        treatments=count,
        estimated_cost=cost,
        requested_on=requested,
        received_on=received,
        diagnosis_codes=codes,
        status=TreatmentStatus.EXEMPT if exemption else TreatmentStatus.RECEIVED,
        exemption=exemption.reason if exemption else "",
        received_seq=claim.last_event_seq + 1,  # the event appended next (the claim is locked)
        recorded_by=actor,
        recorded_at=clock.now(),
    )
    event = claim_event_record(
        actor=actor,
        claim=claim,
        kind=EventKind.REQUEST_RECEIVED,
        payload={
            "subject": RequestSubject.TREATMENT,
            "received_on": received.isoformat(),
            "from_party": ActivityParty.PROVIDER,
            "description": _summary(service, description, count, cost, name),
            "treatment_request_id": request.pk,
            "service": service,
            "treatments": count,
            "estimated_cost": str(cost),
            "provider_name": name,
            "diagnosis_codes": codes,
            "pre_approval": PRE_APPROVAL_NOT_REQUIRED if exemption else PRE_APPROVAL_REQUIRED,
            "exemption": exemption.reason if exemption else None,
        },
        sensitivity=Sensitivity.MEDICAL,
    )
    if event.seq != request.received_seq:  # the log and the row must agree
        raise RuntimeError(
            f"treatment request {request.pk} expected event {request.received_seq}, got {event.seq}"
        )
    return request


def _locked(request: TreatmentRequest) -> tuple[Claim, TreatmentRequest]:
    claim = claim_lock(request.claim)
    return claim, TreatmentRequest.objects.select_for_update().get(pk=request.pk)


@transaction.atomic
def treatment_request_acknowledge(
    *, actor: User, request: TreatmentRequest, note: str = ""
) -> TreatmentRequest:
    """Acknowledge a received request; appends ``request.acknowledged``.

    Raises:
        PermissionDenied: the actor does not work the claim.
        ValidationFailed: naming ``status`` (exempt, already acknowledged or decided) or ``note``.
    """
    _require_manages(actor, request.claim)
    claim, request = _locked(request)
    if request.status == TreatmentStatus.EXEMPT:
        raise ValidationFailed.for_field("status", "needs no pre-approval: there is nothing to acknowledge")
    if request.status != TreatmentStatus.RECEIVED:
        raise ValidationFailed.for_field("status", f"was already {request.get_status_display().lower()}")
    note = (note or "").strip()
    if len(note) > TEXT_LIMIT:
        raise ValidationFailed.for_field("note", f"must be at most {TEXT_LIMIT} characters")
    event = claim_event_record(
        actor=actor,
        claim=claim,
        kind=EventKind.REQUEST_ACKNOWLEDGED,
        payload={"request_seq": request.received_seq, "note": note, "treatment_request_id": request.pk},
        sensitivity=Sensitivity.MEDICAL,
    )
    request.status = TreatmentStatus.ACKNOWLEDGED
    request.acknowledged_seq = event.seq
    request.acknowledged_at = event.recorded_at
    request.save(update_fields=["status", "acknowledged_seq", "acknowledged_at"])
    return request


@transaction.atomic
def treatment_request_decide(
    *,
    actor: User,
    request: TreatmentRequest,
    decision: str,
    reasons: str,
    approved_treatments: int | None = None,
    approved_cost: Decimal | str | None = None,
) -> TreatmentRequest:
    """Decide a request, with reasons; appends ``request.decided`` (the notice clock starts on it).

    ``approved``: the whole request (the numbers, when given, must be those asked for);
    ``partly_approved``: fewer treatments or a lower cost than asked, at least one given;
    ``declined``: nothing approved (give no numbers).

    Raises:
        PermissionDenied: the actor does not work the claim.
        ValidationFailed: naming ``status`` (exempt or already decided), ``decision``, ``reasons``,
            ``approved_treatments`` or ``approved_cost``; nothing is written.
    """
    _require_manages(actor, request.claim)
    claim, request = _locked(request)
    if request.status == TreatmentStatus.EXEMPT:
        raise ValidationFailed.for_field("status", "needs no pre-approval: there is nothing to decide")
    if request.status == TreatmentStatus.DECIDED:
        raise ValidationFailed.for_field(
            "status", f"was already decided ({request.get_decision_display().lower()})"
        )
    errors = ErrorCollector()
    if decision not in TreatmentDecision.values:
        errors.add("decision", f"choose one of: {', '.join(TreatmentDecision.values)}")
    reasons = (reasons or "").strip()
    if not reasons:
        errors.add("reasons", "give the reasons for the decision")
    elif len(reasons) > TEXT_LIMIT:
        errors.add("reasons", f"must be at most {TEXT_LIMIT} characters")
    count: int | None = None
    cost: Decimal | None = None
    if approved_treatments is not None:
        count = _count(errors, "approved_treatments", approved_treatments, least=0)
        if count is not None and count > request.treatments:
            errors.add("approved_treatments", f"is more than the {request.treatments} asked for")
    if approved_cost is not None and approved_cost != "":
        cost = _cost(errors, "approved_cost", approved_cost)
        if cost is not None and cost > request.estimated_cost:
            errors.add("approved_cost", f"is more than the {_money(request.estimated_cost)} asked for")
    if decision == TreatmentDecision.APPROVED:
        if count is not None and count != request.treatments:
            errors.add("approved_treatments", "approve the number asked for, or decide partly approved")
        if cost is not None and cost != request.estimated_cost:
            errors.add("approved_cost", "approve the cost asked for, or decide partly approved")
        count, cost = request.treatments, request.estimated_cost
    elif decision == TreatmentDecision.PARTLY_APPROVED and not errors.errors:
        count = request.treatments if count is None else count
        cost = request.estimated_cost if cost is None else cost
        if count == request.treatments and cost == request.estimated_cost:
            errors.add("approved_treatments", "give fewer treatments or a lower cost than asked for")
        elif count == 0 or cost == 0:
            name = "approved_treatments" if count == 0 else "approved_cost"
            errors.add(name, "approves nothing: decide declined instead")
    elif decision == TreatmentDecision.DECLINED:
        if count is not None:
            errors.add("approved_treatments", "leave empty when declining")
        if cost is not None:
            errors.add("approved_cost", "leave empty when declining")
        count, cost = None, None
    errors.raise_if_any("The treatment request was not decided.")
    event = claim_event_record(
        actor=actor,
        claim=claim,
        kind=EventKind.REQUEST_DECIDED,
        payload={
            "request_seq": request.received_seq,
            "decision": decision,
            "reason": reasons,
            "treatment_request_id": request.pk,
            "approved_treatments": count,
            "approved_cost": str(cost) if cost is not None else None,
        },
        sensitivity=Sensitivity.MEDICAL,
    )
    request.status = TreatmentStatus.DECIDED
    request.decision = decision
    request.reasons = reasons
    request.approved_treatments = count
    request.approved_cost = cost
    request.decided_seq = event.seq
    request.decided_at = event.recorded_at
    request.decided_by = actor
    request.save(
        update_fields=[
            "status",
            "decision",
            "reasons",
            "approved_treatments",
            "approved_cost",
            "decided_seq",
            "decided_at",
            "decided_by",
        ]
    )
    return request


def treatment_reads_record(
    *, user: User, claim: Claim, requests: Iterable[TreatmentRequest], channel: str
) -> None:
    """Record that ``user`` was shown these requests (medical detail): one ``MedicalDetailRead`` row.

    The row names the requests' ``request.received`` events (and their decisions), through
    ``channel`` (``web`` or ``api``); nothing is written when no request was shown.
    """
    seqs: list[int] = []
    for r in requests:
        seqs += [s for s in (r.received_seq, r.acknowledged_seq, r.decided_seq) if s is not None]
    if seqs:
        events = list(ClaimEvent.objects.filter(claim=claim, seq__in=seqs).order_by("seq"))
        medical_read_record(user=user, claim=claim, events=events, channel=channel)

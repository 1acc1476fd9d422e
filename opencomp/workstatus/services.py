"""Every write of work status: record a report (certificate of capacity, RTW pass, activity report).

``work_status_record`` checks the actor (``workstatus.access``: those who work the claim and
its treating providers), then the input, reporting every problem at once under the field it
concerns; a refused request writes nothing. Under the claim's row lock it writes the report
and appends ``work_status.recorded`` (``medical`` sensitivity: employers read work status only
through ``workstatus.access``) in the same transaction. ``certificate`` in the payload is true
for a certificate of capacity, so the NSW rule ``nsw.certificate_current`` keeps its 28-day
item current; a report of capacity ``partial`` starts Colorado's ``co.modified_duty_letter``
where the employer runs a modified duty program. A correction is a new report naming the one
it corrects (and a new event correcting that report's event).

When capacity or restrictions change from the previous report, the claim's adjuster and the
employer's supervisors and WC / RTW coordinators get an in-app notice; employer-side users only
while a consent in force releases ``capacity_restrictions`` to the employer, and then only
capacity, hours, restrictions, validity and next review (never the provider or a document).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction

from opencomp.accounts.enums import Role
from opencomp.accounts.models import NotificationChannel, User
from opencomp.accounts.services import notification_queue
from opencomp.claims.access import require
from opencomp.claims.enums import EventKind, Sensitivity, WorkCapacity
from opencomp.claims.models import Claim, ClaimEvent
from opencomp.claims.selectors import claim_today
from opencomp.claims.services import claim_event_record, claim_lock
from opencomp.consent.enums import ConsentCategory
from opencomp.consent.selectors import employer_released_categories
from opencomp.core import clock
from opencomp.core.errors import ErrorCollector
from opencomp.documents.enums import DocumentCategory
from opencomp.documents.models import ClaimDocument
from opencomp.jurisdictions.registry import JURISDICTIONS
from opencomp.parties.models import Provider
from opencomp.workstatus import rules
from opencomp.workstatus.access import user_can_record_work_status
from opencomp.workstatus.enums import ReportKind
from opencomp.workstatus.models import WorkStatusReport
from opencomp.workstatus.selectors import work_status_latest

NAME_LIMIT = 200
TEXT_LIMIT = 4000
RESTRICTIONS_MAX = 20
RECORD_REFUSED = "Only those who work the claim and its treating providers record work status."


def _fmt(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"


def _number(errors: ErrorCollector, name: str, value: Any, *, maximum: Decimal, what: str) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, float):
        errors.add(name, "give the number as a decimal string, not a float")
        return None
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        errors.add(name, "must be a number")
        return None
    if not number.is_finite() or not Decimal(0) < number <= maximum:
        errors.add(name, f"must be more than 0 and at most {maximum} {what}")
        return None
    if number != number.quantize(Decimal("0.01")):
        errors.add(name, "has more than two decimal places")
        return None
    return number


def _day(
    errors: ErrorCollector, name: str, value: dt.date | None, *, claim: Claim, required: bool, what: str
) -> dt.date | None:
    if value is None:
        if required:
            errors.add(name, f"give the date {what}")
        return None
    if value < claim.injury_date:
        errors.add(name, f"is before the injury date ({_fmt(claim.injury_date)})")
        return None
    return value


def _restrictions(
    errors: ErrorCollector, items: Iterable[dict[str, Any]], *, unit: str
) -> list[dict[str, str]]:
    cleaned: list[dict[str, str]] = []
    seen: set[str] = set()
    rows = list(items or ())
    if len(rows) > RESTRICTIONS_MAX:
        errors.add("restrictions", f"at most {RESTRICTIONS_MAX} restrictions")
        return []
    for index, item in enumerate(rows):
        if not isinstance(item, dict):
            errors.add(f"restrictions.{index}", "must be an object with kind, limit, unit, side and note")
            continue
        out, problems = rules.restriction_clean(item, unit=unit)
        for field_name, message in problems.items():
            errors.add(f"restrictions.{index}.{field_name}", message)
        if out["kind"] in seen and out["kind"] != "other":
            errors.add(f"restrictions.{index}.kind", "is given twice; give each restriction once")
        seen.add(out["kind"])
        if not problems:
            cleaned.append(out)
    return cleaned


def _occurred_at(claim: Claim, day: dt.date) -> dt.datetime:
    """The start of ``day`` in the claim's jurisdiction: the report's date on the log."""
    zone = ZoneInfo(JURISDICTIONS[claim.jurisdiction].time_zone)
    return dt.datetime.combine(day, dt.time.min, tzinfo=zone)


@transaction.atomic
def work_status_record(
    *,
    actor: User,
    claim: Claim,
    kind: str,
    examined_on: dt.date | None,
    valid_from: dt.date | None,
    capacity: str,
    valid_to: dt.date | None = None,
    hours_per_day: Decimal | str | None = None,
    days_per_week: Decimal | str | None = None,
    restrictions: Iterable[dict[str, Any]] = (),
    restrictions_text: str = "",
    next_review_on: dt.date | None = None,
    provider_id: int | None = None,
    provider_name: str = "",
    document_id: int | None = None,
    corrects_id: int | None = None,
    correction_reason: str = "",
) -> WorkStatusReport:
    """Record a certificate of capacity, RTW pass or activity report; appends ``work_status.recorded``.

    The report says what the worker can do (``capacity``; hours a day and days a week able to
    work; structured ``restrictions`` and free text) from ``valid_from`` to ``valid_to``
    (inclusive; none: until reviewed), when it is reviewed next, and who issued it (one of the
    claim's providers, or a typed name). ``document_id`` links the uploaded certificate (a
    document of category certificate on this claim). ``corrects_id`` names a report of the
    claim this one corrects, with ``correction_reason``.

    Raises:
        PermissionDenied: the actor neither works the claim nor treats the worker on it.
        ValidationFailed: naming ``kind``, ``examined_on``, ``valid_from``, ``valid_to``,
            ``capacity``, ``hours_per_day``, ``days_per_week``, ``restrictions.<n>.<field>``,
            ``restrictions_text``, ``next_review_on``, ``provider_id``, ``provider_name``,
            ``document_id``, ``corrects_id`` or ``correction_reason``; nothing is written.
    """
    require(user_can_record_work_status(actor, claim), RECORD_REFUSED)
    errors = ErrorCollector()
    if kind not in ReportKind.values:
        errors.add("kind", f"choose one of: {', '.join(ReportKind.values)}")
    if capacity not in WorkCapacity.values:
        errors.add("capacity", f"choose one of: {', '.join(WorkCapacity.values)}")
    today = claim_today(claim)
    examined = _day(errors, "examined_on", examined_on, claim=claim, required=True, what="of the examination")
    if examined is not None and examined > today:
        errors.add("examined_on", "is in the future")
    start = _day(errors, "valid_from", valid_from, claim=claim, required=True, what="the report covers from")
    if valid_to is not None and start is not None and valid_to < start:
        errors.add("valid_to", f"is before the first day it covers ({_fmt(start)})")
    if next_review_on is not None and examined is not None and next_review_on < examined:
        errors.add("next_review_on", f"is before the examination ({_fmt(examined)})")
    hours = _number(errors, "hours_per_day", hours_per_day, maximum=rules.HOURS_PER_DAY_MAX, what="hours")
    days = _number(errors, "days_per_week", days_per_week, maximum=rules.DAYS_PER_WEEK_MAX, what="days")
    if capacity == WorkCapacity.NONE:
        if hours is not None:
            errors.add("hours_per_day", "leave empty: the worker has no capacity for work")
        if days is not None:
            errors.add("days_per_week", "leave empty: the worker has no capacity for work")
    unit = rules.weight_unit(JURISDICTIONS[claim.jurisdiction].country)
    items = _restrictions(errors, restrictions, unit=unit)
    text = (restrictions_text or "").strip()
    if len(text) > TEXT_LIMIT:
        errors.add("restrictions_text", f"must be at most {TEXT_LIMIT} characters")
    if capacity == WorkCapacity.FULL and (items or text):
        errors.add("restrictions", "a worker fit for pre-injury duties has no restrictions")
    provider: Provider | None = None
    name = " ".join((provider_name or "").split())
    if provider_id is not None:
        provider = Provider.objects.filter(pk=provider_id, claim_roles__claim=claim).first()
        if provider is None:
            errors.add("provider_id", "is not a provider on this claim; add them first or type the name")
        elif name:
            errors.add("provider_name", "leave empty when a provider of the claim is chosen")
        else:
            name = provider.name
    elif not name:
        errors.add("provider_name", "name the provider who issued it, or choose one of the claim's providers")
    elif len(name) > NAME_LIMIT:
        errors.add("provider_name", f"must be at most {NAME_LIMIT} characters")
    document: ClaimDocument | None = None
    if document_id is not None:
        document = ClaimDocument.objects.filter(pk=document_id, claim=claim).first()
        if document is None:
            errors.add("document_id", "is not a document of this claim")
        elif document.category != DocumentCategory.CERTIFICATE:
            errors.add("document_id", f"is a {document.get_category_display().lower()}, not a certificate")
    corrected: WorkStatusReport | None = None
    reason = (correction_reason or "").strip()
    if corrects_id is not None:
        corrected = WorkStatusReport.objects.filter(pk=corrects_id, claim=claim).first()
        if corrected is None:
            errors.add("corrects_id", "is not a work status report of this claim")
        elif WorkStatusReport.objects.filter(corrects=corrected).exists():
            errors.add("corrects_id", "has already been corrected; correct the correction instead")
        if not reason:
            errors.add("correction_reason", "say what was wrong with the report corrected")
    elif reason:
        errors.add("correction_reason", "only a correction takes a reason")
    if len(reason) > TEXT_LIMIT:
        errors.add("correction_reason", f"must be at most {TEXT_LIMIT} characters")
    errors.raise_if_any("The work status was not recorded.")
    assert examined is not None  # no errors: it was given  # noqa: S101
    assert start is not None  # noqa: S101

    claim = claim_lock(claim)
    if corrected is not None and WorkStatusReport.objects.filter(corrects=corrected).exists():
        errors.add("corrects_id", "has already been corrected; correct the correction instead")
        errors.raise_if_any("The work status was not recorded.")
    previous = corrected if corrected is not None else work_status_latest(claim=claim)
    report = WorkStatusReport.objects.create(
        claim=claim,
        kind=kind,
        examined_on=examined,
        valid_from=start,
        valid_to=valid_to,
        capacity=capacity,
        hours_per_day=hours,
        days_per_week=days,
        restrictions=items,
        restrictions_text=text,
        next_review_on=next_review_on,
        provider=provider,
        provider_name=name,
        document=document,
        corrects=corrected,
        correction_reason=reason,
        recorded_by=actor,
        recorded_at=clock.now(),
        seq=claim.last_event_seq + 1,  # the event appended next
    )
    corrected_event = (
        ClaimEvent.objects.get(claim=claim, seq=corrected.seq) if corrected is not None else None
    )
    event = claim_event_record(
        actor=actor,
        claim=claim,
        kind=EventKind.WORK_STATUS_RECORDED,
        payload={
            "capacity": capacity,
            "from_date": start.isoformat(),
            "to_date": valid_to.isoformat() if valid_to else None,
            "restrictions": text,
            "certificate": kind == ReportKind.CERTIFICATE,
            "provider_name": name,
            "report_id": report.pk,
            "report_kind": kind,
            "examined_on": examined.isoformat(),
            "hours_per_day": str(hours) if hours is not None else None,
            "days_per_week": str(days) if days is not None else None,
            "restriction_items": [{k: v for k, v in i.items() if k != "limit" or v} for i in items],
            "next_review_on": next_review_on.isoformat() if next_review_on else None,
            "provider_id": provider.pk if provider else None,
            "document_id": document.pk if document else None,
        },
        occurred_at=_occurred_at(claim, examined),
        sensitivity=Sensitivity.MEDICAL,
        corrects=corrected_event,
    )
    if event.seq != report.seq:  # pragma: no cover - the claim row lock makes this impossible
        raise RuntimeError("work status report and its event disagree on the sequence number")
    if previous is None or (
        previous.capacity != capacity
        or rules.restrictions_differ(previous.restrictions, previous.restrictions_text, items, text)
    ):
        _notify_change(actor=actor, claim=claim, report=report, previous=previous)
    return report


def status_summary(report: WorkStatusReport) -> str:
    """Capacity, hours, days, validity, restrictions and next review in words (what an employer may read)."""
    parts = [WorkCapacity(report.capacity).label]
    if report.hours_per_day is not None:
        parts.append(f"{report.hours_per_day.normalize():f} hours a day")
    if report.days_per_week is not None:
        parts.append(f"{report.days_per_week.normalize():f} days a week")
    until = f" to {_fmt(report.valid_to)}" if report.valid_to else " until reviewed"
    lines = [", ".join(parts) + f", from {_fmt(report.valid_from)}{until}."]
    restrictions = [rules.describe_restriction(i) for i in report.restrictions]
    if report.restrictions_text:
        restrictions.append(report.restrictions_text)
    if restrictions:
        lines.append("Restrictions: " + "; ".join(restrictions) + ".")
    if report.next_review_on:
        lines.append(f"Next review {_fmt(report.next_review_on)}.")
    return "\n".join(lines)


def _notify_change(
    *, actor: User, claim: Claim, report: WorkStatusReport, previous: WorkStatusReport | None
) -> None:
    """In-app notices of a change of capacity or restrictions (see the module docstring)."""
    subject = f"Work status changed on claim {claim.number}"
    summary = status_summary(report)
    before = (
        f"Before: {WorkCapacity(previous.capacity).label} (report of {_fmt(previous.examined_on)})."
        if previous is not None
        else "This is the first work status report on the claim."
    )
    adjuster = claim.assigned_adjuster
    if adjuster is not None and adjuster.pk != actor.pk and adjuster.is_active:
        notification_queue(
            recipient=adjuster,
            recipient_name=adjuster.get_full_name() or adjuster.username,
            recipient_address="",
            channel=NotificationChannel.PORTAL,
            subject=subject,
            body=(
                f"{ReportKind(report.kind).label} of {_fmt(report.examined_on)} from {report.provider_name} "
                f"for {claim.worker}: {summary}\n{before}"
            ),
            claim_number=claim.number,
        )
    employer_people = User.objects.filter(
        organisation_id=claim.employer_id,
        role__in=[Role.EMPLOYER_COORDINATOR, Role.EMPLOYER_SUPERVISOR],
        is_active=True,
    ).order_by("pk")
    for person in employer_people:
        if person.pk == actor.pk:
            continue
        if ConsentCategory.CAPACITY_RESTRICTIONS not in employer_released_categories(person, claim):
            continue  # not released by the worker: the employer is told nothing of it
        notification_queue(
            recipient=person,
            recipient_name=person.get_full_name() or person.username,
            recipient_address="",
            channel=NotificationChannel.PORTAL,
            subject=subject,
            body=(
                f"The work status of {claim.worker} changed (released to the employer with the worker's "
                f"consent).\n{summary}"
            ),
            claim_number=claim.number,
        )

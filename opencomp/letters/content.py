"""What a letter says: the claim's facts a template is filled with, and what is still missing.

Everything is read from the claim's log and ledger as it stands: the liability decision the
letter answers, the wage statement (AWW / PIAWE) with the steps of its calculation, the
weekly rates decided with theirs, the benefits paid. Values are formatted once, here, so
the stored copy of the facts (``Letter.content``) is exactly what was printed.

A letter that the law requires to carry a figure cannot be issued without it: ``missing``
says what to record first (a NSW liability notice without PIAWE, a Colorado admission of a
lost-time claim without its AWW and TTD rate).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from opencomp.accounts.models import User
from opencomp.benefits.calculators.types import dollars
from opencomp.benefits.selectors import BenefitSummary, benefit_summary
from opencomp.claims.enums import ClaimType, EventKind
from opencomp.claims.liability import MAINTENANCE_CARE, NSW_REASONABLE_EXCUSES, option
from opencomp.claims.models import Claim, ClaimEvent
from opencomp.jurisdictions.benefit_params import MissingFigure, benefit_parameters
from opencomp.jurisdictions.registry import JURISDICTIONS
from opencomp.letters.catalog import LetterTemplate
from opencomp.payments.enums import Category
from opencomp.payments.selectors import financial_summary
from opencomp.physicians.enums import ImeStatus
from opencomp.physicians.selectors import ime_referrals

#: Seed 004, Liability dispute: what a worker may do about a s 78 notice.
NSW_REVIEW_OPTIONS = (
    "Ask us to review the decision. A senior team member who had no part in the original decision will "
    "review the claim and make an independent determination. Please send us any new information you think "
    "might influence the decision.",
    "Contact the Independent Review Office (IRO) on 13 94 76.",
    "Contact your union or a solicitor.",
)
#: C.R.S. 8-43-203(1)(a): an expedited hearing may be requested within 45 days of the NOC's mailing.
CO_EXPEDITED_HEARING_DAYS = 45
BENEFIT_LABELS = {
    "TTD": "Temporary total disability (TTD)",
    "TPD": "Temporary partial disability (TPD)",
    "weekly": "Weekly payments",
}


@dataclass(frozen=True)
class Addressee:
    """Who a letter can go to, as the claim knows them."""

    party: str
    name: str
    address: str
    email: str


@dataclass(frozen=True)
class LetterContent:
    template: LetterTemplate
    facts: dict[str, Any]
    missing: tuple[str, ...]
    #: The claim event the letter answers (the ``liability.decided``), if any.
    subject_seq: int | None
    addressees: tuple[Addressee, ...]

    @property
    def ready(self) -> bool:
        return not self.missing


def long_date(value: dt.date) -> str:
    return f"{value.day} {value:%B %Y}"


def _address(*parts: str) -> str:
    return "\n".join(p for p in parts if p and p.strip())


def addressees(claim: Claim) -> tuple[Addressee, ...]:
    worker = claim.worker
    place = claim.establishment
    employer_address = (
        _address(place.street, f"{place.city} {place.region} {place.postcode}".strip()) if place else ""
    )
    return (
        Addressee(
            "worker",
            f"{worker.given_name} {worker.family_name}",
            _address(worker.street, f"{worker.city} {worker.region} {worker.postcode}".strip()),
            worker.email,
        ),
        Addressee("employer", claim.employer.name, employer_address, ""),
    )


def _common(claim: Claim, template: LetterTemplate, on: dt.date) -> dict[str, Any]:
    adjuster = claim.assigned_adjuster
    return {
        "title": template.title,
        "reference": template.reference,
        "citation": template.citation,
        "enclosures": list(template.enclosures),
        "letter_date": long_date(on),
        "claim_number": claim.number,
        "jurisdiction": claim.jurisdiction,
        "administrator": claim.administrator.name,
        "adjuster": (adjuster.get_full_name() or adjuster.username) if adjuster else "",
        "adjuster_email": adjuster.email if adjuster else "",
        "worker": f"{claim.worker.given_name} {claim.worker.family_name}",
        "employer": claim.employer.name,
        "injury_date": long_date(claim.injury_date),
        "notification_date": long_date(claim.notification_date),
        "nature_of_injury": claim.nature_of_injury,
        "body_part": claim.body_part,
        "lost_time": claim.claim_type == ClaimType.LOST_TIME,
    }


def _decision(
    claim: Claim, template: LetterTemplate, missing: list[str]
) -> tuple[dict[str, Any], int | None]:
    event = (
        ClaimEvent.objects.filter(claim=claim, kind=EventKind.LIABILITY_DECIDED)
        .select_related("actor")
        .order_by("-seq")
        .first()
    )
    if event is None:
        missing.append(f"Record the liability decision first: this letter answers a {_decisions(template)}.")
        return {}, None
    p = event.payload
    if p["decision"] not in template.decisions:
        missing.append(
            f"The claim's latest liability decision is {p['label'].lower()}; this letter answers a "
            f"{_decisions(template)}."
        )
        return {}, None
    manager = User.objects.filter(pk=p["signed_off_by"]).first() if p.get("signed_off_by") else None
    facts: dict[str, Any] = {
        "decision": p["decision"],
        "decision_label": p["label"],
        "decided_on": long_date(event.occurred_at.date()),
        "decided_by": (event.actor.get_full_name() or event.actor.username) if event.actor else "",
        "decision_citation": p["citation"],
        "reasons": p.get("reasons", ""),
        "excuses": [NSW_REASONABLE_EXCUSES[e] for e in p.get("excuses", []) if e in NSW_REASONABLE_EXCUSES],
        "worker_action": p.get("worker_action", ""),
        "evidence": list(p.get("evidence", [])),
        "signed_off_by": (manager.get_full_name() or manager.username) if manager else "",
    }
    if p["decision"] == "final_admission":
        impairment = p.get("impairment_percent")
        facts |= {
            "mmi_date": long_date(dt.date.fromisoformat(p["mmi_date"])),
            "impairment": f"{Decimal(impairment)}%" if impairment is not None else "",
            "permanent_restrictions": p.get("permanent_restrictions", ""),
            "maintenance_care": MAINTENANCE_CARE.get(p.get("maintenance_care", ""), ""),
            "maintenance_care_details": p.get("maintenance_care_details", ""),
        }
    return facts, event.seq


#: What to record before a letter about a claim event can be issued.
SUBJECT_MISSING = {
    "claim.finalisation_recorded": (
        "Close the claim first (its closing checks and reason): this letter confirms the closure."
    ),
    "recurrence.determined": (
        "Record the recurrence or aggravation determination first: this letter advises it."
    ),
    "modified_duty.offered": "Make the modified duty offer first (Modified duty page): this letter is it.",
}
REOPEN_WORDS = {"recurrence": "a recurrence", "aggravation": "an aggravation"}


def _subject(claim: Claim, template: LetterTemplate, missing: list[str]) -> tuple[dict[str, Any], int | None]:
    event = ClaimEvent.objects.filter(claim=claim, kind=template.subject_event).order_by("-seq").first()
    if event is None:
        missing.append(SUBJECT_MISSING.get(template.subject_event, f"Record {template.subject_event} first."))
        return {}, None
    p = event.payload
    if template.subject_event == "modified_duty.offered":
        return _modified_duty(p), event.seq
    if template.subject_event == "claim.finalisation_recorded":
        if claim.status != p["to_status"]:
            missing.append(f"The claim is {claim.status.replace('_', ' ')} again since it was closed.")
        return {
            "closed_as": p["to_status"],
            "closed_on": long_date(event.occurred_at.date()),
            "closure_reason": p["reason_label"],
            "closure_details": p.get("details", ""),
        }, event.seq
    reopened = ClaimEvent.objects.filter(claim=claim, seq=p["reopening_seq"]).first()
    return {
        "recurrence_outcome": p["outcome"],
        "recurrence_kind_words": REOPEN_WORDS.get(p["kind"], p["kind"]),
        "decided_on": long_date(dt.date.fromisoformat(p["decided_on"])),
        "further_treatment_required": p["further_treatment_required"],
        "recurrence_reasons": p["reasons"],
        "reopened_notified_on": (
            long_date(dt.date.fromisoformat(reopened.payload["notified_on"])) if reopened else ""
        ),
    }, event.seq


def _modified_duty(p: dict[str, Any]) -> dict[str, Any]:
    """The offer of modified duty as ``modified_duty.offered`` recorded it (``rtw.services``)."""
    approved_on = p.get("atp_approved_on")
    return {
        "md_position": p["position"],
        "md_department": p["department"],
        "md_agency": p.get("agency", ""),
        "md_other_placement": p.get("other_placement", False),
        "md_duties": p["duties"],
        "md_hours_per_day": f"{Decimal(p['hours_per_day']).normalize():f}",
        "md_days_per_week": f"{Decimal(p['days_per_week']).normalize():f}",
        "md_weekly_earnings": dollars(Decimal(p["weekly_earnings"])),
        "md_start_on": long_date(dt.date.fromisoformat(p["start_on"])),
        "md_limit_on": long_date(dt.date.fromisoformat(p["limit_on"])),
        "md_restrictions_of": long_date(dt.date.fromisoformat(p["restrictions_of"])),
        "md_demands": [_demand_words(d) for d in p.get("demands", [])],
        "md_atp_approved_by": p.get("atp_approved_by", ""),
        "md_atp_approved_on": long_date(dt.date.fromisoformat(approved_on)) if approved_on else "",
    }


def _demand_words(d: dict[str, Any]) -> str:
    words = str(d["kind"]).replace("_", " ").capitalize()
    if d.get("limit"):
        unit = "minutes at a time" if d.get("unit") == "min" else d.get("unit", "")
        words += f": up to {d['limit']} {unit}".rstrip()
    if d.get("side"):
        words += f" ({d['side']})"
    if d.get("kind") == "other" and d.get("note"):
        words += f": {d['note']}"
    return words


def _decisions(template: LetterTemplate) -> str:
    labels = []
    for code in sorted(template.decisions):
        for jurisdiction in sorted(template.jurisdictions):
            found = option(jurisdiction, code)
            if found:
                labels.append(found.label.lower())
    return " or ".join(labels)


def _wages(summary: BenefitSummary) -> dict[str, Any]:
    statement = summary.wage_statement
    if statement is None:
        return {"wage": None, "rates": []}
    rates = [
        {
            "benefit": BENEFIT_LABELS.get(b.benefit, b.benefit),
            "weekly_rate": dollars(b.current.weekly_rate),
            "effective_from": long_date(b.current.effective_from),
            "explanation": list(b.current.payload.get("explanation", [])),
        }
        for b in summary.decided
        if b.current is not None
    ]
    return {
        "wage": {
            "label": summary.basis_label,
            "amount": dollars(statement.average_weekly_wage),
            "after_tax": dollars(statement.after_tax_aww) if statement.after_tax_aww is not None else "",
            "method": statement.method,
            "explanation": list(statement.payload.get("explanation", [])),
            "recorded_on": long_date(statement.recorded_at.date()),
        },
        "rates": rates,
    }


def _nsw_provisional(claim: Claim, on: dt.date) -> dict[str, Any]:
    params = benefit_parameters("NSW")
    try:
        weeks = params.figure("provisional_weeks", claim.injury_date)
        medical = params.figure("provisional_medical_limit", on)
    except MissingFigure as exc:  # the pack is the source; say so rather than guess
        return {"provisional_missing": str(exc)}
    return {
        "provisional_weeks": weeks.text,
        "provisional_medical_limit": medical.text,
        "provisional_citation": str(params.citation("provisional").citation),
    }


def _step_down(summary: BenefitSummary, missing: list[str], on: dt.date) -> dict[str, Any]:
    found = summary.step_downs
    if found is None:
        missing.append(
            "Decide the weekly payment rate first: the step-down date is counted from the weeks paid."
        )
        return {}
    upcoming = [d for d in found.scheduled if d >= on]
    when = upcoming[0] if upcoming else found.second_period_starts
    weekly = summary.benefit("weekly")
    later = [d for d in (weekly.in_force if weekly else ()) if d.effective_from >= when]
    before = [d for d in (weekly.in_force if weekly else ()) if d.effective_from < when]
    return {
        "step_down_date": long_date(when),
        "weeks_paid": found.weeks_paid,
        "first_incapacity": long_date(found.first_incapacity),
        "current_rate": dollars(before[-1].weekly_rate) if before else "",
        "new_rate": dollars(later[0].weekly_rate) if later else "",
        "new_rate_explanation": list(later[0].payload.get("explanation", [])) if later else [],
        "step_down_explanation": list(found.explanation),
    }


def _ime_appointment(claim: Claim, missing: list[str], on: dt.date) -> tuple[dict[str, Any], int | None]:
    """The next IME appointment still scheduled on or after ``on`` (``physicians``)."""
    zone = ZoneInfo(JURISDICTIONS[claim.jurisdiction].time_zone)
    found = [
        r
        for r in ime_referrals(claim).filter(status=ImeStatus.SCHEDULED).order_by("appointment_at", "pk")
        if r.appointment_at.astimezone(zone).date() >= on
    ]
    if not found:
        missing.append("Record the IME referral first: this letter gives its appointment.")
        return {}, None
    r = found[0]
    at = r.appointment_at.astimezone(zone)
    return {
        "ime_when": f"{long_date(at.date())}, {at:%H:%M}",
        "ime_doctor": r.doctor_name,
        "ime_specialty": r.specialty,
        "ime_place": r.place,
        "ime_notice_given_on": long_date(r.notice_given_on),
        "ime_shorter_notice": r.shorter_notice_note if r.shorter_notice_agreed else "",
    }, r.scheduled_seq


def _benefits_paid(claim: Claim, summary: BenefitSummary) -> dict[str, Any]:
    lines = [
        {"label": BENEFIT_LABELS.get(b.benefit, b.benefit), "amount": dollars(b.total_paid)}
        for b in summary.benefits
    ]
    money = financial_summary(claim=claim)
    medical = sum((p.paid for p in money.positions if p.category == Category.MEDICAL), Decimal("0.00"))
    lines.append({"label": "Medical benefits", "amount": dollars(medical)})
    total = sum((b.total_paid for b in summary.benefits), Decimal("0.00")) + medical
    return {"benefits_paid": lines, "benefits_paid_total": dollars(total)}


#: Admissions of a lost-time claim that must give the AWW and the TTD rate with their workings.
_RATE_LETTERS = {("co.general_admission", "admission"), ("mn.liability_notice", "accepted")}


def _require_figures(
    template: LetterTemplate, facts: dict[str, Any], summary: BenefitSummary, missing: list[str]
) -> None:
    needs_wage = template.id == "nsw.liability_notice" and "decision" in facts
    needs_rate = facts["lost_time"] and (template.id, facts.get("decision")) in _RATE_LETTERS
    if (needs_wage or needs_rate) and facts["wage"] is None:
        missing.append(
            f"Record the worker's {summary.basis_label} first: the notice must give it and how it was "
            "calculated."
        )
    if needs_rate and not facts["rates"]:
        missing.append(
            "Decide the TTD rate first: the notice must give the weekly rate and how it was worked out."
        )


#: Facts a higher context supplies for its own letters, by template id: ``(claim, on)`` →
#: ``(facts, missing, subject_seq)``. Registered from that context's ``AppConfig.ready``
#: (``opencomp.plans``: the injury management plan and the work capacity decision notice),
#: since this layer may not import it.
FactSource = Callable[[Claim, dt.date], tuple[dict[str, Any], list[str], int | None]]
FACT_SOURCES: dict[str, FactSource] = {}


def register_facts(template_id: str, source: FactSource) -> None:
    """Let ``source`` fill (and hold back) the letter ``template_id``."""
    FACT_SOURCES[template_id] = source


def letter_content(*, claim: Claim, template: LetterTemplate, on: dt.date) -> LetterContent:
    """The facts ``template`` is filled with for ``claim`` on ``on``, and what must be recorded first."""
    missing: list[str] = []
    if claim.jurisdiction not in template.jurisdictions:
        missing.append(f"{template.title} is a letter of {', '.join(sorted(template.jurisdictions))} claims.")
    facts = _common(claim, template, on)
    subject_seq = None
    if template.decisions:
        decision, subject_seq = _decision(claim, template, missing)
        facts |= decision
    elif template.subject_event:
        subject, subject_seq = _subject(claim, template, missing)
        facts |= subject
    summary = benefit_summary(claim=claim)
    facts |= _wages(summary)
    _require_figures(template, facts, summary, missing)
    if facts.get("decision") == "provisional":
        facts |= _nsw_provisional(claim, on)
    if template.id == "nsw.step_down":
        facts |= _step_down(summary, missing, on)
    if template.id == "co.notice_of_contest":
        facts["hearing_request_by"] = long_date(on + dt.timedelta(days=CO_EXPEDITED_HEARING_DAYS))
    if template.id == "co.final_admission":
        facts |= _benefits_paid(claim, summary)
    if template.id == "nsw.dispute_s78":
        facts["review_options"] = list(NSW_REVIEW_OPTIONS)
    source = FACT_SOURCES.get(template.id)
    if source is not None:
        extra, more_missing, subject_seq = source(claim, on)
        facts |= extra
        missing.extend(more_missing)
    if template.id == "nsw.ime_appointment":
        ime, subject_seq = _ime_appointment(claim, missing, on)
        facts |= ime
    return LetterContent(template, facts, tuple(missing), subject_seq, addressees(claim))

"""Words of the claim file: activity-log entries, notes, medical notes and reasons.

Each builder returns a payload dict for one event kind (validated later by
``claims.events.validate_payload``). Wording follows the seed documents: the
Colorado General Admission / Notice of Contest / Final Admission, the Connecticut
Form 43 and stipulations, the Minnesota First Report of Injury and Notice of
Primary Liability Determination, the NSW provisional liability, reasonable
excuse, certificate of capacity and injury management plan.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from opencomp.claims import lifecycle as lc
from opencomp.demo import catalog

#: An event payload before validation.
Payload = dict[str, str]
#: A ``notice.sent`` payload (its recipients are a list).
Notice = dict[str, object]


@dataclass(slots=True)
class ClaimText:
    """What the texts of one claim need to know."""

    jurisdiction: str
    worker: str
    worker_given: str
    language: str
    interpreter: bool
    employer: str
    employer_contact: str
    doctor: str
    regulator: str
    nature: str
    body_part: str
    diagnosis: str
    restrictions: str
    treatment: str
    lost_time: bool
    vehicle: bool
    restricted: bool
    significant: bool
    fatal: bool = False
    next_of_kin: str = ""  # death claims: "Name (relationship)"

    @property
    def nsw(self) -> bool:
        return self.jurisdiction == "NSW"

    @property
    def doctor_role(self) -> str:
        return {
            "CO": "authorized treating physician",
            "NSW": "nominated treating doctor",
        }.get(self.jurisdiction, "treating physician")

    @property
    def wage_basis(self) -> str:
        return "PIAWE" if self.nsw else "average weekly wage"

    @property
    def injury(self) -> str:
        return f"{self.nature.lower()} to the {self.body_part.lower()}"


def _activity(
    party: str, party_name: str, channel: str, direction: str, issue: str, action: str, result: str = ""
) -> Payload:
    return {
        "party": party,
        "party_name": party_name[:200],
        "channel": channel,
        "direction": direction,
        "issue": issue,
        "action": action,
        "result": result,
    }


def _interp(c: ClaimText) -> str:
    return f" Call made through a {c.language} interpreter." if c.interpreter else ""


# -- first contact -------------------------------------------------------------------


def contact_worker(c: ClaimText, rng: random.Random) -> Payload:
    issue = "Initial contact with injured worker"
    action = (
        f"Called {c.worker} to introduce myself as the claims contact, explain the claims process and the "
        f"worker's rights and obligations, and confirm how the injury happened ({c.injury}), the treating "
        f"doctor and current work status.{_interp(c)}"
    )
    results = [
        f"Worker confirmed the details of the injury report and is attending {c.doctor}.",
        "No answer; left a voicemail with the claim number and call-back details. Introductory letter sent.",
    ]
    if c.lost_time:
        results.append(f"Worker is off work on {c.doctor}'s advice until the next review.")
    else:
        results.append("Worker is back at regular duties and attending follow-up appointments.")
    return _activity("worker", c.worker, "phone", "outbound", issue, action, rng.choice(results))


def contact_employer(c: ClaimText, rng: random.Random) -> Payload:
    action = (
        f"Spoke with {c.employer_contact} at {c.employer} to confirm the date and circumstances of the "
        "injury, the worker's duties and hours, and whether suitable (modified) duties are available."
    )
    results = (
        "Employer confirmed the report; modified duties are available within restrictions.",
        "Employer has no concerns about the claim; wage details to follow.",
        "Employer questioned whether the injury happened at work; asked for witness details.",
        "Employer confirmed the report; no modified duties available at present.",
    )
    weights = (5, 4, 1, 2)
    result = rng.choices(results, weights)[0]
    channel = "phone" if c.nsw else rng.choice(("phone", "phone", "email"))
    return _activity(
        "employer", c.employer_contact, channel, "outbound", "Initial contact with employer", action, result
    )


def contact_provider(c: ClaimText, rng: random.Random) -> Payload:
    ask = "the certificate of capacity" if c.nsw else "the initial report and work status form"
    action = (
        f"Contacted the office of {c.doctor} ({c.doctor_role}) to confirm the first appointment, "
        f"authorise initial treatment and request {ask}."
    )
    results = (
        "Office confirmed the appointment; report to follow by fax.",
        "Initial report received the same day.",
        "Office will send the report after the follow-up visit.",
    )
    return _activity(
        "provider",
        c.doctor,
        rng.choice(("phone", "fax")),
        "outbound",
        "Initial contact with treating doctor",
        action,
        rng.choice(results),
    )


def wage_requested(c: ClaimText) -> Payload:
    what = (
        "pre-injury earnings, overtime and allowances for the 52 weeks before the injury"
        if c.nsw
        else "gross earnings, overtime and any concurrent employment for the period before the injury"
    )
    return _activity(
        "employer",
        c.employer_contact,
        "email",
        "outbound",
        "Wage statement requested",
        f"Requested the wage statement ({what}) to calculate the {c.wage_basis}.",
    )


def wage_received(c: ClaimText) -> Payload:
    return _activity(
        "employer",
        c.employer_contact,
        "email",
        "inbound",
        "Wage statement received",
        "Received the wage statement from the employer.",
        f"Figures entered on file; {c.wage_basis} to be calculated.",
    )


# -- investigation -----------------------------------------------------------------------


def recorded_statement(c: ClaimText, rng: random.Random) -> Payload:
    return _activity(
        "worker",
        c.worker,
        "phone",
        "outbound",
        "Recorded statement",
        "Took a recorded statement from the worker about the mechanism of injury, prior injuries to the same "
        f"body part and activities outside work.{_interp(c)}",
        rng.choice(
            (
                "Statement consistent with the injury report.",
                "Worker reports a prior injury to the same body part; prior records requested.",
                "Statement consistent; two co-workers named as witnesses.",
            )
        ),
    )


def witness_statement(c: ClaimText) -> Payload:
    return _activity(
        "employer",
        c.employer_contact,
        "email",
        "inbound",
        "Witness statements",
        "Received the supervisor's report of the accident and two witness statements.",
        "Witness accounts support the reported mechanism of injury.",
    )


def ime_scheduled(c: ClaimText, ime: str) -> Payload:
    return _activity(
        "provider",
        ime,
        "letter",
        "outbound",
        "Independent medical examination",
        f"Scheduled an independent medical examination with {ime}; the worker was told of the "
        "appointment in writing with travel reimbursement details.",
    )


def attorney_letter(c: ClaimText, attorney: str) -> Payload:
    return _activity(
        "attorney",
        attorney,
        "letter",
        "inbound",
        "Letter of representation",
        f"Received a letter of representation from {attorney} for the worker.",
        "All further contact with the worker through counsel; file copy sent.",
    )


# -- decisions -----------------------------------------------------------------------


def decision_filings(c: ClaimText, to_status: str) -> list[Payload]:
    """Filings with the regulator that accompany a US liability decision (NSW decision letters
    are ``notice.sent`` events: see ``liability_notice``)."""
    j = c.jurisdiction
    out: list[Payload] = []
    if to_status == lc.ACCEPTED:
        if j == "CO" and c.lost_time:
            out.append(
                _activity(
                    "regulator",
                    c.regulator,
                    "portal",
                    "outbound",
                    "General Admission of Liability",
                    "Filed a General Admission of Liability with the Division; copy sent to the worker.",
                    "Accepted by the Division.",
                )
            )
        elif j == "MN":
            out.append(
                _activity(
                    "regulator",
                    c.regulator,
                    "portal",
                    "outbound",
                    "Notice of Primary Liability Determination",
                    "Issued the Notice of Primary Liability Determination accepting liability; "
                    "filed with the Department and sent to the worker.",
                )
            )
        elif j == "CT" and c.lost_time:
            out.append(
                _activity(
                    "worker",
                    c.worker,
                    "letter",
                    "outbound",
                    "Voluntary agreement",
                    "Sent the voluntary agreement to the worker for signature and filing with "
                    "the Commission.",
                )
            )
    elif to_status == lc.DENIED:
        if j == "CO":
            out.append(
                _activity(
                    "regulator",
                    c.regulator,
                    "portal",
                    "outbound",
                    "Notice of Contest",
                    "Filed a Notice of Contest with the Division; the worker was sent the notice "
                    "with the reasons and how to object.",
                )
            )
        elif j == "CT":
            out.append(
                _activity(
                    "regulator",
                    c.regulator,
                    "letter",
                    "outbound",
                    "Form 43",
                    "Filed a Form 43 notice contesting liability with the Commission and sent it "
                    "to the worker.",
                )
            )
        elif j == "MN":
            out.append(
                _activity(
                    "regulator",
                    c.regulator,
                    "portal",
                    "outbound",
                    "Notice of Primary Liability Determination (denial)",
                    "Issued the Notice of Primary Liability Determination denying liability, "
                    "with the reasons; filed with the Department.",
                )
            )
    return out


def status_reason(c: ClaimText, from_status: str, to_status: str, rng: random.Random) -> str:
    j = c.jurisdiction
    if to_status == lc.UNDER_INVESTIGATION:
        return rng.choice(
            (
                "Compensability questions: late report and no witnesses to the incident.",
                "Mechanism of injury unclear; recorded statement and medical records needed.",
                "Possible pre-existing condition; prior medical records requested.",
                "Routine investigation of a lost-time claim.",
            )
            if from_status != lc.DENIED
            else (
                "Worker's attorney provided new medical evidence; denial under review.",
                "Objection filed; claim re-investigated with the new medical reports.",
            )
        )
    if to_status == lc.ACCEPTED:
        if from_status == lc.DENIED:
            return "Denial withdrawn after review of the new medical evidence."
        if j == "NSW":
            return "Liability accepted after review of the medical evidence and the employer's report."
        return rng.choice(
            (
                "Compensable: injury arose out of and in the course of employment.",
                "Medical reports consistent with the reported mechanism of injury; liability admitted.",
                "Investigation complete; claim accepted.",
            )
        )
    if to_status == lc.PROVISIONALLY_ACCEPTED:
        return (
            "Provisional liability: weekly payments and medical expenses start while liability is assessed."
        )
    if to_status == lc.REASONABLE_EXCUSE:
        return rng.choice(
            (
                "Insufficient medical information: no certificate of capacity received.",
                "Unable to contact the worker after three attempts over two business days.",
                "The worker has not provided the information requested to assess the claim.",
                "The injury was notified more than two months after it happened.",
            )
        )
    if to_status == lc.DENIED:
        if j == "NSW":
            return rng.choice(
                (
                    "Liability disputed: the evidence does not show that employment was a substantial "
                    "contributing factor to the injury.",
                    "Liability disputed: the condition is a pre-existing degenerative condition "
                    "not aggravated "
                    "by work.",
                    "Liability disputed: the injury happened during a non-work activity.",
                )
            )
        return rng.choice(
            (
                "Injury did not arise out of and in the course of employment: it happened on an unpaid break "
                "away from the premises.",
                "Medical evidence does not support a causal link between the work duties and the condition "
                "(pre-existing degenerative disease).",
                "Independent medical examination found no work-related injury.",
                "Worker did not report the injury and the facts cannot be verified; no witnesses.",
            )
        )
    if to_status == lc.OPEN:
        if from_status == lc.REOPENED:
            return "Further treatment authorised; claim back in active management."
        if j == "NSW":
            return "Weekly payments and treatment under way; claim managed under the injury management plan."
        if c.lost_time:
            return "Temporary disability benefits started; claim in active management."
        return "Treatment in progress; claim in active management."
    if to_status == lc.CLOSED:
        if from_status == lc.DENIED:
            return "Denial not disputed within the time allowed; file closed."
        if from_status == lc.REOPENED:
            return "Further treatment completed; worker back at full duty."
        return rng.choice(
            (
                "Worker released to full duty; all medical bills paid; no further benefits due.",
                "Treatment completed; worker back at regular work.",
                "No treatment or lost time for 90 days; file closed.",
            )
        )
    if to_status == lc.FINALISED:
        return {
            "CO": "Final Admission of Liability filed after maximum medical improvement; "
            "no objection received.",
            "CT": "Full and final stipulation approved by the Commissioner.",
            "MN": "Stipulation for settlement approved; Award on Stipulation served and filed.",
            "NSW": "Worker back at pre-injury duties and hours with no ongoing treatment; "
            "worker and employer "
            "told of the finalisation.",
        }[j]
    if to_status == lc.REOPENED:
        return rng.choice(
            (
                "Worker reported a recurrence of symptoms; the treating doctor recommends further treatment.",
                "New medical evidence of a worsening condition; claim reopened for review.",
                "Request for further treatment related to the original injury.",
            )
        )
    return ""


def reopen_request(c: ClaimText) -> Payload:
    return _activity(
        "worker",
        c.worker,
        "phone",
        "inbound",
        "Request to reopen",
        f"Worker called reporting renewed {c.body_part.lower()} symptoms and asked for further "
        f"treatment.{_interp(c)}",
        "Asked the treating doctor for a report on causation.",
    )


def closing_letter(c: ClaimText, to_status: str) -> Payload:
    what = "finalisation notice" if to_status == lc.FINALISED and c.nsw else "closing letter"
    return _activity(
        "worker",
        c.worker,
        "letter",
        "outbound",
        "Claim closure",
        f"Sent the {what} to the worker and the employer with the contact details for any future questions.",
    )


def final_filing(c: ClaimText) -> Payload | None:
    if c.jurisdiction == "CO":
        return _activity(
            "regulator",
            c.regulator,
            "portal",
            "outbound",
            "Final Admission of Liability",
            "Filed a Final Admission of Liability following maximum medical improvement; the "
            "worker was told of the time allowed to object.",
        )
    if c.jurisdiction == "CT":
        return _activity(
            "regulator",
            c.regulator,
            "in_person",
            "outbound",
            "Stipulation approval hearing",
            "Attended the hearing at which the full and final stipulation was presented for approval.",
            "Approved by the Commissioner.",
        )
    if c.jurisdiction == "MN":
        return _activity(
            "regulator",
            c.regulator,
            "letter",
            "outbound",
            "Stipulation for Settlement",
            "Filed the Stipulation for Settlement with the Department.",
            "Award on Stipulation served.",
        )
    return None


def mmi(c: ClaimText, rng: random.Random) -> Payload:
    return _activity(
        "provider",
        c.doctor,
        "fax",
        "inbound",
        "Maximum medical improvement",
        f"{c.doctor} placed the worker at maximum medical improvement.",
        rng.choice(
            (
                "No permanent impairment.",
                "Impairment rating report requested.",
                "Permanent restrictions given; employer asked about a permanent position.",
            )
        ),
    )


# -- ongoing management ------------------------------------------------------------------


def periodic(
    c: ClaimText, rng: random.Random, *, offers_tracked: bool = False
) -> tuple[Payload, Payload | None]:
    """One ongoing-management entry, and a medical note when medical information came in.

    ``offers_tracked``: the employer's modified duty offers are ``notice.sent`` events of
    their own (the city's program), so no offer letter is logged here.
    """
    r = rng.random()
    if r < 0.3:
        what = "progress report" if c.nsw else "office notes and work status report"
        activity = _activity(
            "provider",
            c.doctor,
            rng.choice(("fax", "portal", "email")),
            "inbound",
            "Progress report received" if c.nsw else "Medical records received",
            f"Received the {what} from {c.doctor}.",
            "Reviewed; restrictions noted on file and sent to the employer.",
        )
        return activity, medical_followup(c, rng)
    if r < 0.5:
        activity = _activity(
            "employer",
            c.employer_contact,
            "phone",
            "outbound",
            "Return to work discussion",
            f"Discussed suitable duties within the current restrictions ({c.restrictions}) with "
            f"{c.employer_contact}.",
            rng.choice(
                (
                    "Modified duty offer to be sent; start date agreed.",
                    "No suitable duties this week; will review after the next appointment.",
                    "Worker to return on reduced hours with a graded increase.",
                )
            ),
        )
        return activity, None
    if r < 0.62:
        if c.nsw:
            activity = _activity(
                "worker",
                c.worker,
                "phone",
                "outbound",
                "Recovery check-in",
                f"Reviewed progress against the recovery and return to work goals with the worker."
                f"{_interp(c)}",
                "Goals on track; next check-in booked.",
            )
        elif offers_tracked:
            activity = _activity(
                "worker",
                c.worker,
                "phone",
                "outbound",
                "Modified duty follow-up",
                f"Checked how the modified duty assignment is going with {c.worker_given}.{_interp(c)}",
                rng.choice(
                    (
                        "Worker coping well with the modified duties.",
                        "Worker finds the hours tiring; supervisor asked to review the schedule.",
                    )
                ),
            )
        else:
            activity = _activity(
                "worker",
                c.worker,
                "letter",
                "outbound",
                "Modified duty offer",
                f"Sent a written offer of modified duty within the restrictions approved by {c.doctor}.",
                rng.choice(
                    (
                        "Worker accepted and returned to modified duty.",
                        "Worker declined; referred to the adjuster for follow-up.",
                    )
                ),
            )
        return activity, None
    if r < 0.86:
        activity = _activity(
            "worker",
            c.worker,
            "phone",
            rng.choice(("outbound", "inbound")),
            "Claim status update",
            f"Spoke with {c.worker_given} about treatment and recovery.{_interp(c)}",
            rng.choice(
                (
                    "Worker reports gradual improvement.",
                    "Worker reports ongoing pain; next specialist review booked.",
                    "Worker asked about the timing of weekly payments; schedule explained.",
                )
            ),
        )
        return activity, None
    if c.nsw or rng.random() < 0.5:
        activity = _activity(
            "employer",
            c.employer_contact,
            "email",
            "inbound",
            "Return to work update",
            "Employer confirmed the worker's attendance and hours on suitable duties.",
            "Hours increasing in line with the plan.",
        )
    else:
        activity = _activity(
            "employer",
            c.employer_contact,
            "email",
            "inbound",
            "Return to work pass",
            "Received the return-to-work pass signed by the treating physician.",
            "Worker back at work on modified duty.",
        )
    return activity, None


# -- notes ---------------------------------------------------------------------------


def note(c: ClaimText, rng: random.Random) -> Payload:
    texts = [
        "Diary: follow up for the updated work status after the next appointment.",
        "Reserve review done; reserves adequate for the expected course of treatment.",
        "Supervisor review: handling on track; continue to monitor return to work.",
        f"Employer contact is {c.employer_contact}; prefers e-mail for updates.",
    ]
    if c.vehicle:
        texts.append("Third-party vehicle involved: police report requested to assess recovery potential.")
    if c.lost_time:
        texts.append(
            f"{c.wage_basis[0].upper()}{c.wage_basis[1:]} to be confirmed once the wage statement arrives."
        )
    if c.nsw:
        texts.append("Team manager agreed a referral to a workplace rehabilitation provider.")
    return {"text": rng.choice(texts)}


def interpreter_note(c: ClaimText) -> Payload:
    return {
        "text": f"Worker's preferred language is {c.language}: arrange an interpreter for all calls and "
        "send letters with a translated cover page."
    }


# -- medical notes -------------------------------------------------------------------


def medical_initial(c: ClaimText) -> Payload:
    return {
        "summary": f"Initial evaluation: {c.diagnosis}. Plan: {c.treatment}. "
        f"{'Restrictions: ' + c.restrictions + '.' if c.lost_time else 'Return to regular duty.'}",
        "diagnosis": c.diagnosis,
        "provider_name": c.doctor,
    }


def medical_followup(c: ClaimText, rng: random.Random) -> Payload:
    return {
        "summary": rng.choice(
            (
                f"Follow-up: improving. Continue {c.treatment}. Restrictions: {c.restrictions}.",
                f"Follow-up: slow progress; continue the current plan and review in two weeks. "
                f"Restrictions: {c.restrictions}.",
                "Follow-up: restrictions reduced; graded increase in duties over four weeks.",
                "Follow-up: symptoms stable; specialist opinion requested.",
            )
        ),
        "diagnosis": c.diagnosis,
        "provider_name": c.doctor,
    }


def medical_discharge(c: ClaimText) -> Payload:
    return {
        "summary": "Discharged from care: released to full duty without restrictions.",
        "diagnosis": c.diagnosis,
        "provider_name": c.doctor,
    }


def medical_ime(c: ClaimText, ime: str, rng: random.Random) -> Payload:
    return {
        "summary": rng.choice(
            (
                "IME report: condition consistent with the reported mechanism; "
                "treatment reasonable and necessary.",
                "IME report: findings suggest a pre-existing degenerative condition; "
                "work a minor contributing "
                "factor.",
                "IME report: capacity for suitable duties with restrictions; "
                "maximum improvement expected within "
                "three months.",
            )
        ),
        "diagnosis": c.diagnosis,
        "provider_name": ime,
    }


def medical_restricted(c: ClaimText, rng: random.Random) -> Payload:
    if c.nature == "Puncture wound":
        return {
            "summary": "Post-exposure blood test results received; details withheld on the treating doctor's "
            "advice and available to claims staff and treating providers only.",
            "diagnosis": "Occupational exposure to blood",
            "provider_name": c.doctor,
        }
    return {
        "summary": rng.choice(
            (
                "Psychological assessment received. Content withheld from the employer on the treating "
                "psychologist's advice.",
                "Treating psychologist's report: session notes restricted; recommends continued treatment.",
            )
        ),
        "diagnosis": c.diagnosis,
        "provider_name": c.doctor,
    }


REASSIGN_REASONS = (
    "Caseload rebalancing.",
    "Adjuster on extended leave.",
    "Transferred to the lost-time team.",
    "Litigated claim moved to a senior adjuster.",
)


# -- the statutory record: notices, reports, requests, milestones ------------------------
#
# These payloads are the facts the rule packs' clocks start and stop on. Dates that depend
# on when the event happened (``received_on``, ``due_on``…) are filled in by the book.


def liability_notice(c: ClaimText, to_status: str) -> Notice:
    """NSW: the written notice of a liability decision (seed 004, s 78 for a dispute)."""
    if to_status == lc.REASONABLE_EXCUSE:
        notice = "reasonable_excuse"
        summary = (
            "Told the worker and the employer in writing that provisional payments will not start yet, "
            "giving the reasonable excuse and the information needed to decide the claim."
        )
    elif to_status == lc.DENIED:
        notice = "dispute"
        summary = (
            "Section 78 notice disputing liability, with the reasons, the evidence relied on and the "
            "worker's review rights."
        )
    elif to_status == lc.PROVISIONALLY_ACCEPTED:
        notice = "liability_decision"
        summary = (
            "Notice of provisional liability: weekly payments and medical expenses, the PIAWE and how it "
            "was calculated, and the worker's rights."
        )
    else:
        notice = "liability_decision"
        summary = "Liability accepted; PIAWE and how it was calculated confirmed in writing."
    return {"notice": notice, "recipients": ["worker", "employer"], "channel": "letter", "summary": summary}


def first_report(c: ClaimText, reference: str) -> dict[str, str]:
    where = "the Division" if c.jurisdiction == "CO" else "the Department"
    return {
        "report": "first_report_of_injury",
        "filed_with": c.regulator or where,
        "reference": reference,
    }


def work_status(c: ClaimText, capacity: str, rng: random.Random) -> dict[str, object]:
    """A certificate of capacity (NSW) or work status report (US); dates are added by the book."""
    if capacity == "full":
        restrictions = ""
    elif capacity == "none":
        restrictions = "No capacity for any work until the next review."
    else:
        restrictions = c.restrictions
        if c.nsw:
            restrictions = f"{rng.choice(catalog.NSW_CAPACITY[1:4])}; {c.restrictions}"
    return {
        "capacity": capacity,
        "restrictions": restrictions,
        "certificate": True,
        "provider_name": c.doctor,
    }


def modified_duty_offer(c: ClaimText) -> Notice:
    return {
        "notice": "modified_duty_offer",
        "recipients": ["worker"],
        "channel": "letter",
        "summary": "Offer of temporary modified duty within the treating physician's restrictions, sent by "
        "certified mail with the start date, hours and supervisor.",
    }


def direct_payments_notice(c: ClaimText) -> Notice:
    return {
        "notice": "direct_payments",
        "recipients": ["worker", "employer"],
        "channel": "letter",
        "summary": "Weekly payments are paid to the worker directly (the employer does not pay them "
        "through payroll).",
    }


def ime_notice(c: ClaimText, ime: str) -> Notice:
    return {
        "notice": "ime_appointment",
        "recipients": ["worker"],
        "channel": "letter",
        "summary": f"Appointment with {ime} for an independent medical examination, with the reason, "
        "what to bring and travel reimbursement.",
    }


def treatment_decision_notice(c: ClaimText, decision: str) -> Notice:
    word = {"approved": "approval", "partly_approved": "partial approval", "declined": "decline"}[decision]
    return {
        "notice": "treatment_decision",
        "recipients": ["worker", "provider"],
        "channel": "email",
        "summary": f"Wrote to the worker and {c.doctor} with the {word} of the treatment request and the "
        "reasons.",
    }


MILESTONES: dict[str, tuple[str, ...]] = {
    "recovery_screen": (
        "Screened for recovery from a third party: none identified.",
        "Screened for recovery: another party may be liable; recovery referral made.",
        "Screened for recovery: no third party involved.",
    ),
    "injury_plan_issued": (
        "Injury management plan issued to the worker, the employer and the nominated treating doctor.",
        "Injury management plan reviewed with the worker and the employer; updated plan sent.",
    ),
    "piawe_recalculated": ("PIAWE recalculated from the employer's wage records.",),
    "piawe_adjustment_paid": ("Back-payment of the PIAWE adjustment made with the next weekly payment.",),
    "work_capacity_decision": ("Work capacity decision made and sent to the worker with review rights.",),
    "modified_duty_started": ("Worker started light duty within the restrictions.",),
    "modified_duty_reviewed": (
        "Light duty reviewed with the supervisor after the doctor's visit: continues unchanged.",
        "Light duty reviewed: hours increased within the restrictions.",
    ),
    "modified_duty_ended": ("Light duty ended: worker back at regular duty.",),
    "investigation_started": (
        "Investigation of the circumstances of the death started; police and coroner's reports requested.",
    ),
}


def milestone(kind: str, rng: random.Random) -> dict[str, str]:
    return {"milestone": kind, "summary": rng.choice(MILESTONES[kind])}


def treatment_request(c: ClaimText, rng: random.Random) -> dict[str, str]:
    return {
        "subject": "treatment",
        "from_party": "provider",
        "description": f"{c.doctor} asks for approval of {rng.choice(catalog.TREATMENT_REQUESTS)}.",
    }


def treatment_decision(decision: str, rng: random.Random) -> str:
    if decision == "approved":
        return rng.choice(("Reasonably necessary for the work injury.", "Approved as requested."))
    if decision == "partly_approved":
        return "Approved in part: four sessions now, further sessions on a progress report."
    return rng.choice(
        (
            "Not reasonably necessary: the independent medical examiner found no benefit expected.",
            "Declined: the condition treated is not the accepted injury.",
        )
    )


def physician_change_request(c: ClaimText) -> dict[str, str]:
    return {
        "subject": "physician_change",
        "from_party": "worker",
        "description": f"Written request from {c.worker} to change the authorized treating physician.",
    }


def piawe_information(c: ClaimText) -> dict[str, str]:
    return {
        "subject": "piawe_information",
        "from_party": "employer",
        "description": f"All PIAWE information received from {c.employer_contact}: wage records for the "
        "52 weeks before the injury, overtime and allowances.",
    }


#: The adjuster's own follow-ups: (title, details).
DIARY_ENTRIES: tuple[tuple[str, str], ...] = (
    ("Follow up the updated work status", "After the next appointment with the treating doctor."),
    ("Reserve review", "Check the reserves against the expected course of treatment."),
    ("Return to work check with the employer", "Confirm hours and duties are within the restrictions."),
    ("Chase the specialist's report", "The report was promised within two weeks of the consultation."),
    ("Review the surveillance of the claim costs", "Compare the medical bills with the approved treatment."),
    ("Call the worker after the specialist review", "Ask about the outcome and the next steps."),
)

#: Requests for missing information: (party, what).
INFO_REQUESTS: tuple[tuple[str, str], ...] = (
    ("provider", "Prior medical records for the same body part (last five years)."),
    ("worker", "Signed authority to release medical information."),
    ("employer", "Witness statements and the supervisor's report of the accident."),
    ("employer", "Rosters and timesheets for the four weeks before the injury."),
    ("provider", "Clinical notes of the first consultation."),
)


def wage_info_request(c: ClaimText) -> str:
    return (
        "Wage statement: gross earnings, overtime and any concurrent employment for the period before "
        f"the injury, to calculate the {c.wage_basis}."
    )


#: Reasons people give when they waive an obligation.
WAIVE_NO_DOCTOR = (
    "No nominated treating doctor: the worker was treated in the emergency department and has not named a GP."
)
WAIVE_PROVISIONAL = (
    "Liability accepted by letter while the claim was already in management; no status change was recorded."
)
WAIVE_CERTIFICATE_RTW = "Worker back at pre-injury duties and weekly payments ended: no further certificate."
WAIVE_CERTIFICATE_DENIED = (
    "Liability disputed (s 78 notice) and weekly payments stopped: no further certificate."
)
WAIVE_PLAN_RTW = "Worker back at pre-injury duties: injury management plan closed."
WAIVE_PLAN_DENIED = "Liability disputed (s 78 notice): injury management plan suspended."
WAIVE_PIAWE = "Recalculation confirmed the PIAWE already paid: no adjustment due."
WAIVE_NO_TEST = (
    "No injury report and no test record: the accident was reported by the worker's physician after "
    "both testing windows had closed."
)
WAIVE_DECEASED = "Worker deceased: contact is with the family (see the death claim contacts)."


# -- death claims ------------------------------------------------------------------------


def family_contact(c: ClaimText) -> Payload:
    return _activity(
        "family",
        c.next_of_kin,
        "in_person" if not c.nsw else "phone",
        "outbound",
        "Contact with the family",
        f"Offered condolences to {c.next_of_kin}, explained the death claim, funeral expenses and the "
        "support available, and agreed how the family wants to be contacted.",
        "Family asked that letters go to their solicitor as well.",
    )


def dependants_contact(c: ClaimText) -> Payload:
    return _activity(
        "family",
        c.next_of_kin,
        "letter",
        "outbound",
        "Dependants' entitlements",
        "Wrote to the dependants about the lump sum death benefit, weekly payments for dependent "
        "children and funeral expenses, with the forms to claim them.",
    )


def death_notice(c: ClaimText, to_status: str) -> Notice:
    accepted = to_status in (lc.ACCEPTED, lc.PROVISIONALLY_ACCEPTED)
    return {
        "notice": "death_liability" if c.nsw else "liability_decision",
        "recipients": ["family", "employer"],
        "channel": "letter",
        "summary": (
            "Liability for the death claim accepted; the dependants' entitlements explained."
            if accepted
            else "Liability for the death claim disputed, with the reasons and the family's review rights."
        ),
    }


def regulator_death_call(c: ClaimText) -> Payload:
    return _activity(
        "regulator",
        c.regulator,
        "phone",
        "outbound",
        "Notice of a death",
        "Notified the Department of the worker's death by telephone.",
        "Reference number recorded; written first report to follow.",
    )


def fatal_note(c: ClaimText, rng: random.Random) -> dict[str, str]:
    return {
        "text": rng.choice(
            (
                "Coroner's report and police crash report requested.",
                "Funeral expenses invoice received from the family's funeral director; paid.",
                "Employer's critical incident support offered to the crew.",
                "Supervisor review: death claim handled by the senior adjuster; weekly diary set.",
            )
        )
    }


def fatal_status_reason(c: ClaimText, from_status: str, to_status: str) -> str:
    if to_status == lc.UNDER_INVESTIGATION:
        return "Death claim: circumstances under investigation (police, coroner and employer reports)."
    if to_status in (lc.ACCEPTED, lc.PROVISIONALLY_ACCEPTED):
        return "The death arose out of and in the course of employment; liability accepted."
    if to_status == lc.OPEN:
        return "Dependants' benefits being paid."
    if to_status == lc.CLOSED:
        return "Death benefits and funeral expenses paid; no further entitlements."
    if to_status == lc.FINALISED:
        return "Lump sum death benefit paid to the dependants; claim finalised."
    if to_status == lc.REOPENED:
        return "A dependant's further claim received."
    return "Liability for the death disputed."


def handover_call(c: ClaimText) -> Payload:
    return _activity(
        "worker",
        c.worker,
        "phone",
        "outbound",
        "New case manager",
        f"Called {c.worker_given} to introduce myself as the new case manager after the handover and "
        f"confirm the plan and the next steps.{_interp(c)}",
        "Worker has the new contact details.",
    )

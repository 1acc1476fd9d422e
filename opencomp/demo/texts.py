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
    channel = rng.choice(("phone", "phone", "email"))
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


def first_report_mn(c: ClaimText) -> Payload:
    return _activity(
        "regulator",
        c.regulator,
        "portal",
        "outbound",
        "First Report of Injury",
        "Filed the First Report of Injury with the Department of Labor and Industry by EDI.",
        "Acknowledgement received.",
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
    """Activity entries that accompany a liability decision in each jurisdiction."""
    j = c.jurisdiction
    out: list[Payload] = []
    if to_status == lc.PROVISIONALLY_ACCEPTED:
        out.append(
            _activity(
                "worker",
                c.worker,
                "letter",
                "outbound",
                "Provisional liability notice",
                "Sent the notice of provisional liability to the worker and the employer, "
                "with the information "
                "about weekly payments, medical expenses and the worker's rights.",
            )
        )
        if c.significant:
            out.append(
                _activity(
                    "worker",
                    c.worker,
                    "phone",
                    "outbound",
                    "Injury management plan",
                    f"Developed the injury management plan with the worker, {c.employer_contact} "
                    f"and {c.doctor}; "
                    "copies sent to all parties.",
                    "Plan agreed; review in four weeks.",
                )
            )
    elif to_status == lc.REASONABLE_EXCUSE:
        out.append(
            _activity(
                "worker",
                c.worker,
                "letter",
                "outbound",
                "Reasonable excuse notice",
                "Told the worker and the employer in writing that provisional payments will not start yet, "
                "giving the reasonable excuse and the information needed to decide the claim.",
            )
        )
    elif to_status == lc.ACCEPTED:
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
        elif j == "NSW":
            out.append(
                _activity(
                    "worker",
                    c.worker,
                    "letter",
                    "outbound",
                    "Liability accepted",
                    "Wrote to the worker and the employer confirming that liability is accepted.",
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
        else:
            out.append(
                _activity(
                    "worker",
                    c.worker,
                    "letter",
                    "outbound",
                    "Section 78 notice",
                    "Sent the section 78 notice disputing liability, with the reasons, the "
                    "evidence relied on and the worker's review rights.",
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


def periodic(c: ClaimText, rng: random.Random) -> tuple[Payload, Payload | None]:
    """One ongoing-management entry, and a medical note when medical information came in."""
    r = rng.random()
    if r < 0.3:
        what = "certificate of capacity" if c.nsw else "office notes and work status report"
        activity = _activity(
            "provider",
            c.doctor,
            rng.choice(("fax", "portal", "email")),
            "inbound",
            "Certificate of capacity received" if c.nsw else "Medical records received",
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
                "Injury management plan review",
                f"Reviewed progress against the injury management plan with the worker.{_interp(c)}",
                "Plan updated and sent to the worker, employer and treating doctor.",
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
    if r < 0.74:
        treatment = rng.choice(catalog.TREATMENT_REQUESTS)
        activity = _activity(
            "provider",
            c.doctor,
            "fax",
            "inbound",
            "Treatment request",
            f"{c.doctor} requested approval of {treatment}.",
            rng.choice(
                (
                    "Approved.",
                    "Approved; utilisation review not required.",
                    "Further information requested before a decision.",
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

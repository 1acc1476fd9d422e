"""The letters and forms OpenComp issues, and the versioned templates they are printed from.

A template is a Django template file ``letters/<id>/v<version>.html`` with the shared parts
it extends and includes (``parts``: the letterhead ``base_v1.html``, the wage workings
``_wage_v1.html``). Once a letter has been issued from a version, that version's text is
part of the record: the SHA-256 over the file and its parts is written down here
(``DIGESTS``) and a test fails if any of them changes. To change a letter, add the next
version's file (and new parts if they change), record its digest and point ``TEMPLATES``
at it; letters already issued keep the version (and digest) they were printed from.

Each template names the written notice it is (``notice``, the ``notice.sent`` the rule
packs wait for), the jurisdictions and liability decisions it answers, who must receive
it, what must be enclosed with it, and its source.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

SEED_004_LIABILITY = "Injury management program (seed 004), Assessing liability"


@dataclass(frozen=True)
class LetterTemplate:
    """One letter or form, at its current version."""

    id: str
    version: int
    title: str
    #: The ``NoticeType`` recorded when it is issued (``notice.sent``).
    notice: str
    jurisdictions: frozenset[str]
    citation: str
    #: The liability decisions (``claims.liability`` codes) it answers; empty: not a decision letter.
    decisions: frozenset[str] = frozenset()
    #: Parties it must go to (``ActivityParty`` values); more may be added when issuing.
    recipients: tuple[str, ...] = ("worker", "employer")
    #: What must go in the envelope with it; the person issuing confirms each.
    enclosures: tuple[str, ...] = field(default_factory=tuple)
    #: The claim event kind it reports (its latest such event), for letters that answer no
    #: liability decision: a closure, a recurrence determination.
    subject_event: str = ""
    #: The shared template files it extends or includes (part of its digest).
    parts: tuple[str, ...] = ("letters/base_v1.html", "letters/_wage_v1.html")

    @property
    def template_name(self) -> str:
        return f"letters/{self.id}/v{self.version}.html"

    @property
    def reference(self) -> str:
        return f"{self.id} v{self.version}"

    @property
    def files(self) -> tuple[str, ...]:
        """Every template file the letter is printed from, the version's own first."""
        return (self.template_name, *self.parts)

    @property
    def digest(self) -> str:
        return DIGESTS[(self.id, self.version)]


CO_BROCHURE = (
    "The Division of Workers' Compensation's claimant brochure (C.R.S. 8-43-203(1)(a): it must accompany "
    "an admission or notice of contest)"
)

TEMPLATES: Final[dict[str, LetterTemplate]] = {
    t.id: t
    for t in (
        LetterTemplate(
            id="nsw.liability_notice",
            version=1,
            title="Notice of liability decision",
            notice="liability_decision",
            jurisdictions=frozenset({"NSW"}),
            decisions=frozenset({"provisional", "accepted"}),
            citation=f"{SEED_004_LIABILITY} — written notice to the worker and employer within two (2) "
            "business days of the decision, with PIAWE information and how it was calculated",
        ),
        LetterTemplate(
            id="nsw.reasonable_excuse",
            version=1,
            title="Reasonable excuse notice",
            notice="reasonable_excuse",
            jurisdictions=frozenset({"NSW"}),
            decisions=frozenset({"reasonable_excuse"}),
            citation=f"{SEED_004_LIABILITY} — written notice within two (2) business days that outlines the "
            "reasonable excuse(s) and what the worker must do to resolve the issue",
        ),
        LetterTemplate(
            id="nsw.dispute_s78",
            version=1,
            title="Dispute notice (section 78)",
            notice="dispute",
            jurisdictions=frozenset({"NSW"}),
            decisions=frozenset({"disputed"}),
            citation="WIM&WC Act 1998 s 78; Injury management program (seed 004), Liability dispute — the "
            "decision, its reasons, the evidence relied upon and the options to have it reviewed",
        ),
        LetterTemplate(
            id="nsw.step_down",
            version=1,
            title="Notice of the step-down in weekly payments",
            notice="step_down",
            jurisdictions=frozenset({"NSW"}),
            recipients=("worker",),
            citation="Injury management program (seed 004), Reduction of payments — notice no less than 15 "
            "business days before the reduction; Workers Compensation Act 1987 s 32A, s 37 (SIRA GN 5.2A)",
        ),
        LetterTemplate(
            id="co.general_admission",
            version=1,
            title="General Admission of Liability (GAL)",
            notice="liability_decision",
            jurisdictions=frozenset({"CO"}),
            decisions=frozenset({"admission"}),
            enclosures=(CO_BROCHURE,),
            citation="C.R.S. 8-43-203(1)(a) — admit or contest within 20 days; Denver risk management (seed "
            "001), General Admission of Liability: copies to the employee and the agency contact",
        ),
        LetterTemplate(
            id="co.notice_of_contest",
            version=1,
            title="Notice of Contest (NOC)",
            notice="liability_decision",
            jurisdictions=frozenset({"CO"}),
            decisions=frozenset({"contest"}),
            enclosures=(CO_BROCHURE,),
            citation="C.R.S. 8-43-203(1)(a) — admit or contest within 20 days; an expedited hearing may be "
            "requested within 45 days of the notice's mailing; Denver risk management (seed 001), Notice of "
            "Contest",
        ),
        LetterTemplate(
            id="co.final_admission",
            version=1,
            title="Final Admission of Liability (FAL)",
            notice="final_admission",
            jurisdictions=frozenset({"CO"}),
            decisions=frozenset({"final_admission"}),
            citation="Denver risk management (seed 001), Final Admission of Liability — filed at the "
            "conclusion of a compensable claim; summarises benefits, permanent restrictions and medical "
            "maintenance care after MMI",
        ),
        LetterTemplate(
            id="claim_closure",
            version=1,
            title="Confirmation that your claim has been closed",
            notice="claim_closure",
            jurisdictions=frozenset({"NSW", "CO", "MN", "CT"}),
            subject_event="claim.finalisation_recorded",
            citation="Injury management program (seed 004), Finalisation — at the time of claim "
            "finalisation, confirm in writing to the worker and employer that the claim has been closed",
        ),
        LetterTemplate(
            id="nsw.recurrence_decision",
            version=1,
            title="Recurrence or aggravation determination",
            notice="recurrence_decision",
            jurisdictions=frozenset({"NSW"}),
            subject_event="recurrence.determined",
            citation="Injury management program (seed 004), Recurrence or Aggravation — advise the worker "
            "and employer of the determination within two (2) business days of making the decision",
        ),
        LetterTemplate(
            id="mn.liability_notice",
            version=1,
            title="Notice of primary liability determination",
            notice="liability_decision",
            jurisdictions=frozenset({"MN"}),
            decisions=frozenset({"accepted", "denied"}),
            citation="Minn. Stat. 176.221 subd. 1 — temporary total compensation commenced, or a denial "
            "filed with the commissioner and served, within 14 days",
        ),
        LetterTemplate(
            id="ct.liability_notice",
            version=1,
            title="Notice of liability decision",
            notice="liability_decision",
            jurisdictions=frozenset({"CT"}),
            decisions=frozenset({"accepted", "disclaimer"}),
            citation="State agency WC coordinator (seed 000) — accept the claim, or initiate action to "
            "disclaim the injury",
        ),
        # Modified duty and return to work (issue 7): issued by ``rtw.services.modified_duty_offer``.
        LetterTemplate(
            id="co.modified_duty_offer",
            version=1,
            title="Offer of temporary modified duty",
            notice="modified_duty_offer",
            jurisdictions=frozenset({"CO"}),
            recipients=("worker",),
            subject_event="modified_duty.offered",
            citation="Temporary Modified Duty Program (seed 001), Modified Duty Letter — offer sent to the "
            "employee by certified mail within (5) business days of receiving work restrictions from the "
            "ATP, "
            "describing the assignment, signed and dated by the ATP (an employer's program rule); C.R.S. "
            "8-42-106(1) — TPD ends on a refused written modified-duty offer",
        ),
        # Plans and work capacity decisions (opencomp.plans fills them: letters.content.register_facts).
        LetterTemplate(
            id="nsw.injury_management_plan",
            version=1,
            title="Injury management plan",
            notice="injury_management_plan",
            jurisdictions=frozenset({"NSW"}),
            citation="Injury management program (seed 004), Individualised Injury Management Plan — "
            "developed within the first 20 days from notification of a significant injury, in consultation "
            "with the worker, employer and nominated treating doctor; Appendix 2 (plan template)",
        ),
        LetterTemplate(
            id="nsw.work_capacity_decision",
            version=1,
            title="Work capacity decision notice",
            notice="work_capacity_decision",
            jurisdictions=frozenset({"NSW"}),
            recipients=("worker",),
            citation="Workers Compensation Act 1987 s 43(1); WIM&WC Act 1998 s 78; Injury management program "
            "(seed 004), Work Capacity Assessment and Decisions — written notice with the right to request "
            "an internal review; three months before a reduction after 12 weeks of continuous weekly "
            "payments",
        ),
        LetterTemplate(
            id="rtw_plan",
            version=1,
            title="Return-to-work plan",
            notice="rtw_plan",
            jurisdictions=frozenset({"NSW", "CO", "MN", "CT"}),
            citation="Injury management program (seed 004), Employer Obligations — establish and maintain a "
            "return to work or recovery at work plan for relevant workers; the worker participates in its "
            "development",
        ),
        # Physicians and examinations (issue 7 item 3).
        LetterTemplate(
            id="nsw.ime_appointment",
            version=1,
            title="Notice of your independent medical examination",
            notice="ime_appointment",
            jurisdictions=frozenset({"NSW"}),
            recipients=("worker",),
            citation="Injury management program (seed 004), Independent Medical Examinations — at least two "
            "(2) weeks' notice of the assessment unless otherwise agreed by the worker, always followed up "
            "in writing with the appointment details, assessing doctor's name and address",
        ),
    )
}

#: The SHA-256 of every template version ever issued from, by ``(id, version)``.
DIGESTS: Final[dict[tuple[str, int], str]] = {
    ("nsw.liability_notice", 1): "fc127303bce5243a1ffc26a988ebe1e355f7fb5ce5d8bfe19121bf29e0874983",
    ("nsw.reasonable_excuse", 1): "a96579e0ebd832222f8634872cde0ad4a607aeb0086ee84366e55f6f4cb9bed1",
    ("nsw.dispute_s78", 1): "5538f2dee5f6e8131f779857b353026494a1c1699c688ec96f7d93507f2968a6",
    ("nsw.step_down", 1): "1fb121d7a60873baca80b0517c278c753f48e2ba25615e962f9e76e2e5788fdf",
    ("co.general_admission", 1): "5fb5743593cdb6bd95d49cb325d126997b7559d0171aeef1d6a310f869ec4528",
    ("co.notice_of_contest", 1): "92f73b07c32fd8e9978c3d693733b48f97d8b118a9c528e6375e539053df5fe1",
    ("co.final_admission", 1): "aaa780436f13dee3903a7287846bf1f3c5fed9b2030c534632f1ff270f0cd4f1",
    ("claim_closure", 1): "90917e09ab7124bbe77f8c8749bd2f69af7eec0a103c5886ddab1546d0f0b5f2",
    ("nsw.recurrence_decision", 1): "38571e94b9194426a6ddf37c6d75db5aeff20bb09add9c9ee27cc471859ad02a",
    ("mn.liability_notice", 1): "0dcbf9f44f957f4fdb89c7e0af5eae4243f6f069d38921c78aa885d66ffae88a",
    ("ct.liability_notice", 1): "00f733cc9bd30b2b2c45e985b24320526ced279633cdb86652986a149864d1b6",
    ("co.modified_duty_offer", 1): "caae6284c3f182afadb6036913068ce410c896f8b076ec1caa4011cedf174785",
    # Plans and work capacity decisions (opencomp.plans).
    ("nsw.injury_management_plan", 1): "52f3320e56844a039a5f66d89ef80df1fdbb9a7600789ad2de5157d7a4cf572f",
    ("nsw.work_capacity_decision", 1): "2b8929170cd08a0a980ce55892c511f352e67216a7a1cf05c53ad5b9c97c1cae",
    ("rtw_plan", 1): "6f73db394924bece4dc0bc4ac1504dbb0029ed8fbebf8e53f8d7bbaa1c4aefe0",
    # Physicians and examinations.
    ("nsw.ime_appointment", 1): "e2ff1453f34fc23e7d96b6ac8a6fa0a82c6d2f3d5d73df0883d4670c31dcd433",
}


def template(template_id: str) -> LetterTemplate | None:
    return TEMPLATES.get(template_id)


def for_decision(jurisdiction: str, decision: str) -> LetterTemplate | None:
    """The letter that answers ``decision`` in ``jurisdiction`` (``None`` if there is none)."""
    return next(
        (t for t in TEMPLATES.values() if jurisdiction in t.jurisdictions and decision in t.decisions), None
    )

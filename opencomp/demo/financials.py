"""Claim financials on the demo book: authority, reserves, payments, approvals, voids and recoveries.

``seed-demo`` calls :func:`seed_financials` right after the benefits step, in the same
transaction. It works through the real services (``opencomp.payments.services``):

1. **Authority.** The administrator (the ``admin`` demo login) gives every adjuster a
   payment limit of 2,500.00 and a reserve limit of 25,000.00, every supervisor
   25,000.00 and 250,000.00.
2. **A bounded sample**, one transaction per claim, by the claim's adjuster (or its
   administrator's supervisor): the demo adjuster's lost-time claims (up to
   ``ADJUSTER_CAP``; those the benefits step worked first) and up to ``OTHERS`` more
   spread over the jurisdictions (again those with benefit events first). Never a
   loop over the whole book.
3. **Reserves.** Indemnity: the latest decided weekly rate × 26 weeks, rounded up to the
   next 1,000 (a modest figure where no rate is decided); medical 5,000–25,000;
   expense/legal 1,000–5,000 on some; a permanency reserve on a few. A change above
   the adjuster's reserve authority waits for the supervisor: the indemnity reserve
   (which the payments need) is approved at once, a permanency reserve is sometimes
   left waiting.
4. **Indemnity payments**, one for each ``benefit.period_paid`` event: its benefit, its days
   (``first_day`` … ``return_to_work`` − 1) and its amount, to the worker by EFT, with
   the idempotency key ``demo-period-<claim>-<seq>``. A payment above the adjuster's
   authority is approved by the supervisor at once (the period is already recorded
   as paid on the Benefits page).
5. **Medical payments** to a treating provider of the claim (or a clinic of the book):
   some above the adjuster's authority wait in the supervisor's approval queue; of
   those some are approved, some rejected with a reason, the rest left waiting.
6. About one claim in ten has a payment voided (a duplicate invoice, or a payment to
   the wrong payee that is then paid again to the right one); a claim whose
   corrected wage statement showed an overpayment (and a few more) gets a repayment
   plan and a first instalment received; one or two get a subrogation recovery.

Refusals (``ValidationFailed``, ``Conflict``, ``PermissionDenied``) are counted per
item and never stop the step; a clean run has none.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from decimal import ROUND_CEILING, Decimal
from typing import TypeVar

from django.db import transaction

from opencomp.accounts.enums import Role
from opencomp.accounts.models import User
from opencomp.claims.enums import EventKind, ParticipantRole
from opencomp.claims.models import Claim, ClaimEvent, ClaimParticipant
from opencomp.core import clock
from opencomp.core.errors import ApplicationError
from opencomp.demo import DEMO_USERS
from opencomp.demo.bankfiles import seed_demo_bank_details
from opencomp.demo.reimbursements import seed_reimbursements
from opencomp.jurisdictions import JURISDICTIONS
from opencomp.parties.models import Provider
from opencomp.payments.enums import (
    Account,
    Bucket,
    Category,
    PayeeKind,
    PaymentMethod,
    RecoveryKind,
    RequestKind,
)
from opencomp.payments.models import ApprovalRequest, Authority, LedgerEntry
from opencomp.payments.selectors import balance
from opencomp.payments.services import (
    PaymentInput,
    approval_decide,
    authority_set,
    limits_of,
    payment_issue,
    payment_void,
    recovery_record,
    repayment_plan_agree,
    reserve_set,
    user_can_approve,
)

#: At most this many of the demo adjuster's lost-time claims.
ADJUSTER_CAP = 40
#: Up to this many other claims, spread evenly over the jurisdictions.
OTHERS = 120
#: About one claim in ``VOID_EVERY`` has a payment voided.
VOID_EVERY = 10
#: Claims with an overpayment plan besides those whose corrected wage statement showed one.
EXTRA_PLANS = 2
#: Claims with a subrogation recovery.
SUBROGATIONS = 2

ADJUSTER_LIMITS = (Decimal("2500.00"), Decimal("25000.00"))
SUPERVISOR_LIMITS = (Decimal("25000.00"), Decimal("250000.00"))
INDEMNITY_WEEKS = 26
THOUSAND = Decimal("1000")
CENT = Decimal("0.01")
DAY = dt.timedelta(days=1)
CLINICS = (
    "Front Range Occupational Health",
    "Lakeside Physical Therapy",
    "Harbour Street Medical Centre",
    "Riverside Orthopaedic Group",
    "Northside Imaging",
)
WRONG_PAYEE = "Valley Urgent Care"
SUBROGATION_PAYERS = (
    "Allied Mutual Insurance (third-party liability)",
    "Summit Casualty Co. (at-fault driver's insurer)",
)

T = TypeVar("T")


@dataclass
class FinancialCounts:
    """What :func:`seed_financials` did."""

    sampled: int = 0
    claims: int = 0  # claims with a reserve posted
    authorities: int = 0
    reserves: int = 0  # reserve changes posted (directly or approved)
    indemnity_payments: int = 0
    medical_payments: int = 0  # posted (directly or approved)
    paid: Decimal = Decimal("0.00")  # posted payments, less voids
    requested: int = 0  # approval requests raised
    approved: int = 0
    rejected: int = 0
    pending: int = 0
    voids: int = 0
    plans: int = 0
    recoveries: int = 0
    recovered: Decimal = Decimal("0.00")
    skipped_zero: int = 0  # benefit periods of nil paid nothing
    no_actor: int = 0
    refusals: Counter[str] = field(default_factory=Counter)  # item → count (none in a clean run)
    events: int = 0
    seconds: float = 0.0

    @property
    def payments(self) -> int:
        return self.indemnity_payments + self.medical_payments

    def summary(self) -> str:
        return (
            f"financials: {self.claims:,} claims with reserves, {self.payments:,} payments "
            f"({self.paid:,.2f} paid net of {self.voids:,} voids), {self.pending:,} requests waiting for "
            f"approval, {self.recoveries:,} recoveries ({self.recovered:,.2f})"
        )

    def details(self) -> str:
        text = (
            f"  {self.indemnity_payments:,} indemnity and {self.medical_payments:,} medical payments; "
            f"{self.reserves:,} reserve changes; {self.requested:,} approval requests ({self.approved:,} "
            f"approved, {self.rejected:,} rejected); {self.plans:,} repayment plans; authority for "
            f"{self.authorities:,} users; {self.seconds:.1f} s"
        )
        if self.no_actor:
            text += f"; {self.no_actor:,} sampled claims without an adjuster or supervisor"
        if self.refusals:
            text += "; refused: " + ", ".join(f"{k} {v}" for k, v in sorted(self.refusals.items()))
        return text


# --- authority ---------------------------------------------------------------------------


def grant_authority(counts: FinancialCounts) -> None:
    """Every adjuster 2,500 / 25,000, every supervisor 25,000 / 250,000, set by the administrator."""
    admin = User.objects.filter(username=DEMO_USERS["admin"]).first()
    staff = User.objects.filter(role__in=(Role.ADJUSTER, Role.SUPERVISOR), is_active=True).order_by("pk")
    for user in staff:
        pay, reserve = SUPERVISOR_LIMITS if user.role == Role.SUPERVISOR else ADJUSTER_LIMITS
        if admin is not None:
            authority_set(actor=admin, user=user, payment_limit=pay, reserve_limit=reserve)
        else:  # no administrator login: write the row directly
            Authority.objects.update_or_create(
                user=user, defaults={"payment_limit": pay, "reserve_limit": reserve, "set_at": clock.now()}
            )
        counts.authorities += 1


# --- which claims ------------------------------------------------------------------------


def sample(rng: random.Random, *, adjuster_cap: int = ADJUSTER_CAP, others: int = OTHERS) -> list[int]:
    """Claim ids: the demo adjuster's lost-time claims and ``others`` spread over the jurisdictions.

    Claims the benefits step worked (a rate decided) come first. Every query is bounded
    (by the benefits sample, or by a ``LIMIT``), so the sample costs the same on any book.
    """
    adjuster_id = User.objects.filter(username=DEMO_USERS["adjuster"]).values_list("pk", flat=True).first()
    worked = dict(
        ClaimEvent.objects.filter(
            kind=EventKind.BENEFIT_RATE_DECIDED, claim__claim_type="lost_time", claim__fatal=False
        )
        .order_by("claim_id")
        .values_list("claim_id", "claim__jurisdiction")
        .distinct()
    )
    lost_time = Claim.objects.filter(claim_type="lost_time", fatal=False)
    mine: list[int] = []
    if adjuster_id is not None:
        owned = set(
            lost_time.filter(assigned_adjuster_id=adjuster_id, pk__in=worked).values_list("pk", flat=True)
        )
        mine = sorted(owned)
        if len(mine) > adjuster_cap:
            mine = sorted(rng.sample(mine, adjuster_cap))
        elif len(mine) < adjuster_cap:
            more = list(
                lost_time.filter(assigned_adjuster_id=adjuster_id)
                .exclude(pk__in=mine)
                .order_by("number")
                .values_list("pk", flat=True)[: adjuster_cap - len(mine)]
            )
            mine += more
    chosen = set(mine)
    codes = sorted(JURISDICTIONS)
    quota = {c: others // len(codes) + (1 if i < others % len(codes) else 0) for i, c in enumerate(codes)}
    picked = list(mine)
    for code in codes:
        pool = sorted(pk for pk, j in worked.items() if j == code and pk not in chosen)
        take = rng.sample(pool, quota[code]) if len(pool) > quota[code] else pool
        if len(take) < quota[code]:
            take += list(
                lost_time.filter(jurisdiction=code)
                .exclude(pk__in=chosen | set(take))
                .order_by("number")
                .values_list("pk", flat=True)[: quota[code] - len(take)]
            )
        picked += take
        chosen |= set(take)
    return sorted(picked)


# --- one claim ---------------------------------------------------------------------------


@dataclass
class _Claim:
    """What one claim's work needs: its actor and approver, the worker and a provider."""

    claim: Claim
    actor: User
    approver: User | None
    worker: str
    provider: str
    counts: FinancialCounts
    rng: random.Random
    supervisor_pending: list[ApprovalRequest] = field(default_factory=list)


def _try(counts: FinancialCounts, item: str, call: Callable[[], T]) -> T | None:
    """Run one service call; a refusal is counted under ``item`` and the claim goes on."""
    try:
        with transaction.atomic():
            return call()
    except ApplicationError as exc:
        fields = ",".join(e.field for e in getattr(exc, "errors", None) or []) or type(exc).__name__
        counts.refusals[f"{item} {fields}"] += 1
        return None


def _round_up(amount: Decimal) -> Decimal:
    return ((amount / THOUSAND).to_integral_value(rounding=ROUND_CEILING) * THOUSAND).quantize(CENT)


def _whole(rng: random.Random, low: int, high: int, step: int = 500) -> Decimal:
    return Decimal(rng.randrange(low, high + 1, step)).quantize(CENT)


def _decide(c: _Claim, request: ApprovalRequest, *, approve: bool, reason: str) -> bool:
    """The supervisor (or the administrator) decides ``request``; whether it was decided."""
    approver = c.approver
    if approver is None or not user_can_approve(approver, request):
        approver = User.objects.filter(username=DEMO_USERS["admin"]).first()
    if approver is None or not user_can_approve(approver, request):
        c.counts.pending += 1
        return False
    decided = _try(
        c.counts,
        f"{request.kind} decision",
        lambda: approval_decide(actor=approver, request=request, approve=approve, reason=reason),
    )
    if decided is None:
        c.counts.pending += 1
        return False
    if approve:
        c.counts.approved += 1
    else:
        c.counts.rejected += 1
    return True


def _reserve(c: _Claim, category: str, amount: Decimal, reason: str, *, bucket: str = Bucket.GENERAL) -> bool:
    """Set a reserve; a change above authority is approved at once. Whether it is posted."""
    result = _try(
        c.counts,
        f"{category} reserve",
        lambda: reserve_set(
            actor=c.actor, claim=c.claim, category=category, amount=amount, reason=reason, bucket=bucket
        ),
    )
    if result is None:
        return False
    if isinstance(result, ApprovalRequest):
        c.counts.requested += 1
        if not _decide(c, result, approve=True, reason="Reserve reviewed against the benefit schedule."):
            return False
    c.counts.reserves += 1
    return True


def _latest_rate(claim: Claim) -> Decimal | None:
    rate = (
        ClaimEvent.objects.filter(claim=claim, kind=EventKind.BENEFIT_RATE_DECIDED)
        .order_by("-seq")
        .values_list("payload", flat=True)
        .first()
    )
    return None if rate is None else Decimal(rate["weekly_rate"])


def _pay(c: _Claim, payment: PaymentInput, *, approve_now: bool) -> LedgerEntry | ApprovalRequest | None:
    """Issue ``payment``; above authority it is approved at once (``approve_now``) or left waiting."""
    result = _try(
        c.counts,
        f"{payment.category} payment",
        lambda: payment_issue(actor=c.actor, claim=c.claim, payment=payment),
    )
    if result is None or isinstance(result, LedgerEntry):
        return result
    c.counts.requested += 1
    if approve_now:
        if _decide(
            c, result, approve=True, reason="Period recorded on the Benefits page at the decided rate."
        ):
            result.refresh_from_db()
            return result.entry
        return None
    c.supervisor_pending.append(result)
    return result


def _posted(c: _Claim, entry: LedgerEntry | ApprovalRequest | None) -> LedgerEntry | None:
    if isinstance(entry, LedgerEntry):
        c.counts.paid += _paid(entry)
        if entry.category == Category.INDEMNITY:
            c.counts.indemnity_payments += 1
        else:
            c.counts.medical_payments += 1
        return entry
    return None


def _indemnity(c: _Claim) -> list[LedgerEntry]:
    """The indemnity reserve, then one payment per ``benefit.period_paid`` event."""
    claim = c.claim
    periods = list(
        ClaimEvent.objects.filter(claim=claim, kind=EventKind.BENEFIT_PERIOD_PAID)
        .order_by("seq")
        .values_list("seq", "payload")
    )
    amounts = [Decimal(p["amount"]) for _, p in periods]
    rate = _latest_rate(claim)
    if rate is not None:
        figure = _round_up(max(rate * INDEMNITY_WEEKS, sum(amounts, Decimal(0))))
        reason = f"Weekly rate {rate:,.2f} × {INDEMNITY_WEEKS} weeks of temporary disability, rounded up."
    else:
        figure = _whole(c.rng, 3000, 8000)
        reason = "Initial indemnity reserve: weekly rate not yet decided."
    if not _reserve(c, Category.INDEMNITY, figure, reason):
        return []
    paid = []
    for seq, payload in periods:
        amount = Decimal(payload["amount"])
        if amount <= 0:
            c.counts.skipped_zero += 1
            continue
        first = dt.date.fromisoformat(payload["first_day"])
        back = dt.date.fromisoformat(payload["return_to_work"])
        payment = PaymentInput(
            category=Category.INDEMNITY,
            amount=amount,
            payee_kind=PayeeKind.WORKER,
            payee_name=c.worker,
            method=PaymentMethod.EFT,
            benefit=payload["benefit"],
            period_start=first,
            period_end=back - DAY,
            occurred_on=back,
            idempotency_key=f"demo-period-{claim.pk}-{seq}",
            reason=f"{payload['benefit']} {first.isoformat()} to {(back - DAY).isoformat()} "
            f"(benefit period event #{seq}).",
        )
        entry = _posted(c, _pay(c, payment, approve_now=True))
        if entry is not None:
            paid.append(entry)
    return paid


def _medical(c: _Claim) -> list[LedgerEntry]:
    """The medical reserve and one to three invoices paid to the provider (some waiting)."""
    rng = c.rng
    reserve = _whole(rng, 5000, 25000, 1000)
    if not _reserve(c, Category.MEDICAL, reserve, "Treatment plan: visits, therapy and imaging."):
        return []
    left = reserve
    paid = []
    for n in range(rng.randint(1, 3)):
        large = n == 0 and rng.random() < 0.35
        amount = (
            Decimal(rng.randint(260_000, 900_000)) / 100
            if large
            else Decimal(rng.randint(15_000, 240_000)) / 100
        ).quantize(CENT)
        if amount > left:
            break
        left -= amount
        what = (
            "Surgery and hospital stay"
            if large
            else rng.choice(("Office visits", "Physical therapy sessions", "Imaging (MRI)", "Prescriptions"))
        )
        payment = PaymentInput(
            category=Category.MEDICAL,
            amount=amount,
            payee_kind=PayeeKind.PROVIDER,
            payee_name=c.provider,
            method=PaymentMethod.EFT,
            idempotency_key=f"demo-medical-{c.claim.pk}-{n}",
            reason=f"{what}: invoice {c.claim.pk:06d}-{n + 1}.",
        )
        result = _pay(c, payment, approve_now=False)
        entry = _posted(c, result)
        if entry is not None:
            paid.append(entry)
    return paid


def _decide_waiting(c: _Claim, index: int) -> None:
    """Of the invoices waiting on the supervisor: some approved, some rejected, the rest left."""
    for i, request in enumerate(c.supervisor_pending):
        turn = (index + i) % 5
        payment = request.kind == RequestKind.PAYMENT
        if turn in (0, 1):
            why = "Invoice checked against the treatment plan." if payment else "Impairment rating likely."
            if _decide(c, request, approve=True, reason=why):
                request.refresh_from_db()
                if payment:
                    _posted(c, request.entry)
                else:
                    c.counts.reserves += 1
        elif turn == 2:
            why = (
                "Not within the approved treatment: ask the provider for the referral."
                if payment
                else "Too early: wait for the treating doctor's report on maximum medical improvement."
            )
            _decide(c, request, approve=False, reason=why)
        else:
            c.counts.pending += 1
    c.supervisor_pending.clear()


def _void(c: _Claim, index: int, medical: list[LedgerEntry]) -> None:
    """One void: an invoice entered twice (``duplicate invoice``), or one paid to the wrong
    provider (``wrong payee``) and paid again to the right one."""
    small = [e for e in medical if _paid(e) <= limits_of(c.actor)[0]]
    if not small:
        return
    original = small[0]
    amount = _paid(original)
    duplicate = index % 2 == 0
    if not _reserve(
        c, Category.MEDICAL, _round_up(_medical_reserve(c) + amount), "Further invoices expected."
    ):
        return
    payee = c.provider if duplicate else WRONG_PAYEE
    again = replace(
        _like(original),
        payee_name=payee,
        idempotency_key=f"demo-medical-{c.claim.pk}-{'dup' if duplicate else 'wrong'}",
        reason=f"{original.reason} (entered again)" if duplicate else f"Follow-up visit: {original.reason}",
    )
    entry = _posted(c, _pay(c, again, approve_now=False))
    if entry is None:
        return
    reason = "duplicate invoice" if duplicate else "wrong payee"
    if _try(c.counts, "void", lambda: payment_void(actor=c.actor, entry=entry, reason=reason)) is None:
        return
    c.counts.voids += 1
    c.counts.paid -= amount
    if not duplicate:  # paid again, to the treating provider
        right = replace(again, payee_name=c.provider, idempotency_key=f"demo-medical-{c.claim.pk}-reissued")
        _posted(c, _pay(c, right, approve_now=False))


def _paid(entry: LedgerEntry) -> Decimal:
    return entry.lines.get(account=Account.PAID).amount


def _like(entry: LedgerEntry) -> PaymentInput:
    return PaymentInput(
        category=entry.category,
        amount=_paid(entry),
        payee_kind=entry.payee_kind,
        payee_name=entry.payee_name,
        method=entry.method,
        reason=entry.reason,
    )


def _medical_reserve(c: _Claim) -> Decimal:
    return balance(claim=c.claim, account=Account.RESERVE, category=Category.MEDICAL, bucket=Bucket.GENERAL)


def _overpayment(c: _Claim, owed: Decimal, why: str) -> None:
    """A repayment plan for ``owed`` and its first instalment received."""
    plan = _try(
        c.counts,
        "repayment plan",
        lambda: repayment_plan_agree(
            actor=c.actor,
            claim=c.claim,
            kind=RecoveryKind.OVERPAYMENT,
            category=Category.INDEMNITY,
            owed=owed,
            debtor=c.worker,
            terms=f"{why} Repaid in fortnightly instalments of {max((owed / 4).quantize(CENT), CENT):,.2f}.",
        ),
    )
    if plan is None:
        return
    c.counts.plans += 1
    first = max((owed / 4).quantize(CENT), CENT)
    done = _try(
        c.counts,
        "overpayment recovery",
        lambda: recovery_record(
            actor=c.actor,
            claim=c.claim,
            category=Category.INDEMNITY,
            amount=first,
            kind=RecoveryKind.OVERPAYMENT,
            payer=c.worker,
            reason="First instalment of the repayment plan.",
            plan=plan,
            idempotency_key=f"demo-repaid-{c.claim.pk}-1",
        ),
    )
    if done is not None:
        c.counts.recoveries += 1
        c.counts.recovered += first


def _overpaid(claim: Claim) -> Decimal:
    """The overpayment a corrected wage statement showed (nil if none)."""
    total = Decimal(0)
    for payload in ClaimEvent.objects.filter(claim=claim, kind=EventKind.BENEFIT_RATE_DECIDED).values_list(
        "payload", flat=True
    ):
        difference = Decimal(payload.get("difference") or 0)
        if difference < 0:
            total = -difference
    return total.quantize(CENT)


def _subrogation(c: _Claim, index: int, medical: list[LedgerEntry]) -> None:
    paid = sum((_paid(e) for e in medical), Decimal(0))
    if not paid:
        return
    amount = (paid * Decimal("0.6")).quantize(CENT)
    payer = SUBROGATION_PAYERS[index % len(SUBROGATION_PAYERS)]
    done = _try(
        c.counts,
        "subrogation",
        lambda: recovery_record(
            actor=c.actor,
            claim=c.claim,
            category=Category.MEDICAL,
            amount=amount,
            kind=RecoveryKind.SUBROGATION,
            payer=payer,
            reason="Third party's share of the medical costs (motor accident on the job).",
            idempotency_key=f"demo-subrogation-{c.claim.pk}",
        ),
    )
    if done is not None:
        c.counts.recoveries += 1
        c.counts.recovered += amount


@dataclass
class _Plan:
    """Which extras a claim gets (decided up front so they are spread over the sample)."""

    void: bool = False
    plan: bool = False
    subrogation: bool = False
    expense: bool = False
    permanency: bool = False


def _work(c: _Claim, index: int, plan: _Plan) -> None:
    counts, rng = c.counts, c.rng
    indemnity = _indemnity(c)
    medical = _medical(c)
    if plan.expense:
        _reserve(
            c, Category.EXPENSE, _whole(rng, 1000, 5000), "Independent medical examination and legal review."
        )
    if plan.permanency:
        figure = _whole(rng, 15000, 60000, 5000)
        result = _try(
            c.counts,
            "permanency reserve",
            lambda: reserve_set(
                actor=c.actor,
                claim=c.claim,
                category=Category.INDEMNITY,
                bucket=Bucket.PERMANENCY,
                amount=figure,
                reason="Permanent impairment likely: rating expected after maximum medical improvement.",
            ),
        )
        if isinstance(result, ApprovalRequest):
            counts.requested += 1
            c.supervisor_pending.append(result)
        elif result is not None:
            counts.reserves += 1
    _decide_waiting(c, index)
    if plan.void:
        _void(c, index, medical)
    overpaid = _overpaid(c.claim)
    if overpaid > 0 and indemnity:
        _overpayment(c, overpaid, "Overpaid at the rate of the employer's first wage statement.")
    elif plan.plan and indemnity:
        owed = min(_paid(indemnity[-1]), Decimal("400.00"))
        _overpayment(c, owed, "Weekly benefit paid after the worker's return to work.")
    if plan.subrogation:
        _subrogation(c, index, medical)


def _plans(rng: random.Random, ids: Sequence[int]) -> dict[int, _Plan]:
    plans = {pk: _Plan() for pk in ids}
    for i, pk in enumerate(ids):
        plans[pk].void = i % VOID_EVERY == VOID_EVERY // 2
        plans[pk].expense = rng.random() < 0.4
        plans[pk].permanency = rng.random() < 0.1
    shuffled = list(ids)
    rng.shuffle(shuffled)
    for pk in shuffled[:EXTRA_PLANS]:
        plans[pk].plan = True
    for pk in shuffled[EXTRA_PLANS : EXTRA_PLANS + SUBROGATIONS]:
        plans[pk].subrogation = True
    return plans


def _provider_name(claim: Claim, clinics: Sequence[str], rng: random.Random) -> str:
    participant = (
        ClaimParticipant.objects.filter(
            claim=claim,
            provider__isnull=False,
            role__in=(ParticipantRole.TREATING_FACILITY, ParticipantRole.TREATING_DOCTOR),
        )
        .select_related("provider")
        .order_by("role", "pk")  # a treating facility before a doctor
        .first()
    )
    if participant is not None and participant.provider is not None:
        p: Provider = participant.provider
        return p.practice_name or p.name
    return rng.choice(list(clinics) or list(CLINICS))


def seed_financials(
    *,
    seed: int,
    adjuster_cap: int = ADJUSTER_CAP,
    others: int = OTHERS,
    write: Callable[[str], None] | None = None,
) -> FinancialCounts:
    """Authority for the staff, then reserves, payments, approvals and recoveries on a bounded sample.

    Deterministic for a given ``seed`` and day. ``write`` gets progress lines (by
    tenths); the caller prints :meth:`FinancialCounts.summary`.
    """
    started = time.monotonic()
    rng = random.Random(f"financials-{seed}")  # noqa: S311 - a reproducible demo, not a secret
    counts = FinancialCounts()
    grant_authority(counts)
    ids = sample(rng, adjuster_cap=adjuster_cap, others=others)
    counts.sampled = len(ids)
    plans = _plans(rng, ids)
    clinics = sorted(
        set(Provider.objects.exclude(practice_name="").values_list("practice_name", flat=True)[:50])
    )
    supervisors: dict[int, User | None] = {}
    total, last = len(ids), -1
    for i, pk in enumerate(ids, 1):
        claim = Claim.objects.select_related("worker", "assigned_adjuster").get(pk=pk)
        if claim.administrator_id not in supervisors:
            supervisors[claim.administrator_id] = (
                User.objects.filter(
                    organisation_id=claim.administrator_id, role=Role.SUPERVISOR, is_active=True
                )
                .order_by("pk")
                .first()
            )
        supervisor = supervisors[claim.administrator_id]
        actor = claim.assigned_adjuster or supervisor
        if actor is None:
            counts.no_actor += 1
            continue
        before = claim.last_event_seq
        reserves = counts.reserves
        c = _Claim(
            claim=claim,
            actor=actor,
            approver=supervisor,
            worker=claim.worker.full_name,
            provider=_provider_name(claim, clinics, rng),
            counts=counts,
            rng=rng,
        )
        with transaction.atomic():
            _work(c, i, plans[pk])
        if counts.reserves > reserves:
            counts.claims += 1
        counts.events += Claim.objects.filter(pk=pk).values_list("last_event_seq", flat=True).get() - before
        if write is not None and total:
            tenth = i * 10 // total
            if tenth != last and tenth > 0:
                last = tenth
                write(
                    f"  {i * 100 // total:3d}%  {i:>9,}/{total:,} claims  {counts.payments:,} payments  "
                    f"elapsed {time.monotonic() - started:.1f} s"
                )
    seed_demo_bank_details(write=write)  # so the bank payment files have payees
    seed_reimbursements(totals=counts, write=write)  # the employers' wage reimbursement schedules (NSW)
    counts.seconds = time.monotonic() - started
    return counts

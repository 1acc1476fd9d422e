"""The benefits engine on the demo book: wage statements, rate decisions and paid periods.

``seed-demo`` calls :func:`seed_benefits` once the book is built (before the
obligations are computed). A bounded sample of lost-time claims whose weekly
payments began — every one of the demo adjuster's (up to ``ADJUSTER_CAP``) and up
to ``OTHERS`` more spread over the four jurisdictions — is worked through the real
services (``opencomp.benefits.services``), one transaction per claim, by the claim's
adjuster (or its administrator's supervisor):

1. the worker's payroll (``WageRecord``) is completed back over the jurisdiction's
   earnings window where the book holds only the last few pay periods (MN 26
   weeks, CT 52 calendar weeks, NSW 52 weeks or from the start of employment);
2. a wage statement: CO hourly (the rate earned × the usual hours a day × days a
   week), MN ``26_weeks``, CT ``52_weeks`` with the after-tax AWW entered by the
   adjuster (an input from the Commission's tables, which OpenComp does not hold:
   the demo enters 78% of the gross AWW and says so in the statement's note), NSW
   ``piawe``;
3. the TTD rate (NSW: ``weekly``, entitlement week 1);
4. one or two periods paid from the first day of incapacity until the worker went
   back (a full-capacity certificate), the claim was denied, closed or finalised,
   or today (CO and MN by the disability-period calculator; NSW whole entitlement
   weeks within the first entitlement period and before the next indexation review
   date; CT periods are not computed);
5. for about one claim in five the employer's first statement was wrong (overtime
   left out, a pay period listed twice, the hourly rate before a raise, or the
   unpaid meal break counted as hours) and a corrected statement follows the
   payments: the services decide the rate again and the decision shows the
   arrears or the overpayment.

Where the rule pack holds no sourced figure for the claim's dates (a CO injury in
FY 2024-25, a CT injury after 30 Sep 2025, an NSW week outside the two MAX
half-years held, ...) the service refuses the rate: the wage statement stays and the
rate is left undecided, so the claim's Benefits page shows why. Nothing is faked.

The services stamp their events with ``clock.now()``: the benefit events of the
demo are the latest entries of each sampled claim's log.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import transaction

from opencomp.accounts.enums import Role
from opencomp.accounts.models import User
from opencomp.benefits.calculators.aww import WageLine, aww_ct_52_weeks
from opencomp.benefits.calculators.types import InputError, MissingFigure, day, dollars, money
from opencomp.benefits.calculators.weekly import weekly_benefit
from opencomp.benefits.services import (
    WageStatementInput,
    benefit_period_record,
    benefit_rate_decide,
    wage_statement_record,
)
from opencomp.claims import lifecycle as lc
from opencomp.claims.enums import EventKind
from opencomp.claims.models import Claim, ClaimEvent
from opencomp.claims.selectors import claim_today
from opencomp.core.errors import ValidationFailed
from opencomp.demo import DEMO_USERS
from opencomp.jurisdictions import JURISDICTIONS
from opencomp.parties.models import Employment, WageRecord

#: At most this many of the demo adjuster's claims (all of them in a demo-sized book).
ADJUSTER_CAP = 60
#: Up to this many other claims, spread evenly over the jurisdictions.
OTHERS = 150
#: About one claim in ``CORRECTION_EVERY`` gets a corrected wage statement after its payments.
CORRECTION_EVERY = 5
#: The demo's stand-in for Connecticut's after-tax AWW table: a share of the gross AWW.
CT_AFTER_TAX_SHARE = Decimal("0.78")
CT_NOTE = "demo: after-tax AWW entered by the adjuster from the Commission's table"

BENEFIT = {"CO": "TTD", "MN": "TTD", "CT": "TTD", "NSW": "weekly"}
#: Days of earnings history each method reads, before the injury (CT: before the week of injury).
WINDOW_DAYS = {"MN": 26 * 7, "CT": 52 * 7, "NSW": 52 * 7}
#: Refusals for a date the rule pack holds no sourced figure for.
NO_FIGURE_FIELDS = frozenset({"injury_date", "week_start"})
CENT = Decimal("0.01")
DAY = dt.timedelta(days=1)
WEEK = dt.timedelta(days=7)
ENDING_STATUSES = frozenset({lc.DENIED, lc.CLOSED, lc.FINALISED})


@dataclass
class BenefitCounts:
    """What :func:`seed_benefits` did."""

    sampled: int = 0
    statements: int = 0  # claims with a wage statement
    decided: int = 0  # claims with a rate decided
    refused: int = 0  # wage statement only: no sourced figure for the date
    no_wages: int = 0  # no usable payroll (volunteers, no employment record)
    periods: int = 0  # periods paid
    events: int = 0  # events written (statements, decisions, periods, schedules)
    corrected: int = 0  # corrected wage statements recorded
    differences: int = 0  # decisions after a correction with arrears or an overpayment
    wage_records: int = 0  # pay periods added to complete the payroll history
    other_refusals: Counter[str] = field(default_factory=Counter)  # field → count (not expected)
    missing: Counter[str] = field(default_factory=Counter)  # jurisdiction → claims refused for a date
    seconds: float = 0.0

    def summary(self) -> str:
        return (
            f"benefits: {self.decided:,} claims with rates decided, {self.refused:,} with wage statements "
            "only (no sourced figure for the date)"
        )

    def details(self) -> str:
        text = (
            f"  {self.periods:,} periods paid; {self.corrected:,} corrected wage statements "
            f"({self.differences:,} with arrears or an overpayment); {self.wage_records:,} pay periods added "
            f"to complete the payroll history; {self.seconds:.1f} s"
        )
        if self.missing:
            text += "; no sourced figure: " + ", ".join(f"{k} {v}" for k, v in sorted(self.missing.items()))
        if self.no_wages:
            text += f"; {self.no_wages:,} sampled claim{'s' if self.no_wages != 1 else ''} without a payroll"
        if self.other_refusals:
            text += "; refused otherwise: " + ", ".join(
                f"{k} {v}" for k, v in sorted(self.other_refusals.items())
            )
        return text


@dataclass(frozen=True)
class _Target:
    claim_id: int
    number: str
    jurisdiction: str
    injury_date: dt.date
    first_day: dt.date  # first day of incapacity (indemnity.commenced)
    first_payment_on: dt.date


# --- which claims ----------------------------------------------------------------------


_Row = tuple[int, str, str, int | None]  # claim id, number, jurisdiction, assigned adjuster id


def _candidates() -> list[_Row]:
    """Lost-time claims (not death claims) whose weekly payments began, by claim number."""
    rows = (
        ClaimEvent.objects.filter(
            kind=EventKind.INDEMNITY_COMMENCED, claim__claim_type="lost_time", claim__fatal=False
        )
        .order_by("claim__number")
        .values_list("claim_id", "claim__number", "claim__jurisdiction", "claim__assigned_adjuster_id")
        .distinct()
    )
    return list(rows)


def sample(rng: random.Random, *, adjuster_cap: int = ADJUSTER_CAP, others: int = OTHERS) -> list[_Target]:
    """The claims to work: the demo adjuster's (capped) and ``others`` spread over the jurisdictions."""
    adjuster_id = User.objects.filter(username=DEMO_USERS["adjuster"]).values_list("pk", flat=True).first()
    rows = _candidates()
    mine = [r for r in rows if adjuster_id is not None and r[3] == adjuster_id]
    if len(mine) > adjuster_cap:
        mine = sorted(rng.sample(mine, adjuster_cap), key=lambda r: r[1])
    chosen = {r[0] for r in mine}
    pools = {code: [r for r in rows if r[2] == code and r[0] not in chosen] for code in sorted(JURISDICTIONS)}
    quota = dict.fromkeys(pools, 0)
    left = others
    while left > 0:  # share ``others`` out evenly; a jurisdiction with too few claims gives way
        open_codes = [c for c in pools if quota[c] < len(pools[c])]
        if not open_codes:
            break
        for code in open_codes[:left]:
            quota[code] += 1
        left -= min(left, len(open_codes))
    picked = list(mine)
    for code, pool in pools.items():
        picked.extend(rng.sample(pool, quota[code]) if quota[code] < len(pool) else pool)
    ids = [r[0] for r in picked]
    commenced = ClaimEvent.objects.filter(kind=EventKind.INDEMNITY_COMMENCED, claim_id__in=ids)
    started = dict(commenced.order_by("-seq").values_list("claim_id", "payload"))  # the first one wins
    injury = dict(Claim.objects.filter(pk__in=ids).values_list("pk", "injury_date"))
    return [
        _Target(
            claim_id=r[0],
            number=r[1],
            jurisdiction=r[2],
            injury_date=injury[r[0]],
            first_day=dt.date.fromisoformat(started[r[0]]["first_day"]),
            first_payment_on=dt.date.fromisoformat(started[r[0]]["first_payment_on"]),
        )
        for r in sorted(picked, key=lambda r: r[1])
    ]


# --- the payroll -----------------------------------------------------------------------


def _window_start(jurisdiction: str, injury: dt.date) -> dt.date | None:
    days = WINDOW_DAYS.get(jurisdiction)
    if days is None:
        return None
    if jurisdiction == "CT":  # 52 calendar weeks (Sunday to Saturday) before the week of injury
        injury = injury - dt.timedelta(days=(injury.weekday() + 1) % 7)
    return injury - dt.timedelta(days=days)


def complete_payroll(
    rng: random.Random, employment: Employment, injury: dt.date, window_start: dt.date
) -> list[WageRecord]:
    """Pay periods before the earliest one the book wrote, back to ``window_start`` (or the hire date).

    Each repeats the latest ordinary pay period before the injury with the hours
    varying as the book's do; overtime and allowances appear as often as the
    worker's own records show them. Periods that would overlap a recorded one are
    left out. The new rows are saved and returned.
    """
    records = list(employment.wages.all())
    ordinary = [w for w in records if w.kind == "ordinary" and w.period_start < injury]
    if not ordinary:
        return []
    template = max(ordinary, key=lambda w: w.period_end)
    length = (template.period_end - template.period_start).days + 1
    extras = [w for w in records if w.kind != "ordinary" and w.period_start < injury]
    extra_share = len(extras) / max(len(ordinary), 1)
    taken = [(w.period_start, w.period_end) for w in records if w.kind == "ordinary"]
    lower = max(window_start, employment.hire_date)
    near = [w.period_start for w in ordinary if w.period_end >= window_start - dt.timedelta(days=length)]
    end = min(near, default=template.period_start) - DAY
    new: list[WageRecord] = []
    while end >= lower:
        start = max(end - dt.timedelta(days=length - 1), employment.hire_date)
        if any(start <= b and a <= end for a, b in taken):
            end = start - DAY
            continue
        share = (
            Decimal((end - start).days + 1) / Decimal(length) * Decimal(str(round(rng.uniform(0.9, 1.02), 4)))
        )
        hours = (template.hours * share).quantize(CENT) if template.hours is not None else None
        new.append(
            WageRecord(
                employment=employment,
                period_start=start,
                period_end=end,
                kind="ordinary",
                amount=(template.amount * share).quantize(CENT),
                hours=hours,
            )
        )
        if extras and rng.random() < extra_share:
            like = rng.choice(extras)
            factor = Decimal(str(round(rng.uniform(0.5, 1.5), 4)))
            new.append(
                WageRecord(
                    employment=employment,
                    period_start=start,
                    period_end=end,
                    kind=like.kind,
                    amount=max((like.amount * factor).quantize(CENT), CENT),
                    hours=(like.hours * factor).quantize(CENT) if like.hours is not None else None,
                )
            )
        end = start - DAY
    WageRecord.objects.bulk_create(new)
    return new


def _lines(employment: Employment, injury: dt.date, window_start: dt.date | None) -> list[WageLine]:
    """The payroll lines before the injury (inside the method's window), oldest first."""
    out = []
    for w in employment.wages.order_by("period_start", "kind", "pk"):
        if w.period_start >= injury or (window_start is not None and w.period_end < window_start):
            continue
        out.append(WageLine(w.period_start, w.period_end, w.amount, w.kind, w.hours))
    return out


# --- the wage statements ---------------------------------------------------------------


@dataclass(frozen=True)
class _Statements:
    """The statement as the employer first supplied it, and the corrected one (or none)."""

    first: WageStatementInput
    corrected: WageStatementInput | None


def _hourly(
    rng: random.Random, employment: Employment, lines: Sequence[WageLine], correct: bool
) -> _Statements | None:
    ordinary = [ln for ln in lines if ln.kind == "ordinary" and ln.hours]
    days = employment.days_per_week
    if not ordinary or not days or not employment.hours_per_week:
        return None
    paid = sum((ln.amount for ln in ordinary), Decimal(0))
    hours = sum((ln.hours or Decimal(0) for ln in ordinary), Decimal(0))
    rate = money(paid / hours)
    per_day = (employment.hours_per_week / days).quantize(CENT)
    periods = len(ordinary)
    note = (
        f"Hourly rate {dollars(rate)} from the payroll ({periods} pay period{'s' if periods != 1 else ''}, "
        f"{hours} hours, {dollars(paid)}); usual hours from the employment record."
    )
    true = WageStatementInput(
        method="hourly", hourly_rate=rate, hours_per_day=per_day, days_per_week=days, note=note
    )
    if not correct:
        return _Statements(true, None)
    latest = max(ordinary, key=lambda ln: ln.period_start)
    if rng.random() < 0.6:  # arrears: the rate before the last raise
        before = money(rate * Decimal(str(round(rng.uniform(0.93, 0.97), 4))))
        first = replace(
            true,
            hourly_rate=before,
            note=f"As first supplied by the employer: hourly rate {dollars(before)}.",
        )
        why = (
            f"Corrected: the employer's first statement gave the hourly rate before the raise of "
            f"{day(latest.period_start)} ({dollars(before)}, now {dollars(rate)}). {note}"
        )
    else:  # overpayment: the unpaid meal break counted as hours worked
        if per_day + 1 > 24:
            return _Statements(true, None)
        first = replace(
            true,
            hours_per_day=per_day + 1,
            note=f"As first supplied by the employer: {per_day + 1} hours a day.",
        )
        why = (
            f"Corrected: the employer's first statement counted the unpaid meal break ({per_day + 1} hours a "
            f"day, now {per_day}). {note}"
        )
    return _Statements(first, replace(true, note=why))


def _ct_after_tax(claim: Claim, lines: Sequence[WageLine], hire_date: dt.date | None) -> Decimal | None:
    try:
        gross = aww_ct_52_weeks(lines, injury_date=claim.injury_date, hire_date=hire_date).amount
    except (InputError, MissingFigure):
        return None
    return money(gross * CT_AFTER_TAX_SHARE)


def _from_lines(
    rng: random.Random, claim: Claim, employment: Employment, lines: list[WageLine], correct: bool
) -> _Statements | None:
    code = claim.jurisdiction
    method = {"MN": "26_weeks", "CT": "52_weeks", "NSW": "piawe"}[code]
    if not lines:
        return None
    hire = employment.hire_date if employment.hire_date < claim.injury_date else None

    def statement(chosen: list[WageLine], note: str) -> WageStatementInput:
        after_tax = None
        if code == "CT":
            after_tax = _ct_after_tax(claim, chosen, hire)
            note = f"{note} After-tax AWW {dollars(after_tax) if after_tax else 'not found'} ({CT_NOTE})."
        return WageStatementInput(method=method, lines=tuple(chosen), after_tax_aww=after_tax, note=note)

    periods = len({(ln.period_start, ln.period_end) for ln in lines})
    base = f"From the employer's payroll: {periods} pay periods before the injury."
    true = statement(lines, base)
    if not correct:
        return _Statements(true, None)
    extras = [ln for ln in lines if ln.kind != "ordinary"]
    ordinary = [ln for ln in lines if ln.kind == "ordinary"]
    arrears = rng.random() < 0.6
    if arrears and extras:
        kept = [ln for ln in lines if ln.kind == "ordinary"]
        left_out = sum((ln.amount for ln in extras), Decimal(0))
        first = statement(kept, "As first supplied by the employer: ordinary pay only.")
        why = (
            f"Corrected: the employer's first statement left out {len(extras)} overtime and allowance "
            f"line{'s' if len(extras) != 1 else ''} ({dollars(left_out)})."
        )
    elif arrears and code != "CT" and len(ordinary) > 1:
        last = max(ordinary, key=lambda ln: ln.period_start)
        first = statement(
            [ln for ln in lines if ln.period_start != last.period_start],
            "As first supplied by the employer.",
        )
        why = (
            f"Corrected: the employer's first statement left out the last pay period before the injury "
            f"({day(last.period_start)} to {day(last.period_end)}, {dollars(last.amount)})."
        )
    else:  # overpayment: one pay period listed twice
        twice = rng.choice(ordinary or lines)
        doubled = sorted([*lines, twice], key=lambda ln: (ln.period_start, ln.kind))
        first = statement(doubled, "As first supplied by the employer.")
        why = (
            f"Corrected: the employer's first statement listed the pay period {day(twice.period_start)} to "
            f"{day(twice.period_end)} ({dollars(twice.amount)}) twice."
        )
    return _Statements(first, statement(lines, f"{why} {base}"))


def statements_for(
    rng: random.Random, claim: Claim, employment: Employment, lines: list[WageLine], correct: bool
) -> _Statements | None:
    """The wage statement(s) of ``claim`` by its jurisdiction's method (``None``: no usable payroll)."""
    if claim.jurisdiction == "CO":
        return _hourly(rng, employment, lines, correct)
    return _from_lines(rng, claim, employment, lines, correct)


# --- the periods paid ------------------------------------------------------------------


def _next_review(injury: dt.date) -> dt.date:
    """NSW: the next indexation review date (1 April or 1 October) after the injury."""
    for year in (injury.year, injury.year + 1):
        for month in (4, 10):
            review = dt.date(year, month, 1)
            if review > injury:
                return review
    raise AssertionError("unreachable")  # pragma: no cover


def paid_until(rng: random.Random, claim: Claim, first_day: dt.date, today: dt.date) -> dt.date:
    """The first day back (exclusive end of the payments): a full-capacity certificate, the claim
    denied, closed or finalised, or — while the worker is still off — some weeks in, never after today."""
    zone = ZoneInfo(JURISDICTIONS[claim.jurisdiction].time_zone)
    ends = []
    for kind, payload, occurred_at in claim.events.filter(
        kind__in=(EventKind.WORK_STATUS_RECORDED, EventKind.STATUS_CHANGED)
    ).values_list("kind", "payload", "occurred_at"):
        if kind == EventKind.WORK_STATUS_RECORDED and payload.get("capacity") == "full":
            ends.append(dt.date.fromisoformat(payload["from_date"]))
        elif kind == EventKind.STATUS_CHANGED and payload.get("to_status") in ENDING_STATUSES:
            ends.append(occurred_at.astimezone(zone).date())
    ends = [d for d in ends if d > first_day]
    end = min(ends) if ends else first_day + dt.timedelta(days=rng.randint(14, 84))
    return min(end, today, first_day + dt.timedelta(days=26 * 7))


def _pay(
    rng: random.Random, actor: User, claim: Claim, target: _Target, today: dt.date, counts: BenefitCounts
) -> int:
    """Record one or two periods paid; returns how many."""
    benefit = BENEFIT[claim.jurisdiction]
    first_day = max(target.first_day, claim.injury_date)
    end = paid_until(rng, claim, first_day, today)
    if claim.jurisdiction == "NSW":  # whole entitlement weeks, in the first entitlement period,
        end = min(end, first_day + 13 * WEEK, _next_review(claim.injury_date))  # at the decided rate
        end = first_day + WEEK * ((end - first_day).days // 7)
    if end <= first_day:
        return 0
    split = first_day + 2 * WEEK
    bounds = (
        [(first_day, split), (split, end)]
        if end > split + WEEK and rng.random() < 0.7
        else [(first_day, end)]
    )
    done = 0
    for start, stop in bounds:
        try:
            benefit_period_record(
                actor=actor, claim=claim, benefit=benefit, first_day=start, return_to_work=stop
            )
        except ValidationFailed as exc:
            counts.other_refusals[f"period {_fields(exc)}"] += 1
            break
        done += 1
    return done


# --- the whole ---------------------------------------------------------------------------


def _fields(exc: ValidationFailed) -> str:
    return ",".join(e.field for e in getattr(exc, "errors", None) or []) or "?"


def has_sourced_rate(target: _Target) -> bool:
    """Whether the rule pack holds the figures for a rate on this claim's dates (a nominal wage)."""
    code = target.jurisdiction
    injury = target.injury_date
    nominal = Decimal("1000.00")
    try:
        if code == "NSW":
            weekly_benefit(code, "weekly", injury_date=injury, piawe=nominal, entitlement_week=1)
        else:
            weekly_benefit(
                code,
                "TTD",
                injury_date=injury,
                aww=nominal,
                after_tax_aww=nominal * CT_AFTER_TAX_SHARE if code == "CT" else None,
            )
    except (InputError, MissingFigure):
        return False
    return True


def _actor(claim: Claim, supervisors: dict[int, User | None]) -> User | None:
    if claim.assigned_adjuster is not None:
        return claim.assigned_adjuster
    if claim.administrator_id not in supervisors:
        supervisors[claim.administrator_id] = (
            User.objects.filter(organisation_id=claim.administrator_id, role=Role.SUPERVISOR, is_active=True)
            .order_by("pk")
            .first()
        )
    return supervisors[claim.administrator_id]


def _work(
    rng: random.Random,
    target: _Target,
    correct: bool,
    supervisors: dict[int, User | None],
    counts: BenefitCounts,
) -> None:
    """Work one claim in one transaction."""
    claim = Claim.objects.select_related("employment", "assigned_adjuster").get(pk=target.claim_id)
    employment = claim.employment
    actor = _actor(claim, supervisors)
    if employment is None or actor is None:
        counts.no_wages += 1
        return
    window_start = _window_start(claim.jurisdiction, claim.injury_date)
    with transaction.atomic():
        if window_start is not None:
            counts.wage_records += len(complete_payroll(rng, employment, claim.injury_date, window_start))
        lines = _lines(employment, claim.injury_date, window_start)
        statements = statements_for(rng, claim, employment, lines, correct)
        if statements is None:
            counts.no_wages += 1
            return
        try:
            wage_statement_record(actor=actor, claim=claim, statement=statements.first)
        except ValidationFailed as exc:
            counts.other_refusals[f"wage statement {_fields(exc)}"] += 1
            return
        counts.statements += 1
        benefit = BENEFIT[claim.jurisdiction]
        # NSW: entitlement week 1 starts on the first day of incapacity, the first day paid
        week_start = max(target.first_day, claim.injury_date) if claim.jurisdiction == "NSW" else None
        try:
            benefit_rate_decide(
                actor=actor,
                claim=claim,
                benefit=benefit,
                week_start=week_start,
                reason=f"Weekly payments began on {day(target.first_payment_on)}; rate from the wage "
                "statement.",
            )
        except ValidationFailed as exc:
            if _fields(exc) in NO_FIGURE_FIELDS:
                counts.refused += 1
                counts.missing[claim.jurisdiction] += 1
            else:
                counts.other_refusals[f"rate {_fields(exc)}"] += 1
            decided = False
        else:
            counts.decided += 1
            decided = True
        today = claim_today(claim)
        if decided and claim.jurisdiction != "CT":  # no sourced waiting period or daily rate in CT
            counts.periods += _pay(rng, actor, claim, target, today, counts)
        if statements.corrected is None:
            return
        before = claim.events.filter(kind=EventKind.BENEFIT_RATE_DECIDED).count()
        try:
            wage_statement_record(actor=actor, claim=claim, statement=statements.corrected)
        except ValidationFailed as exc:
            counts.other_refusals[f"corrected wage statement {_fields(exc)}"] += 1
            return
        counts.corrected += 1
        redecided = claim.events.filter(kind=EventKind.BENEFIT_RATE_DECIDED).order_by("seq")[before:]
        counts.differences += sum(1 for e in redecided if Decimal(e.payload["difference"]) != 0)


def seed_benefits(
    *,
    seed: int,
    adjuster_cap: int = ADJUSTER_CAP,
    others: int = OTHERS,
    write: Callable[[str], None] | None = None,
) -> BenefitCounts:
    """Work a bounded sample of the book's lost-time claims through the benefits services.

    Deterministic for a given ``seed`` and day. ``write`` gets progress lines (by
    tenths) and nothing else; the caller prints :meth:`BenefitCounts.summary`.
    """
    started = time.monotonic()
    rng = random.Random(f"benefits-{seed}")  # noqa: S311 - a reproducible demo, not a secret
    targets = sample(rng, adjuster_cap=adjuster_cap, others=others)
    counts = BenefitCounts(sampled=len(targets))
    supervisors: dict[int, User | None] = {}
    total, last = len(targets), -1
    decidable = 0
    for i, target in enumerate(targets, 1):
        correct = False
        if has_sourced_rate(target):  # every CORRECTION_EVERY-th claim whose rate can be decided
            decidable += 1
            correct = decidable % CORRECTION_EVERY == 2 % CORRECTION_EVERY
        seq = Claim.objects.filter(pk=target.claim_id).values_list("last_event_seq", flat=True)
        before = seq.get()
        _work(rng, target, correct, supervisors, counts)
        counts.events += seq.get() - before
        if write is not None and total:
            tenth = i * 10 // total
            if tenth != last and tenth > 0:
                last = tenth
                write(
                    f"  {i * 100 // total:3d}%  {i:>9,}/{total:,} claims  "
                    f"{counts.decided:,} rates decided  elapsed {time.monotonic() - started:.1f} s"
                )
    counts.seconds = time.monotonic() - started
    return counts

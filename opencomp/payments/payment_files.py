"""Bank payment files: the EFT payments of a date range, written once into an ABA or NACHA file.

``payment_file_export`` takes the live EFT payments to workers of a date range that are
in no file yet, for the claims of one country (AU: an ABA file; US: a NACHA PPD file)
that the actor's organisation administers (a system administrator: every claim). The
candidates are read in one query; each is paid to the worker's current verified bank
details (``BankDetails``). A payment that cannot go in the file is listed as excluded
with the reason (paid to a provider or employer, no verified bank details, details that
the format cannot carry). The file, its lines and an audit entry are written in one
transaction; ``PaymentFileLine``'s unique index keeps an entry out of a second file even
when two exports run at once.

``payment_file_reissue`` writes a file again (the bank lost or rejected it) with a
reason: the new file replaces every line of the old one whose payment is still live,
paid to the worker's current bank details, and the old file is no longer live. A file is
re-issued at most once (then re-issue the re-issue).

The originator (who the bank debits) comes from the settings
``OPENCOMP_BANK_ORIGINATOR_AU`` / ``OPENCOMP_BANK_ORIGINATOR_US``; without them nothing is
written.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, fields
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import DecimalField, Exists, F, OuterRef, QuerySet, Subquery

from opencomp.accounts.access import is_admin
from opencomp.accounts.models import User
from opencomp.claims.access import require
from opencomp.claims.models import Claim
from opencomp.core import clock
from opencomp.core.errors import Conflict, ErrorCollector, FieldError, NotFound, ValidationFailed
from opencomp.core.services import audit_record
from opencomp.jurisdictions import JURISDICTIONS
from opencomp.payments.access import user_can_export_payment_files
from opencomp.payments.bankfile import (
    AbaOriginator,
    BankFileError,
    CreditLine,
    NachaOriginator,
    aba_file,
    nacha_file,
)
from opencomp.payments.enums import Account, EntryKind, PayeeKind, PaymentMethod
from opencomp.payments.models import BankDetails, LedgerEntry, LedgerLine
from opencomp.payments.models_bankfiles import BankFileFormat, PaymentFileExport, PaymentFileLine

COUNTRIES: dict[str, str] = {"AU": BankFileFormat.ABA, "US": BankFileFormat.NACHA}
EXTENSIONS: dict[str, str] = {BankFileFormat.ABA: "aba", BankFileFormat.NACHA: "ach"}
#: How many characters of the account name and reference each format carries.
NAME_WIDTH: dict[str, int] = {BankFileFormat.ABA: 32, BankFileFormat.NACHA: 22}
REFERENCE_WIDTH: dict[str, int] = {BankFileFormat.ABA: 18, BankFileFormat.NACHA: 15}
NOT_ALLOWED = "Only a claims supervisor or a system administrator writes bank payment files."
SAFE_TEXT = re.compile(r"[^A-Za-z0-9 &'(),./-]")


@dataclass(frozen=True)
class Exclusion:
    entry_id: int
    claim_number: str
    payee_name: str
    amount: Decimal
    reason: str

    def as_json(self) -> dict[str, Any]:
        return {
            "entry_id": self.entry_id,
            "claim_number": self.claim_number,
            "payee_name": self.payee_name,
            "amount": str(self.amount),
            "reason": self.reason,
        }


@dataclass(frozen=True)
class _Line:
    entry_id: int
    bank_details_id: int
    amount: Decimal
    credit: CreditLine
    replaces_id: int | None = None


# --- the originator ---------------------------------------------------------------------------------


def originator_for(country: str) -> AbaOriginator | NachaOriginator:
    """The originator of ``country``'s files from the settings.

    Raises:
        ValidationFailed: on ``country`` when no originator is configured or it is incomplete.
    """
    name = f"OPENCOMP_BANK_ORIGINATOR_{country}"
    values = getattr(settings, name, None)
    if not values:
        raise ValidationFailed.for_field(
            "country", f"no bank originator is configured: set {name} (see docs/financial-reports.md)"
        )
    cls: type[AbaOriginator] | type[NachaOriginator] = AbaOriginator if country == "AU" else NachaOriginator
    known = {f.name for f in fields(cls)}
    required = {f.name for f in fields(cls) if f.name != "self_balancing"}
    missing = sorted(required - set(values))
    unknown = sorted(set(values) - known)
    if missing or unknown:
        problems = [*(f"missing {m}" for m in missing), *(f"unknown {u}" for u in unknown)]
        raise ValidationFailed.for_field("country", f"{name} is incomplete: {', '.join(problems)}")
    return cls(**values)


# --- selectors --------------------------------------------------------------------------------------


def payment_file_list(*, user: User) -> QuerySet[PaymentFileExport]:
    """The files ``user`` may see, newest first (a supervisor: their organisation's)."""
    require(user_can_export_payment_files(user), NOT_ALLOWED)
    files = PaymentFileExport.objects.select_related("created_by", "reissued_by", "reissue_of")
    if not is_admin(user):
        files = files.filter(administrator_id=user.organisation_id)
    return files.order_by("-created_at", "-pk")


def payment_file_get(*, user: User, file_id: int) -> PaymentFileExport:
    file = payment_file_list(user=user).filter(pk=file_id).first()
    if file is None:
        raise NotFound(f"Payment file {file_id} was not found.")
    return file


def _claims_of(user: User) -> QuerySet[Claim]:
    claims = Claim.objects.all()
    return claims if is_admin(user) else claims.filter(administrator_id=user.organisation_id)


def _with_bank(entries: QuerySet[LedgerEntry]) -> QuerySet[LedgerEntry]:
    """Each entry with its paid amount, claim number and the worker's current bank details' id."""
    paid = LedgerLine.objects.filter(entry=OuterRef("pk"), account=Account.PAID).values("amount")[:1]
    current = (
        BankDetails.objects.filter(worker_id=OuterRef("claim__worker_id"))
        .order_by("-recorded_at", "-pk")
        .values("pk")[:1]
    )
    return entries.annotate(
        paid=Subquery(paid, output_field=DecimalField(max_digits=14, decimal_places=2)),
        claim_number=F("claim__number"),
        bank_id=Subquery(current),
    ).order_by("occurred_on", "pk")


def _clean(text: str, width: int) -> str:
    return " ".join(SAFE_TEXT.sub(" ", text).split())[:width]


def _sort(
    rows: Iterable[Any], fmt: str, replaces: dict[int, int] | None = None
) -> tuple[list[_Line], list[Exclusion]]:
    """Split the candidate entries into file lines and exclusions (one bulk read of bank details)."""
    rows = list(rows)
    banks = BankDetails.objects.in_bulk({r.bank_id for r in rows if r.bank_id is not None})
    lines: list[_Line] = []
    excluded: list[Exclusion] = []
    branch_digits = 6 if fmt == BankFileFormat.ABA else 9
    account_max = 9 if fmt == BankFileFormat.ABA else 17
    for r in rows:
        amount = Decimal(str(r.paid)).quantize(Decimal("0.01"))

        def out(reason: str, r: Any = r, amount: Decimal = amount) -> None:
            excluded.append(Exclusion(r.pk, r.claim_number, r.payee_name, amount, reason))

        bank = banks.get(r.bank_id) if r.bank_id is not None else None
        if r.payee_kind != PayeeKind.WORKER:
            out("paid to a provider, employer or other payee: bank files pay workers' accounts only")
        elif r.method != PaymentMethod.EFT:
            out("paid by cheque")
        elif bank is None:
            out("the worker has no verified bank details: record them on the claim's financials page")
        elif len(bank.bsb_or_routing) != branch_digits:
            kind = "a BSB" if branch_digits == 6 else "an ABA routing number"
            out(f"the worker's bank details are not {kind}")
        elif len(bank.account_number) > account_max:
            out(f"the account number has more than {account_max} digits, which this file format cannot carry")
        else:
            reference = _clean(f"OC{r.pk} {r.claim_number}", REFERENCE_WIDTH[fmt])
            credit = CreditLine(
                branch=bank.bsb_or_routing,
                account=bank.account_number,
                name=_clean(bank.account_name, NAME_WIDTH[fmt]) or "ACCOUNT HOLDER",
                amount_cents=int(amount * 100),
                reference=reference,
            )
            lines.append(_Line(r.pk, bank.pk, amount, credit, (replaces or {}).get(r.pk)))
    return lines, excluded


def _render(
    fmt: str, country: str, lines: list[_Line], processing_date: dt.date, created_at: dt.datetime
) -> str:
    originator = originator_for(country)
    credits = [line.credit for line in lines]
    try:
        if isinstance(originator, AbaOriginator):
            return aba_file(originator=originator, lines=credits, processing_date=processing_date)
        return nacha_file(
            originator=originator, lines=credits, effective_date=processing_date, created_at=created_at
        )
    except BankFileError as exc:
        raise ValidationFailed(
            "The bank file was not written: " + str(exc),
            errors=[FieldError(name, message) for name, message in exc.problems],
        ) from None


def _write(
    *,
    actor: User,
    country: str,
    date_from: dt.date,
    date_to: dt.date,
    processing_date: dt.date,
    lines: list[_Line],
    excluded: list[Exclusion],
    administrator_id: int | None,
    reissue_of: PaymentFileExport | None = None,
    reason: str = "",
) -> PaymentFileExport:
    fmt = COUNTRIES[country]
    now = clock.now()
    content = _render(fmt, country, lines, processing_date, now)
    total = sum((line.amount for line in lines), Decimal("0.00"))
    stem = f"opencomp-{country.lower()}-{date_from:%Y%m%d}-{date_to:%Y%m%d}"
    name = f"{stem}-{uuid.uuid4().hex[:8]}.{EXTENSIONS[fmt]}"
    try:
        with transaction.atomic():
            file = PaymentFileExport.objects.create(
                country=country,
                format=fmt,
                administrator_id=administrator_id,
                date_from=date_from,
                date_to=date_to,
                processing_date=processing_date,
                file_name=name,
                content=content,
                sha256=hashlib.sha256(content.encode("ascii")).hexdigest(),
                line_count=len(lines),
                total=total,
                excluded=[e.as_json() for e in excluded],
                reissue_of=reissue_of,
                reissue_reason=reason,
                created_by=actor,
                created_at=now,
            )
            PaymentFileLine.objects.bulk_create(
                PaymentFileLine(
                    file=file,
                    entry_id=line.entry_id,
                    replaces_id=line.replaces_id,
                    bank_details_id=line.bank_details_id,
                    amount=line.amount,
                    reference=line.credit.reference,
                )
                for line in lines
            )
            audit_record(
                actor=actor,
                action="payment_file.reissued" if reissue_of else "payment_file.exported",
                obj=file,
                data={
                    "country": country,
                    "date_from": date_from.isoformat(),
                    "date_to": date_to.isoformat(),
                    "lines": len(lines),
                    "total": str(total),
                    "excluded": len(excluded),
                    "sha256": file.sha256,
                    **({"reissue_of": reissue_of.pk, "reason": reason} if reissue_of else {}),
                },
            )
    except IntegrityError as exc:
        raise Conflict(
            "Some of these payments were put in another file at the same moment: nothing was written; "
            "export again."
        ) from exc
    return file


def _nothing(message: str, excluded: list[Exclusion], field: str) -> ValidationFailed:
    reasons = "; ".join(f"{e.claim_number} #{e.entry_id}: {e.reason}" for e in excluded[:5])
    more = f" (and {len(excluded) - 5} more)" if len(excluded) > 5 else ""
    detail = f" Excluded: {reasons}{more}." if excluded else ""
    return ValidationFailed(message + detail, errors=[FieldError(field, message)])


# --- services ---------------------------------------------------------------------------------------


def payment_file_candidates(
    *, user: User, country: str, date_from: dt.date, date_to: dt.date
) -> QuerySet[LedgerEntry]:
    """Live EFT payments of ``country``'s claims dated in the range, in no file yet (one query)."""
    codes = [code for code, j in JURISDICTIONS.items() if j.country == country]
    in_a_file = PaymentFileLine.objects.filter(entry=OuterRef("pk"))
    entries = LedgerEntry.objects.filter(
        claim_id__in=_claims_of(user).values("pk"),
        claim__jurisdiction__in=codes,
        kind=EntryKind.PAYMENT,
        method=PaymentMethod.EFT,
        occurred_on__gte=date_from,
        occurred_on__lte=date_to,
        reversed_by__isnull=True,
    ).exclude(Exists(in_a_file))
    return _with_bank(entries)


def _check_range(country: str, date_from: dt.date, date_to: dt.date) -> None:
    errors = ErrorCollector()
    if country not in COUNTRIES:
        errors.add("country", f"must be one of {', '.join(COUNTRIES)}")
    if date_to < date_from:
        errors.add("date_to", "must be on or after date_from")
    errors.raise_if_any("No bank file was written.")


def payment_file_export(
    *,
    actor: User,
    country: str,
    date_from: dt.date,
    date_to: dt.date,
    processing_date: dt.date | None = None,
) -> tuple[PaymentFileExport, list[Exclusion]]:
    """Write the bank file of the range's EFT payments not yet in a file; the file and what was left out.

    Raises:
        PermissionDenied: the actor is not a supervisor or system administrator.
        ValidationFailed: a bad country or range, no originator configured, or nothing to pay.
        Conflict: a concurrent export took some of the payments (nothing written).
    """
    require(user_can_export_payment_files(actor), NOT_ALLOWED)
    _check_range(country, date_from, date_to)
    originator_for(country)  # refuse early when it is not configured
    fmt = COUNTRIES[country]
    with transaction.atomic():
        rows = payment_file_candidates(user=actor, country=country, date_from=date_from, date_to=date_to)
        lines, excluded = _sort(rows, fmt)
        if not lines:
            raise _nothing(
                f"no EFT payment to a worker dated {date_from} to {date_to} is ready for a bank file",
                excluded,
                "date_from",
            )
        file = _write(
            actor=actor,
            country=country,
            date_from=date_from,
            date_to=date_to,
            processing_date=processing_date or clock.today(),
            lines=lines,
            excluded=excluded,
            administrator_id=None if is_admin(actor) else actor.organisation_id,
        )
    return file, excluded


def payment_file_reissue(
    *, actor: User, file: PaymentFileExport, reason: str, processing_date: dt.date | None = None
) -> tuple[PaymentFileExport, list[Exclusion]]:
    """Write ``file`` again (with a reason): its still-live payments, to the workers' current bank details.

    Raises:
        PermissionDenied: the actor is not a supervisor or system administrator.
        NotFound: the file is another organisation's.
        ValidationFailed: no reason, or no payment of the file is still live.
        Conflict: the file was already re-issued.
    """
    file = payment_file_get(user=actor, file_id=file.pk)
    reason = reason.strip()
    if not reason:
        raise ValidationFailed.for_field("reason", "say why the file is written again")
    if len(reason) > 2000:
        raise ValidationFailed.for_field("reason", "must be at most 2000 characters")
    if PaymentFileExport.objects.filter(reissue_of=file).exists():
        raise Conflict(f"{file.file_name} was already re-issued: re-issue the newer file.")
    fmt = COUNTRIES[file.country]
    with transaction.atomic():
        old = {line.entry_id: line.pk for line in file.lines.all()}
        entries = LedgerEntry.objects.filter(pk__in=list(old))
        rows: list[Any] = list(_with_bank(entries))
        voided = set(
            LedgerEntry.objects.filter(pk__in=list(old), reversed_by__isnull=False).values_list(
                "pk", flat=True
            )
        )
        live = [r for r in rows if r.pk not in voided]
        lines, excluded = _sort(live, fmt, replaces=old)
        excluded += [
            Exclusion(r.pk, r.claim_number, r.payee_name, Decimal(str(r.paid)), "voided since it was written")
            for r in rows
            if r.pk in voided
        ]
        if not lines:
            raise _nothing(f"no payment of {file.file_name} can be paid again", excluded, "reason")
        new = _write(
            actor=actor,
            country=file.country,
            date_from=file.date_from,
            date_to=file.date_to,
            processing_date=processing_date or clock.today(),
            lines=lines,
            excluded=excluded,
            administrator_id=file.administrator_id,  # the same organisation's file, whoever re-issues it
            reissue_of=file,
            reason=reason,
        )
    return new, excluded

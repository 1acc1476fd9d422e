"""Bank payment files: Australian ABA (Cemtex direct entry) and US NACHA PPD credits.

Pure: plain dataclasses in, the file's text out; no framework, no database. The
caller (``payments.payment_files``) picks the payments and keeps the file.

- :func:`aba_file` writes the Australian Bankers' Association direct entry format:
  120-character records, a descriptive record (type 0), one detail record (type 1)
  per credit (transaction code 53, pay), optionally a self-balancing debit (code 13)
  to the originator's account, and the file total record (type 7) with the net,
  credit and debit totals and the count of type 1 records. Lines end in CRLF.
- :func:`nacha_file` writes a NACHA file with one PPD batch of credits: 94-character
  records, file header (1), batch header (5, service class 220, credits only), entry
  detail (6) per credit, batch control (8), file control (9), with the entry hash
  (the sum of the receiving banks' 8-digit routing prefixes, its last 10 digits) and
  the file padded with ``9`` records to a whole block of 10. Lines end in LF.

Every field is checked against its width and character set before a byte is
written; a bad line or originator raises :class:`BankFileError` listing each
problem with the field it is in (``lines[2].bsb``). Amounts are integer cents.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = [
    "AbaOriginator",
    "BankFileError",
    "CreditLine",
    "NachaOriginator",
    "aba_checksum_ok",
    "aba_file",
    "nacha_file",
]

#: ABA detail amounts are 10 digits of cents; NACHA entry amounts too.
MAX_LINE_CENTS = 9_999_999_999
BSB = re.compile(r"^\d{3}-?\d{3}$")
#: Characters the ABA format takes (the BECS character set, upper and lower case).
ABA_TEXT = re.compile(r"^[A-Za-z0-9 &'()*+,./:;<=>?@^_`{|}~\[\]\\#$%!\"-]*$")
NACHA_TEXT = re.compile(r"^[\x20-\x7e]*$")


class BankFileError(ValueError):
    """The file cannot be written: ``problems`` holds ``(field, message)`` pairs, all of them."""

    def __init__(self, problems: Sequence[tuple[str, str]]) -> None:
        self.problems = list(problems)
        super().__init__("; ".join(f"{name}: {message}" for name, message in self.problems))


def aba_checksum_ok(routing: str) -> bool:
    """The ABA check: 3·(d1+d4+d7) + 7·(d2+d5+d8) + (d3+d6+d9) is a multiple of 10."""
    if len(routing) != 9 or not routing.isdigit():
        return False
    d = [int(c) for c in routing]
    total = 3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5] + d[8])
    return total % 10 == 0


@dataclass(frozen=True)
class CreditLine:
    """One credit to a payee's account: ``branch`` is a BSB (AU) or an ABA routing number (US)."""

    branch: str
    account: str
    name: str
    amount_cents: int
    reference: str


@dataclass(frozen=True)
class AbaOriginator:
    """The paying organisation as its bank (APCA user) knows it.

    ``bank`` is the 3-letter abbreviation of the originator's bank (``WBC``, ``CBA``…),
    ``user_id`` its 6-digit APCA user identification number, ``bsb``/``account`` the
    account debited (the trace account, where returned credits go).
    """

    bank: str
    user_name: str
    user_id: str
    description: str
    bsb: str
    account: str
    remitter: str
    self_balancing: bool = False


@dataclass(frozen=True)
class NachaOriginator:
    """The originator and its bank (the ODFI) as a NACHA file names them.

    ``destination_routing`` is the 9-digit routing number of the bank that receives the
    file, ``origin_id`` the 10-character immediate origin (often ``1`` + the EIN),
    ``company_id`` the 10-character company identification, ``odfi_routing`` the
    9-digit routing number of the originating bank (its first 8 digits go in the
    batch and the trace numbers).
    """

    destination_routing: str
    destination_name: str
    origin_id: str
    origin_name: str
    company_name: str
    company_id: str
    entry_description: str
    odfi_routing: str


def _fits(
    problems: list[tuple[str, str]], name: str, value: str, width: int, charset: re.Pattern[str]
) -> None:
    if len(value) > width:
        problems.append((name, f"must be at most {width} characters"))
    if not charset.match(value):
        problems.append((name, "holds characters the bank file does not take"))


def _given(problems: list[tuple[str, str]], name: str, value: str) -> bool:
    if not value.strip():
        problems.append((name, "is required"))
        return False
    return True


def _digits(problems: list[tuple[str, str]], name: str, value: str, low: int, high: int) -> None:
    if not value.isdigit() or not low <= len(value) <= high:
        width = f"{low}" if low == high else f"{low} to {high}"
        problems.append((name, f"must be {width} digits"))


def _amount(problems: list[tuple[str, str]], name: str, cents: int) -> None:
    if cents <= 0:
        problems.append((name, "must be more than nil"))
    elif cents > MAX_LINE_CENTS:
        problems.append((name, "is more than the file format can carry (10 digits of cents)"))


def _left(value: str, width: int) -> str:
    return value[:width].ljust(width)


def _right(value: str | int, width: int, fill: str = "0") -> str:
    return str(value).rjust(width, fill)


def _bsb(value: str) -> str:
    digits = value.replace("-", "")
    return f"{digits[:3]}-{digits[3:]}"


# --- ABA (Cemtex direct entry) ---------------------------------------------------------------------


def _check_aba(originator: AbaOriginator, lines: Sequence[CreditLine]) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    o = originator
    if _given(problems, "originator.bank", o.bank) and not re.fullmatch(r"[A-Z]{3}", o.bank):
        problems.append(("originator.bank", "must be the bank's 3-letter abbreviation (WBC, CBA…)"))
    if _given(problems, "originator.user_name", o.user_name):
        _fits(problems, "originator.user_name", o.user_name, 26, ABA_TEXT)
    _digits(problems, "originator.user_id", o.user_id, 6, 6)
    if _given(problems, "originator.description", o.description):
        _fits(problems, "originator.description", o.description, 12, ABA_TEXT)
    if not BSB.match(o.bsb):
        problems.append(("originator.bsb", "must be a BSB: 6 digits (123-456)"))
    _digits(problems, "originator.account", o.account, 1, 9)
    if _given(problems, "originator.remitter", o.remitter):
        _fits(problems, "originator.remitter", o.remitter, 16, ABA_TEXT)
    if not lines:
        problems.append(("lines", "a file needs at least one payment"))
    for i, line in enumerate(lines):
        at = f"lines[{i}]"
        if not BSB.match(line.branch):
            problems.append((f"{at}.branch", "must be a BSB: 6 digits (123-456)"))
        _digits(problems, f"{at}.account", line.account, 1, 9)
        if _given(problems, f"{at}.name", line.name):
            _fits(problems, f"{at}.name", line.name, 32, ABA_TEXT)
        _amount(problems, f"{at}.amount_cents", line.amount_cents)
        if _given(problems, f"{at}.reference", line.reference):
            _fits(problems, f"{at}.reference", line.reference, 18, ABA_TEXT)
    total = sum(line.amount_cents for line in lines)
    if total > MAX_LINE_CENTS:
        problems.append(("lines", "the file total is more than the format can carry (10 digits of cents)"))
    return problems


def _aba_detail(
    *, branch: str, account: str, code: str, cents: int, title: str, reference: str, o: AbaOriginator
) -> str:
    return (
        "1"
        + _bsb(branch)
        + _right(account, 9, " ")
        + " "  # indicator: a new credit
        + code
        + _right(cents, 10)
        + _left(title, 32)
        + _left(reference, 18)
        + _bsb(o.bsb)
        + _right(o.account, 9, " ")
        + _left(o.remitter, 16)
        + _right(0, 8)  # no withholding tax
    )


def aba_file(*, originator: AbaOriginator, lines: Sequence[CreditLine], processing_date: dt.date) -> str:
    """The ABA file crediting each line, to be processed on ``processing_date``.

    Raises:
        BankFileError: every field that breaks the format, named.
    """
    problems = _check_aba(originator, lines)
    if problems:
        raise BankFileError(problems)
    o = originator
    records = [
        "0"
        + " " * 17
        + "01"
        + o.bank
        + " " * 7
        + _left(o.user_name, 26)
        + _right(o.user_id, 6)
        + _left(o.description, 12)
        + processing_date.strftime("%d%m%y")
        + " " * 40
    ]
    records.extend(
        _aba_detail(
            branch=line.branch,
            account=line.account,
            code="53",
            cents=line.amount_cents,
            title=line.name,
            reference=line.reference,
            o=o,
        )
        for line in lines
    )
    credit = sum(line.amount_cents for line in lines)
    debit = 0
    if o.self_balancing:
        debit = credit
        records.append(
            _aba_detail(
                branch=o.bsb,
                account=o.account,
                code="13",
                cents=credit,
                title=o.user_name,
                reference=o.description,
                o=o,
            )
        )
    count = len(records) - 1
    records.append(
        "7"
        + "999-999"
        + " " * 12
        + _right(abs(credit - debit), 10)
        + _right(credit, 10)
        + _right(debit, 10)
        + " " * 24
        + _right(count, 6)
        + " " * 40
    )
    assert all(len(r) == 120 for r in records), "ABA records are 120 characters"  # noqa: S101
    return "\r\n".join(records) + "\r\n"


# --- NACHA PPD ------------------------------------------------------------------------------------


def _check_nacha(originator: NachaOriginator, lines: Sequence[CreditLine]) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    o = originator
    for name, value in (("destination_routing", o.destination_routing), ("odfi_routing", o.odfi_routing)):
        if not aba_checksum_ok(value):
            problems.append((f"originator.{name}", "must be an ABA routing number (9 digits, check digit)"))
    for name, value, width in (
        ("destination_name", o.destination_name, 23),
        ("origin_name", o.origin_name, 23),
        ("company_name", o.company_name, 16),
        ("entry_description", o.entry_description, 10),
    ):
        if _given(problems, f"originator.{name}", value):
            _fits(problems, f"originator.{name}", value, width, NACHA_TEXT)
    for name, value in (("origin_id", o.origin_id), ("company_id", o.company_id)):
        if _given(problems, f"originator.{name}", value):
            _fits(problems, f"originator.{name}", value, 10, NACHA_TEXT)
    if not lines:
        problems.append(("lines", "a file needs at least one payment"))
    for i, line in enumerate(lines):
        at = f"lines[{i}]"
        if not aba_checksum_ok(line.branch):
            problems.append((f"{at}.branch", "must be an ABA routing number (9 digits, check digit)"))
        _digits(problems, f"{at}.account", line.account, 1, 17)
        if _given(problems, f"{at}.name", line.name):
            _fits(problems, f"{at}.name", line.name, 22, NACHA_TEXT)
        _amount(problems, f"{at}.amount_cents", line.amount_cents)
        if _given(problems, f"{at}.reference", line.reference):
            _fits(problems, f"{at}.reference", line.reference, 15, NACHA_TEXT)
    if sum(line.amount_cents for line in lines) > 999_999_999_999:
        problems.append(("lines", "the batch total is more than the format can carry (12 digits of cents)"))
    return problems


def nacha_file(
    *,
    originator: NachaOriginator,
    lines: Sequence[CreditLine],
    effective_date: dt.date,
    created_at: dt.datetime,
    file_id_modifier: str = "A",
) -> str:
    """A NACHA file of one PPD batch crediting each line (checking accounts), settling on ``effective_date``.

    Raises:
        BankFileError: every field that breaks the format, named.
    """
    problems = _check_nacha(originator, lines)
    if not re.fullmatch(r"[A-Z0-9]", file_id_modifier):
        problems.append(("file_id_modifier", "must be one upper-case letter or digit"))
    if problems:
        raise BankFileError(problems)
    o = originator
    odfi = o.odfi_routing[:8]
    records = [
        "1"
        + "01"
        + " "
        + o.destination_routing
        + _right(o.origin_id, 10, " ")
        + created_at.strftime("%y%m%d%H%M")
        + file_id_modifier
        + "094"
        + "10"
        + "1"
        + _left(o.destination_name, 23)
        + _left(o.origin_name, 23)
        + " " * 8,
        "5"
        + "220"
        + _left(o.company_name, 16)
        + " " * 20
        + _left(o.company_id, 10)
        + "PPD"
        + _left(o.entry_description, 10)
        + " " * 6
        + effective_date.strftime("%y%m%d")
        + "   "
        + "1"
        + odfi
        + _right(1, 7),
    ]
    entry_hash = 0
    for seq, line in enumerate(lines, 1):
        entry_hash += int(line.branch[:8])
        records.append(
            "6"
            + "22"  # credit to a checking account
            + line.branch
            + _left(line.account, 17)
            + _right(line.amount_cents, 10)
            + _left(line.reference, 15)
            + _left(line.name, 22)
            + "  "
            + "0"
            + odfi
            + _right(seq, 7)
        )
    credit = sum(line.amount_cents for line in lines)
    hash10 = _right(entry_hash % 10**10, 10)
    records.append(
        "8"
        + "220"
        + _right(len(lines), 6)
        + hash10
        + _right(0, 12)
        + _right(credit, 12)
        + _left(o.company_id, 10)
        + " " * 19
        + " " * 6
        + odfi
        + _right(1, 7)
    )
    blocks = -(-(len(records) + 1) // 10)
    records.append(
        "9"
        + _right(1, 6)
        + _right(blocks, 6)
        + _right(len(lines), 8)
        + hash10
        + _right(0, 12)
        + _right(credit, 12)
        + " " * 39
    )
    records.extend(["9" * 94] * (blocks * 10 - len(records)))
    assert all(len(r) == 94 for r in records), "NACHA records are 94 characters"  # noqa: S101
    return "\n".join(records) + "\n"

"""``opencomp payments bank-file``: writes the file, prints a JSON line, lists what it left out."""

from __future__ import annotations

import json

import pytest
from django.core.management import CommandError, call_command

from opencomp.payments.tests.fixtures import eft_payment

pytestmark = pytest.mark.django_db


def test_bank_file_command_writes_the_file(book, tmp_path, capsys):
    # given
    eft_payment(book)
    out = tmp_path / "october.ach"

    # when
    call_command(
        "payments", "bank-file", "--country", "US", "--from", "2026-10-01", "--to", "2026-10-31",
        "--user", "supervisor", "--out", str(out),
    )  # fmt: skip

    # then
    summary = json.loads(capsys.readouterr().out)
    assert (summary["payments"], summary["total"], summary["excluded"]) == (1, "1293.25", 0)
    assert out.read_text().splitlines()[2].startswith("622021000021123456789012")


def test_bank_file_command_refuses_with_the_services_message(book):
    with pytest.raises(CommandError, match="ready for a bank file"):
        call_command(
            "payments", "bank-file", "--country", "AU", "--from", "2026-10-01", "--to", "2026-10-31",
            "--user", "admin",
        )  # fmt: skip

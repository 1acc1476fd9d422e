"""``opencomp calc osha-case --case FILE.json [--as-at DATE]``: is a case recordable, and how?

The file holds one case's facts (``osha.recordability.case_from_json``); the answer is one JSON
object: ``recordable``, ``outcome`` (death, days_away, job_transfer_restriction,
other_recordable, not_recordable), ``days_away``, ``days_restricted``, ``privacy_case``,
``reasons`` -- and the Form 300 columns, the treatments taken as medical treatment and as first
aid, and the rules version. A bad file is :class:`BadOption` naming ``--case`` and the field.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from opencomp.osha.recordability import CaseInputError, case_from_json, recordability
from opencomp.osha.rules import recordkeeping_rules

ACTIONS = ("osha-case",)


class BadOption(ValueError):
    def __init__(self, option: str, message: str) -> None:
        super().__init__(f"{option}: {message}")
        self.option = option
        self.message = message


def add_parsers(sub: Any, parser_class: type[Any]) -> None:
    """Add ``osha-case`` to the ``calc`` command's subparsers."""
    rules = recordkeeping_rules()
    case = sub.add_parser(
        "osha-case",
        help="whether an injury or illness is recordable on the OSHA 300 log, its outcome and day counts",
        description=(
            "Decide an OSHA recordkeeping case (29 CFR 1904.7, 1904.29) from a JSON file of its facts: "
            "injury_date, work_related, death, loss_of_consciousness, significant_diagnosis, treatments "
            f"(kinds: {', '.join(rules.treatment_kinds)}), days_away_from / returned_to_work, "
            "restricted_from / restricted_until, privacy_concern "
            f"({', '.join(rules.privacy_by_kind)}), case_type, as_at."
        ),
    )
    case.add_argument("--case", required=True, help="the JSON file of the case's facts")
    case.add_argument(
        "--as-at", help="YYYY-MM-DD: count open periods to this day (default: the file's as_at)"
    )


def run(action: str, opts: dict[str, Any], *, today: dt.date) -> dict[str, Any]:
    """Decide the case in ``--case``; ``today`` counts open periods when neither the file nor --as-at does.

    Raises:
        BadOption: naming ``--case`` (and the field) or ``--as-at``.
    """
    if action not in ACTIONS:  # pragma: no cover - argparse offers only these
        raise BadOption("action", f"unknown action {action!r}")
    path = Path(opts["case"])
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise BadOption("--case", f"cannot read {path}: {exc.strerror or exc}") from None
    except json.JSONDecodeError as exc:
        raise BadOption("--case", f"{path} is not JSON: {exc.msg} (line {exc.lineno})") from None
    if isinstance(data, dict) and not data.get("as_at"):
        if opts.get("as_at"):
            try:
                data["as_at"] = dt.date.fromisoformat(opts["as_at"]).isoformat()
            except ValueError:
                raise BadOption("--as-at", f"{opts['as_at']!r} is not a date (YYYY-MM-DD)") from None
        else:
            data["as_at"] = today.isoformat()
    rules = recordkeeping_rules()
    try:
        facts = case_from_json(data, rules)
    except CaseInputError as exc:
        problems = "; ".join(f"{field}: {message}" for field, message in exc.errors.items())
        raise BadOption("--case", problems) from None
    result = recordability(facts, rules).as_dict()
    result["as_at"] = facts.as_at.isoformat() if facts.as_at else None
    return result

"""``opencomp calc``: every calculator from the command line, JSON out.

Due dates the way the deadline engine counts them:

    opencomp calc due-date --jurisdiction NSW --rule nsw.liability_decision --trigger-date 2025-04-14
    opencomp calc add-days --jurisdiction CO --from 2025-06-14 --days 20 [--business-days]

the benefit calculators (``opencomp.benefits.cli``): weekly-benefit, disability-period,
average-weekly-wage, index-piawe, step-downs, salary-continuation, reimbursement; and OSHA
recordability (``opencomp.osha.cli``): osha-case --case FILE.json.

Prints one JSON object. Needs the settings (for the command to be found) but no database:
the rule packs and calendars are files. A bad option exits with status 2 and one line on
stderr naming the option; nothing is printed on stdout.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from typing import Any, NoReturn
from zoneinfo import ZoneInfo

from django.core.management.base import BaseCommand, CommandError, CommandParser, handle_default_options

from opencomp.benefits import cli as benefit_cli
from opencomp.core import clock
from opencomp.deadlines.engine import due_for
from opencomp.jurisdictions.calendar import CalendarError
from opencomp.jurisdictions.registry import JURISDICTIONS
from opencomp.jurisdictions.rulepack import Period, Rule, RulePack, RulePackError, pack_for
from opencomp.osha import cli as osha_cli

#: Exit status for a usage error (as argparse uses).
USAGE = 2
MAX_DAYS = 5000


class UsageError(CommandError):
    """A bad option: one line naming it, exit status 2."""

    def __init__(self, option: str, message: str) -> None:
        super().__init__(f"{option}: {message}" if option else message, returncode=USAGE)


class _OneLineParser(CommandParser):
    """Argparse errors as one line (``error: …``) and status 2, not a usage block."""

    def error(self, message: str) -> NoReturn:
        message = message.removeprefix("argument ")
        if self.called_from_command_line:
            sys.stderr.write(f"error: {message}\n")
            sys.exit(USAGE)
        raise CommandError(message, returncode=USAGE)


class Command(BaseCommand):
    help = (
        "Statutory calculators: due dates (rule pack and business calendar) and benefits (weekly "
        "rates, disability periods, AWW/PIAWE…), each showing how it was worked out (JSON on stdout)."
    )
    requires_system_checks: list[str] = []  # the packs are files; nothing to check first

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.__class__ = _OneLineParser  # subparsers follow the parser's class
        return parser

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(
            dest="action",
            required=True,
            metavar="{" + ",".join(("due-date", "add-days", *benefit_cli.ACTIONS, *osha_cli.ACTIONS)) + "}",
            parser_class=_OneLineParser,
        )
        due = sub.add_parser(
            "due-date",
            help="the due date a rule gives when its clock starts on a date",
            description=(
                "The due date RULE gives when its clock starts on --trigger-date (for a rule that "
                "counts backwards, the scheduled date it counts back from)."
            ),
        )
        due.add_argument("--jurisdiction", required=True, help="NSW, CO, MN or CT")
        due.add_argument("--rule", required=True, help="a rule id of that jurisdiction's pack")
        due.add_argument("--trigger-date", required=True, help="YYYY-MM-DD, the day the clock starts")
        due.add_argument("--trigger-time", help="HH:MM local time (hour rules; default 00:00)")
        add = sub.add_parser(
            "add-days",
            help="count days from a date by the jurisdiction's counting convention",
            description=(
                "Count --days calendar days (rolled to a business day as the jurisdiction's counting "
                "convention says) or business days from --from. Negative --days counts back."
            ),
        )
        add.add_argument("--jurisdiction", required=True, help="NSW, CO, MN or CT")
        add.add_argument("--from", dest="start", required=True, help="YYYY-MM-DD, not itself counted")
        add.add_argument("--days", required=True, help="whole number of days; negative counts back")
        add.add_argument("--business-days", action="store_true", help="count business days only")
        benefit_cli.add_parsers(sub, _OneLineParser)
        osha_cli.add_parsers(sub, _OneLineParser)

    def run_from_argv(self, argv: list[str]) -> None:
        """As Django's, but a ``CommandError`` is one line, ``error: …``, with its exit status."""
        self._called_from_command_line = True
        parser = self.create_parser(argv[0], argv[1])
        options = parser.parse_args(argv[2:])
        cmd_options = vars(options)
        args = cmd_options.pop("args", ())
        handle_default_options(options)
        try:
            self.execute(*args, **cmd_options)
        except CommandError as exc:
            if options.traceback:
                raise
            sys.stderr.write(f"error: {exc}\n")
            sys.exit(exc.returncode)

    def handle(self, *args: Any, **opts: Any) -> None:
        if opts["action"] in osha_cli.ACTIONS:
            try:
                result = osha_cli.run(opts["action"], opts, today=clock.today())
            except osha_cli.BadOption as exc:
                raise UsageError(exc.option, exc.message) from None
            self.stdout.write(json.dumps(result, indent=2, ensure_ascii=False))
            return
        if opts["action"] in benefit_cli.ACTIONS:
            try:
                result = benefit_cli.run(opts["action"], opts)
            except benefit_cli.BadOption as exc:
                raise UsageError(exc.option, exc.message) from None
            self.stdout.write(json.dumps(result, indent=2, ensure_ascii=False))
            return
        pack = _pack(opts["jurisdiction"])
        try:
            result = (
                self._due_date(pack, opts) if opts["action"] == "due-date" else self._add_days(pack, opts)
            )
        except CalendarError as exc:
            raise UsageError(
                "--trigger-date" if opts["action"] == "due-date" else "--from", str(exc)
            ) from exc
        self.stdout.write(json.dumps(result, indent=2, ensure_ascii=False))

    def _due_date(self, pack: RulePack, opts: dict[str, Any]) -> dict[str, Any]:
        rule = _rule(pack, opts["rule"])
        day = _date("--trigger-date", opts["trigger_date"])
        at = _time("--trigger-time", opts["trigger_time"]) if opts["trigger_time"] else dt.time.min
        anchor = dt.datetime.combine(day, at, tzinfo=ZoneInfo(pack.time_zone))
        roll = pack.roll_last_day if rule.roll is None else rule.roll
        raw, due, due_at, steps = due_for(
            rule.due, anchor, direction=rule.direction, roll=roll, calendar=pack.calendar
        )
        result: dict[str, Any] = {
            "jurisdiction": pack.code,
            "rule": rule.id,
            "title": rule.title,
            "trigger_date": day.isoformat(),
            "due": due.isoformat(),
            "raw_due": raw.isoformat(),
        }
        if due_at is not None:
            result["due_at"] = due_at.isoformat()
        result |= {
            "unit": rule.due.unit,
            "amount": rule.due.amount,
            "direction": rule.direction,
            "rolled": due != raw,
            "explanation": steps,
            "citation": rule.source.citation,
            "source_url": rule.source.url,
            "grade": rule.source.grade,
            "rules_version": pack.rules_version,
            "calendar_version": pack.calendar.version,
        }
        return result

    def _add_days(self, pack: RulePack, opts: dict[str, Any]) -> dict[str, Any]:
        start = _date("--from", opts["start"])
        days = _whole("--days", opts["days"])
        business = bool(opts["business_days"])
        period = Period(amount=abs(days), unit="business_days" if business else "calendar_days")
        anchor = dt.datetime.combine(start, dt.time.min, tzinfo=ZoneInfo(pack.time_zone))
        raw, due, _, steps = due_for(
            period,
            anchor,
            direction="after" if days >= 0 else "before",
            roll=pack.roll_last_day,
            calendar=pack.calendar,
        )
        return {
            "jurisdiction": pack.code,
            "from": start.isoformat(),
            "days": days,
            "business_days": business,
            "due": due.isoformat(),
            "raw_due": raw.isoformat(),
            "rolled": due != raw,
            "explanation": steps,
            "rules_version": pack.rules_version,
            "calendar_version": pack.calendar.version,
            "counting_citation": pack.counting_source.citation if pack.counting_source else None,
        }


def _pack(value: str) -> RulePack:
    code = value.strip().upper()
    if code not in JURISDICTIONS:
        known = ", ".join(sorted(JURISDICTIONS))
        raise UsageError("--jurisdiction", f"unknown jurisdiction {value!r}; known: {known}")
    try:
        return pack_for(code)
    except RulePackError as exc:
        raise CommandError(f"the {code} rule pack cannot be used: {exc}") from exc


def _rule(pack: RulePack, rule_id: str) -> Rule:
    if rule_id in pack.rule_ids:
        return pack.rule(rule_id)
    owner = rule_id.split(".", 1)[0].upper()
    if owner != pack.code and owner in JURISDICTIONS:
        raise UsageError("--rule", f"{rule_id!r} is a {owner} rule, not a {pack.code} one")
    raise UsageError("--rule", f"{pack.code} has no rule {rule_id!r}; it has: {', '.join(pack.rule_ids)}")


def _date(option: str, value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(option, f"{value!r} is not a date (YYYY-MM-DD)") from None


def _time(option: str, value: str) -> dt.time:
    try:
        at = dt.time.fromisoformat(value)
    except ValueError:
        raise UsageError(option, f"{value!r} is not a time (HH:MM)") from None
    if at.tzinfo is not None:
        raise UsageError(option, f"{value!r}: give the local time without an offset")
    return at


def _whole(option: str, value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise UsageError(option, f"{value!r} is not a whole number") from None
    if abs(number) > MAX_DAYS:
        raise UsageError(option, f"{number} is more than {MAX_DAYS} days either way")
    return number

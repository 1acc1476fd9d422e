"""The rule packs as the running application uses them: validated against the event kinds."""

from __future__ import annotations

from functools import cache
from typing import Any

from django.core import checks

from opencomp.claims.enums import EventKind
from opencomp.deadlines import engine
from opencomp.jurisdictions import JURISDICTIONS
from opencomp.jurisdictions.rulepack import RulePack, RulePackError, load_pack

#: Events that change a claim fact a rule reads; always worth a recompute.
FACT_EVENTS = frozenset({EventKind.CLAIM_CREATED, EventKind.STATUS_CHANGED, EventKind.DETAILS_CORRECTED})


@cache
def pack(code: str) -> RulePack:
    """The validated pack for ``code`` (checked against the known event kinds), once per process."""
    return load_pack(code, known_events=frozenset(EventKind.values))


@cache
def relevant_kinds(code: str) -> frozenset[str]:
    """Event kinds that can change any obligation of a claim under ``code``."""
    p = pack(code)
    kinds: set[str] = set(FACT_EVENTS) | {engine.WAIVED_EVENT, engine.ESCALATED_EVENT}
    for match in p.default_cancelled_by:
        kinds.add(match.event)
    for rule in p.rules:
        if rule.trigger.event:
            kinds.add(rule.trigger.event)
        kinds.update(m.event for m in (*rule.satisfied_by, *rule.cancelled_by))
        for cond in rule.applies_if:
            kinds.update(m.event for m in (cond.seen, cond.not_seen) if m is not None)
    return frozenset(kinds)


def check_packs(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """Django system check: every jurisdiction's pack loads and names only known event kinds.

    A problem in ``common.yaml`` is found once per jurisdiction; it is reported once.
    """
    messages: dict[str, None] = {}
    for code in sorted(JURISDICTIONS):
        try:
            pack(code)
        except RulePackError as exc:
            messages.update(dict.fromkeys(str(p) for p in exc.problems))
        except (KeyError, OSError) as exc:
            messages[f"{code}: {exc}"] = None
    return [checks.Error(message, id="opencomp.E001") for message in messages]

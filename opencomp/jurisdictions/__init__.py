"""Jurisdictions: pure data, no Django.

This package holds the list of jurisdictions OpenComp administers claims under.
Rule packs (benefit parameters, deadline rules, calendars) are added per
jurisdiction by the rule-pack work; this module only names them.
"""

from opencomp.jurisdictions.registry import JURISDICTIONS, Jurisdiction, choices, get

__all__ = ["JURISDICTIONS", "Jurisdiction", "choices", "get"]

"""The demo book: a realistic synthetic book of claims for demos and benchmarks.

``opencomp seed-demo --claims N`` builds it (see ``management/commands/seed_demo.py``).
Every person and most organisations in it are invented; the regulators carry the
names of the real agencies because the rule packs do.
"""

from __future__ import annotations

#: The password of every demo login (and of every other staff user of the demo book).
DEMO_PASSWORD = "opencomp-demo"  # noqa: S105 - a published demo password

#: One demo login per role: role → username.
DEMO_USERS: dict[str, str] = {
    "adjuster": "adjuster",
    "supervisor": "supervisor",
    "employer_supervisor": "employer_supervisor",
    "employer_coordinator": "employer_coordinator",
    "worker": "worker",
    "provider": "provider",
    "compliance_officer": "compliance_officer",
    "pool_administrator": "pool_administrator",
    "auditor": "auditor",
    "admin": "admin",
}

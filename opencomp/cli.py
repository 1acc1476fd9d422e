"""The ``opencomp`` command: operators' and batch work.

``opencomp seed-demo --claims 300`` and every other Django management command
(``opencomp migrate``, ``opencomp runserver``…); dashes in a command name may be
written for underscores.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opencomp.settings")
    if args and not args[0].startswith("-"):
        args[0] = args[0].replace("-", "_")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["opencomp", *args])


if __name__ == "__main__":
    main()

"""Write the API's OpenAPI document: ``python -m opencomp.api.export_openapi docs/openapi.json``.

``docs/openapi.json`` is the committed export; a test fails when it is stale.
With no path, the document goes to standard output.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

COMMAND = ".venv/bin/python -m opencomp.api.export_openapi docs/openapi.json"


def openapi_document() -> str:
    """The OpenAPI document as stable, diff-friendly JSON text (Django must be set up)."""
    from opencomp.api.main import api

    schema = api.get_openapi_schema(path_prefix="/api/v1/")
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opencomp.settings")
    os.environ.setdefault("OPENCOMP_DEV", "1")
    import django

    django.setup()
    text = openapi_document()
    if not argv:
        sys.stdout.write(text)
        return 0
    target = Path(argv[0])
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target}")  # noqa: T201 - a command-line tool reports what it did
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

"""Data files as typed models: read a YAML file and validate it, naming every problem. Pure.

The loader the OSHA recordkeeping pack (``osha.rules``) and the triage policy
(``triage.policy``) share: an unreadable file, bad YAML or a validation failure is raised as the
caller's error class, with the file's name and each problem at its place in the file.
"""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

M = TypeVar("M", bound=BaseModel)


def load_model(path: Path, model: type[M], error: type[ValueError]) -> M:
    """``path`` read as YAML and validated as ``model``; ``error`` names the file and each problem."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        return model.model_validate(raw)
    except (OSError, yaml.YAMLError) as exc:
        raise error(f"{path.name}: {exc}") from exc
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or '(file)'}: {err['msg']}" for err in exc.errors()
        )
        raise error(f"{path.name}: {problems}") from exc

"""A calculator's refusals as the application's ``ValidationFailed``, naming the field."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from opencomp.benefits.calculators.types import InputError
from opencomp.core.errors import FieldError, ValidationFailed
from opencomp.jurisdictions.benefit_params import MissingFigure, benefit_parameters

#: Which input a missing figure's date comes from, by the figure's key.
DATE_FIELDS = {"injury_date": "injury_date", "payment_date": "week_start", "review_date": "week_start"}


def missing_figure_field(exc: MissingFigure, fields: Mapping[str, str] = DATE_FIELDS) -> str:
    """The input whose date found no sourced figure: ``fields`` maps the figure's key to it."""
    try:
        key = benefit_parameters(exc.jurisdiction).parameters[exc.name].key
    except KeyError:
        key = "injury_date"
    return fields.get(key, "injury_date")


def dotted(field: str) -> str:
    """A calculator's field name as a dotted path: ``lines[2].amount`` → ``lines.2.amount``."""
    return field.replace("[", ".").replace("]", "")


@contextmanager
def calculator_errors(
    date_fields: Mapping[str, str] | None = None, *, dotted_paths: bool = False, refused: str = ""
) -> Iterator[None]:
    """Report a calculator's ``InputError`` and ``MissingFigure`` as ``ValidationFailed``.

    ``date_fields`` overrides which input a missing figure's date is (``{"injury_date": "first_day"}``);
    ``dotted_paths`` writes ``lines.2.amount`` for ``lines[2].amount`` (the API's style);
    ``refused`` opens the message with what was not done (``"The period was not recorded."``).
    """
    try:
        yield
    except InputError as exc:
        field = dotted(exc.field) if dotted_paths else exc.field
        message = f"{refused} {field}: {exc.message}" if refused else f"{field}: {exc.message}"
        raise ValidationFailed(message, errors=[FieldError(field, exc.message)]) from exc
    except MissingFigure as exc:
        field = missing_figure_field(exc, {**DATE_FIELDS, **(date_fields or {})})
        message = f"{refused} {field}: {exc}" if refused else str(exc)
        raise ValidationFailed(message, errors=[FieldError(field, str(exc))]) from exc

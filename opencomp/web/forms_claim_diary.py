"""Forms of the claim page's deadlines and diary panel.

The fact form is generated from the payload schema of the chosen event kind
(``claims.events.SCHEMAS``): dates become date inputs, enums selects, lists of an
enum checkboxes, booleans a checkbox, text a text box (long text a text area) and a
``*_seq`` reference a choice among the claim's events of the referenced kind. What
the values may be is still the schema's and the service's decision.
"""

from __future__ import annotations

import datetime as dt
import enum
import types
from collections.abc import Sequence
from typing import Any, Union, get_args, get_origin

from django import forms
from pydantic.fields import FieldInfo

from opencomp.claims.enums import ActivityParty, EventKind
from opencomp.claims.events import APPENDABLE_KINDS, REFERENCES, SCHEMAS, SERVICE_ONLY_FIELDS
from opencomp.web.errors import field_label
from opencomp.web.forms import OccurredAtMixin, WebForm, date_input, textarea

#: Kinds the claim file's own forms record (activity, note, medical note).
LOG_KINDS = frozenset({EventKind.ACTIVITY_LOGGED, EventKind.NOTE_ADDED, EventKind.MEDICAL_NOTE})
#: The facts the statutory clocks start and stop on, in the order the chooser lists them.
FACT_KINDS: tuple[str, ...] = tuple(
    kind.value for kind in EventKind if kind in APPENDABLE_KINDS and kind not in LOG_KINDS
)
FACT_CHOICES = [(kind, EventKind(kind).label) for kind in FACT_KINDS]

#: Field labels where the field's name does not read well; ``<kind>.<field>`` wins over ``<field>``.
FIELD_LABELS = {
    "recipients": "Sent to",
    "channel": "Sent by",
    "filed_with": "Filed with",
    "received_on": "Received on",
    "from_party": "From",
    "request_seq": "Request",
    "on": "Date",
    "from_date": "From",
    "to_date": "Until",
    "certificate": "Certificate of capacity",
    "provider_name": "Provider",
    "first_day": "First day of incapacity",
    "first_payment_on": "First payment made on",
    f"{EventKind.REQUEST_RECEIVED}.subject": "What was received",
    f"{EventKind.SCHEDULE_RECORDED}.subject": "What is scheduled",
}
#: Text longer than this gets a text area.
SHORT_TEXT = 200


class WaiveForm(WebForm):
    reason = forms.CharField(
        label="Why it is waived", widget=textarea(2), max_length=2000, help_text="Kept on the claim's log."
    )


class CompleteForm(WebForm):
    note = forms.CharField(widget=textarea(2), required=False, max_length=2000)


class DiaryEntryForm(WebForm):
    title = forms.CharField(label="What needs doing", max_length=200)
    due_on = forms.DateField(label="Due on", widget=date_input())
    details = forms.CharField(widget=textarea(2), required=False, max_length=4000)


class InfoRequestForm(WebForm):
    party = forms.ChoiceField(label="Asked of", choices=ActivityParty.choices)
    party_name = forms.CharField(label="Party name", required=False, max_length=200)
    what = forms.CharField(label="Information asked for", widget=textarea(2), max_length=2000)
    due_on = forms.DateField(label="Follow up on", widget=date_input())


class ChooserField(forms.ChoiceField):
    """A choice that only changes what the page shows, so it is not marked optional."""

    show_optional = False


class FactKindForm(WebForm):
    """The chooser: which fact to record (it shows that kind's fields; it writes nothing)."""

    kind = ChooserField(label="What happened", choices=[("", "Choose…"), *FACT_CHOICES], required=False)


class FactForm(OccurredAtMixin, WebForm):
    """A claim fact of ``kind``; its payload fields come from the kind's schema.

    ``references`` are the (seq, label) choices for the kind's ``*_seq`` field: this
    claim's events of the kind it refers to (the requests received, for an answer).
    """

    kind = forms.ChoiceField(choices=FACT_CHOICES, widget=forms.HiddenInput)

    def __init__(
        self,
        *args: Any,
        kind: str,
        references: Sequence[tuple[int, str]] = (),
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("initial", {"kind": kind})
        super().__init__(*args, **kwargs)
        self.event_kind = kind
        self.payload_fields: list[str] = []
        self.description = ""
        schema = SCHEMAS.get(kind) if kind in FACT_KINDS else None
        if schema is None:
            return
        self.description = schema.__doc__ or ""
        service_only = SERVICE_ONLY_FIELDS.get(kind, frozenset())
        fields = {
            name: payload_field(kind, name, info, references)
            for name, info in schema.model_fields.items()
            if name not in service_only
        }
        if kind in REFERENCES and not references:
            name, wanted = REFERENCES[kind]
            fields[name].help_text = f"Record the {EventKind(wanted).label.lower()} first."
        occurred_at = self.fields.pop("occurred_at")
        self.fields.update(fields)
        self.fields["occurred_at"] = occurred_at
        self.payload_fields = list(fields)

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "kind": self.event_kind,
            "payload": {name: data[name] for name in self.payload_fields},
            "occurred_at": data["occurred_at"],
        }


def _without_none(annotation: Any) -> tuple[Any, bool]:
    """The annotation without ``| None``, and whether it allowed None."""
    if get_origin(annotation) in (Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0], True
    return annotation, False


def _length(info: FieldInfo, bound: str) -> int | None:
    for item in info.metadata:
        value = getattr(item, bound, None)
        if value is not None:
            return int(value)
    return None


def _is_choices(annotation: Any) -> bool:
    """A ``TextChoices`` enum (it has the form's choices)."""
    return (
        isinstance(annotation, type) and issubclass(annotation, enum.Enum) and hasattr(annotation, "choices")
    )


def payload_field(
    kind: str, name: str, info: FieldInfo, references: Sequence[tuple[int, str]] = ()
) -> forms.Field:
    """The form field for payload field ``name`` of ``kind``.

    Raises:
        TypeError: a payload type the form cannot offer (a schema change needs a mapping here).
    """
    annotation, nullable = _without_none(info.annotation)
    label = FIELD_LABELS.get(f"{kind}.{name}") or FIELD_LABELS.get(name) or field_label(name)
    min_length = _length(info, "min_length") or 0
    required = info.is_required() and not nullable
    default = None if info.is_required() else info.default
    if name.endswith("_seq") and annotation is int:
        return forms.TypedChoiceField(
            label=label,
            coerce=int,
            choices=[("", "Choose…"), *references],
            required=required,
        )
    if annotation is dt.date:
        return forms.DateField(label=label, required=required, widget=date_input())
    if annotation is bool:
        return forms.BooleanField(label=label, required=False, initial=default)
    if _is_choices(annotation):
        empty = [("", "Choose…")] if required or nullable else []
        return forms.ChoiceField(
            label=label, choices=[*empty, *annotation.choices], required=required, initial=default
        )
    if get_origin(annotation) is list and _is_choices(get_args(annotation)[0]):
        return forms.MultipleChoiceField(
            label=label,
            choices=get_args(annotation)[0].choices,
            required=min_length > 0,
            widget=forms.CheckboxSelectMultiple,
        )
    if annotation is str:
        max_length = _length(info, "max_length")
        long_text = max_length is None or max_length > SHORT_TEXT
        return forms.CharField(
            label=label,
            required=required or min_length > 0,
            max_length=max_length,
            widget=textarea(2) if long_text else None,
        )
    raise TypeError(f"{kind}: no form field for payload field {name!r} of type {info.annotation!r}")

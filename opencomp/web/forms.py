"""Forms of the web pages: they parse input; the services decide what is allowed.

Choices offered to a user come from the access rules (which employers, workers,
adjusters they may name); every rule about the values themselves (dates in the
future, legal status moves, test windows) is left to the service, whose refusal
the view puts back on the form with ``errors.form_error_apply``.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.forms.renderers import DjangoTemplates
from django.urls import reverse

from opencomp.accounts.models import Organisation, User
from opencomp.claims import lifecycle
from opencomp.claims.enums import ActivityChannel, ActivityDirection, ActivityParty, ClaimStatus, ClaimType
from opencomp.claims.liability import MAINTENANCE_CARE, NSW_REASONABLE_EXCUSES, options_for
from opencomp.claims.selectors import SORTS, ClaimFilters
from opencomp.intake.enums import BodySide, IncidentOutcome, NotifierRelationship, TestReason, TestResult
from opencomp.intake.models import Incident
from opencomp.jurisdictions import choices as jurisdiction_choices
from opencomp.parties.models import Establishment, Worker
from opencomp.triage.access import UNTRIAGED
from opencomp.triage.policy import triage_policy

ANY = ("", "Any")
YES_NO = [("yes", "Yes"), ("no", "No")]


class WebFormRenderer(DjangoTemplates):
    field_template_name = "web/forms/field.html"
    form_template_name = "web/forms/form.html"


class WebForm(forms.Form):
    default_renderer = WebFormRenderer
    label_suffix = ""

    def service_kwargs(self) -> dict[str, Any]:
        """The keyword arguments of the service this form feeds."""
        return dict(self.cleaned_data)


def limit_choices(form: forms.BaseForm, name: str, queryset: QuerySet[Any]) -> None:
    """Offer only ``queryset`` (the objects the access rules let this user name) in field ``name``."""
    field = form.fields[name]
    if not isinstance(field, forms.ModelChoiceField):
        raise TypeError(f"{name} is not a model choice field")
    field.queryset = queryset


class UnassignableChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]  # generic only in the stubs
    """A choice whose empty option is itself an answer ("Unassigned"), so it is not marked optional."""

    show_optional = False


def date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def datetime_input() -> forms.DateTimeInput:
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def textarea(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


def yes_no(label: str) -> forms.TypedChoiceField:
    """A required yes/no question: unlike a checkbox, "no" is an answer, not a missing one."""
    return forms.TypedChoiceField(
        label=label, choices=YES_NO, coerce=lambda value: value == "yes", widget=forms.RadioSelect
    )


def _ordered_statuses(statuses: frozenset[str]) -> list[tuple[str, str]]:
    return [(value, ClaimStatus(value).label) for value in lifecycle.STATUSES if value in statuses]


# Work queue -------------------------------------------------------------------------------------

SCOPE_MINE = "mine"
SCOPE_ALL = "all"


class WorkQueueForm(WebForm):
    q = forms.CharField(label="Search", required=False, max_length=100)
    scope = forms.ChoiceField(choices=[(SCOPE_MINE, "My claims"), (SCOPE_ALL, "All claims")], required=False)
    status = forms.ChoiceField(choices=[ANY, *ClaimStatus.choices], required=False)
    jurisdiction = forms.ChoiceField(choices=[ANY, *jurisdiction_choices()], required=False)
    employer = forms.TypedChoiceField(coerce=int, required=False, empty_value=None)
    triage_band = forms.ChoiceField(label="Risk", required=False)
    sort = forms.ChoiceField(choices=[(key, key) for key in SORTS], required=False)

    def __init__(self, *args: Any, employers: QuerySet[Organisation], default_scope: str, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.default_scope = default_scope
        employer = self.fields["employer"]
        if isinstance(employer, forms.ChoiceField):
            employer.choices = [ANY, *((org.pk, org.name) for org in employers)]
        band = self.fields["triage_band"]
        if isinstance(band, forms.ChoiceField):
            band.choices = [
                ANY,
                *((b.band, b.label) for b in triage_policy().bands),
                (UNTRIAGED, "Not triaged"),
            ]

    def filters(self) -> ClaimFilters:
        """The filters to apply; a value that does not parse is ignored rather than refused."""
        self.is_valid()
        data = self.cleaned_data
        return ClaimFilters(
            mine=self.chosen_scope() == SCOPE_MINE,
            q=data.get("q") or "",
            status=data.get("status") or "",
            jurisdiction=data.get("jurisdiction") or "",
            employer_id=data.get("employer"),
            sort=data.get("sort") or "newest",
        )

    def chosen_band(self) -> str:
        """The triage band chosen (valid), or empty."""
        self.is_valid()
        return str(self.cleaned_data.get("triage_band") or "")

    def chosen_scope(self) -> str:
        self.is_valid()
        return self.cleaned_data.get("scope") or self.default_scope


# Claim page -------------------------------------------------------------------------------------


class OccurredAtMixin(forms.Form):
    occurred_at = forms.DateTimeField(
        label="When it happened",
        required=False,
        widget=datetime_input(),
        help_text="Leave blank for now.",
    )


class ActivityForm(OccurredAtMixin, WebForm):
    party = forms.ChoiceField(choices=ActivityParty.choices, label="Party")
    party_name = forms.CharField(label="Party name", required=False, max_length=200)
    channel = forms.ChoiceField(choices=ActivityChannel.choices)
    direction = forms.ChoiceField(choices=ActivityDirection.choices)
    issue = forms.CharField(max_length=200, help_text="What the contact was about.")
    action = forms.CharField(widget=textarea(3), label="Action taken")
    result = forms.CharField(widget=textarea(3), required=False)

    field_order = ["party", "party_name", "channel", "direction", "issue", "action", "result", "occurred_at"]

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        payload = {key: data[key] for key in ("party", "party_name", "channel", "direction", "issue")}
        payload |= {"action": data["action"], "result": data["result"]}
        return {"payload": payload, "occurred_at": data["occurred_at"]}


class NoteForm(OccurredAtMixin, WebForm):
    text = forms.CharField(widget=textarea(4), label="Note")

    field_order = ["text", "occurred_at"]

    def service_kwargs(self) -> dict[str, Any]:
        return {
            "payload": {"text": self.cleaned_data["text"]},
            "occurred_at": self.cleaned_data["occurred_at"],
        }


class MedicalNoteForm(OccurredAtMixin, WebForm):
    summary = forms.CharField(widget=textarea(4))
    diagnosis = forms.CharField(required=False, max_length=200)
    provider_name = forms.CharField(label="Provider", required=False, max_length=200)
    restricted = forms.BooleanField(
        label="Restricted",
        required=False,
        help_text="Withhold from the worker and the regulator (for example on the treating doctor's advice).",
    )

    field_order = ["summary", "diagnosis", "provider_name", "occurred_at", "restricted"]

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "payload": {k: data[k] for k in ("summary", "diagnosis", "provider_name")},
            "occurred_at": data["occurred_at"],
            "restricted": data["restricted"],
        }


class TransitionForm(WebForm):
    """Offers the moves the lifecycle allows from ``current``; accepts any status name.

    Whether the move is legal is the service's decision (a stale page may offer a
    move that is no longer allowed), so the field itself takes every known status.
    """

    to_status = forms.ChoiceField(label="New status", choices=ClaimStatus.choices)
    reason = forms.CharField(
        widget=textarea(2),
        required=False,
        help_text="Required when denying, closing, finalising or reopening.",
    )
    expected_status = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, current: str, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"expected_status": current})
        super().__init__(*args, **kwargs)
        offered = _ordered_statuses(lifecycle.allowed_transitions(current))
        self.fields["to_status"].widget.choices = offered


class LiabilityForm(WebForm):
    """A liability decision among the claim's jurisdiction's options (the service checks what each needs)."""

    decision = forms.ChoiceField(label="Decision")
    reasons = forms.CharField(
        widget=textarea(3), required=False, help_text="Required for a dispute, contest, denial or disclaimer."
    )
    excuses = forms.MultipleChoiceField(
        label="Reasonable excuses",
        choices=sorted(NSW_REASONABLE_EXCUSES.items(), key=lambda kv: str(kv[1])),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="NSW reasonable excuse: only these (seed 004).",
    )
    worker_action = forms.CharField(
        label="What the worker must do",
        widget=textarea(2),
        required=False,
        help_text="NSW reasonable excuse.",
    )
    evidence = forms.CharField(
        label="Evidence relied on",
        widget=textarea(3),
        required=False,
        help_text="NSW dispute: one item per line.",
    )
    signed_off_by = forms.ModelChoiceField(
        queryset=User.objects.none(),
        required=False,
        label="Team manager sign-off",
        help_text="NSW dispute: a claims supervisor other than you.",
    )
    mmi_date = forms.DateField(
        label="MMI date", required=False, widget=forms.DateInput(attrs={"type": "date"}), help_text="CO FAL."
    )
    impairment_percent = forms.DecimalField(
        label="Impairment rating (%)", required=False, min_value=0, max_value=100, decimal_places=1
    )
    permanent_restrictions = forms.CharField(widget=textarea(2), required=False, help_text="CO FAL.")
    maintenance_care = forms.ChoiceField(
        label="Maintenance care after MMI",
        choices=[("", "—"), *MAINTENANCE_CARE.items()],
        required=False,
        help_text="CO FAL.",
    )
    maintenance_care_details = forms.CharField(
        label="Maintenance care admitted", widget=textarea(2), required=False
    )
    expected_status = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, claim: Any, managers: QuerySet[User], **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"expected_status": claim.status})
        super().__init__(*args, **kwargs)
        self.decisions = {o.code: o.label for o in options_for(claim.jurisdiction)}
        cast(forms.ChoiceField, self.fields["decision"]).choices = list(self.decisions.items())
        cast("forms.ModelChoiceField[User]", self.fields["signed_off_by"]).queryset = managers
        if claim.jurisdiction != "NSW":
            for name in ("excuses", "worker_action", "evidence", "signed_off_by"):
                del self.fields[name]
        if claim.jurisdiction != "CO":
            for name in self.FAL_FIELDS:
                del self.fields[name]

    FAL_FIELDS = (
        "mmi_date",
        "impairment_percent",
        "permanent_restrictions",
        "maintenance_care",
        "maintenance_care_details",
    )

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "decision": data["decision"],
            "reasons": data.get("reasons", ""),
            "excuses": tuple(data.get("excuses") or ()),
            "worker_action": data.get("worker_action", ""),
            "evidence": tuple(
                line.strip() for line in (data.get("evidence") or "").splitlines() if line.strip()
            ),
            "signed_off_by": data.get("signed_off_by"),
            "mmi_date": data.get("mmi_date"),
            "impairment_percent": data.get("impairment_percent"),
            "permanent_restrictions": data.get("permanent_restrictions", ""),
            "maintenance_care": data.get("maintenance_care", ""),
            "maintenance_care_details": data.get("maintenance_care_details", ""),
        }


class AssignForm(WebForm):
    adjuster = UnassignableChoiceField(
        queryset=User.objects.none(), required=False, empty_label="Unassigned", label="Assign to"
    )
    reason = forms.CharField(widget=textarea(2), required=False)

    def __init__(self, *args: Any, adjusters: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "adjuster", adjusters)


# Incident log ------------------------------------------------------------------------------------


class IncidentFilterForm(WebForm):
    outcome = forms.ChoiceField(choices=[ANY, *IncidentOutcome.choices], required=False)
    date_from = forms.DateField(label="From", required=False, widget=date_input())
    date_to = forms.DateField(label="To", required=False, widget=date_input())


class IncidentForm(WebForm):
    employer = forms.ModelChoiceField(queryset=Organisation.objects.none())
    establishment = forms.ModelChoiceField(
        queryset=Establishment.objects.none(), required=False, label="Establishment"
    )
    person_name = forms.CharField(label="Person hurt", max_length=200)
    occupation = forms.CharField(required=False, max_length=120)
    occurred_at = forms.DateTimeField(label="Date and time", widget=datetime_input())
    location = forms.CharField(max_length=200)
    description = forms.CharField(label="How it happened", widget=textarea(3))
    nature_of_injury = forms.CharField(label="Nature of injury", required=False, max_length=120)
    body_part = forms.CharField(label="Part of body", required=False, max_length=120)
    outcome = forms.ChoiceField(choices=IncidentOutcome.choices)
    first_aid_given = forms.CharField(label="First aid given", required=False, widget=textarea(2))
    first_aid_by = forms.CharField(label="First aid given by", required=False, max_length=120)
    witnesses = forms.CharField(required=False, widget=textarea(2))
    reported_by = forms.CharField(label="Reported by", max_length=120)

    def __init__(
        self,
        *args: Any,
        employers: QuerySet[Organisation],
        establishments: QuerySet[Establishment],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "employer", employers)
        limit_choices(self, "establishment", establishments)
        if len(employers) == 1:
            self.fields["employer"].initial = employers[0].pk


# Injury reports ---------------------------------------------------------------------------------


class InjuryReportForm(WebForm):
    employer = forms.ModelChoiceField(queryset=Organisation.objects.none())
    worker = forms.ModelChoiceField(queryset=Worker.objects.none(), label="Injured worker")
    establishment = forms.ModelChoiceField(queryset=Establishment.objects.none(), required=False)
    jurisdiction = forms.ChoiceField(choices=jurisdiction_choices())
    incident = forms.ModelChoiceField(
        queryset=Incident.objects.none(), required=False, widget=forms.HiddenInput
    )
    injury_date = forms.DateField(label="Date of injury", widget=date_input())
    injury_time = forms.TimeField(
        label="Time of injury", required=False, widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    location = forms.CharField(label="Where it happened", max_length=200)
    nature_of_injury = forms.CharField(label="Nature of injury", max_length=120)
    body_part = forms.CharField(label="Part of body", max_length=120)
    body_side = forms.ChoiceField(label="Side", choices=BodySide.choices, initial=BodySide.NOT_APPLICABLE)
    how_it_happened = forms.CharField(label="How it happened", widget=textarea(4))
    witnesses = forms.CharField(required=False, widget=textarea(2))
    reported_to_employer_on = forms.DateField(label="Reported to employer on", widget=date_input())
    notifier_name = forms.CharField(label="Reported by", max_length=200)
    notifier_relationship = forms.ChoiceField(
        label="Relationship to worker", choices=NotifierRelationship.choices
    )
    notifier_address = forms.CharField(label="Reporter's address", required=False, max_length=300)
    medical_treatment_sought = forms.BooleanField(label="Medical treatment sought", required=False)
    time_lost = forms.BooleanField(label="Time lost from work", required=False)

    def __init__(
        self,
        *args: Any,
        employers: QuerySet[Organisation],
        workers: QuerySet[Worker],
        establishments: QuerySet[Establishment],
        incidents: QuerySet[Incident],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "employer", employers)
        self.fields["employer"].widget.attrs.update(
            {
                "hx-get": reverse("web:report_worker_options"),
                "hx-target": "#id_worker",
                "hx-trigger": "change",
            }
        )
        limit_choices(self, "worker", workers)
        limit_choices(self, "establishment", establishments)
        limit_choices(self, "incident", incidents)


def report_initial_from_incident(incident: Incident) -> dict[str, Any]:
    """Carry what the incident log already knows into a new injury report."""
    occurred = incident.occurred_at
    return {
        "incident": incident.pk,
        "employer": incident.employer_id,
        "worker": incident.worker_id,
        "establishment": incident.establishment_id,
        "jurisdiction": incident.employer.jurisdiction,
        "injury_date": occurred.date(),
        "injury_time": occurred.time().replace(second=0, microsecond=0),
        "location": incident.location,
        "nature_of_injury": incident.nature_of_injury,
        "body_part": incident.body_part,
        "how_it_happened": incident.description,
        "witnesses": incident.witnesses,
        "reported_to_employer_on": occurred.date(),
        "notifier_name": incident.reported_by,
    }


class SupervisorReportForm(WebForm):
    supervisor_name = forms.CharField(label="Supervisor", max_length=200)
    scene_inspected = yes_no("Was the scene inspected?")
    hazard_found = yes_no("Was a hazard found?")
    hazard_abated = yes_no("Was the hazard abated?")
    hazard_description = forms.CharField(label="Hazard", required=False, widget=textarea(2))
    procedures_followed = yes_no("Were procedures followed?")
    safety_equipment_required = yes_no("Was safety equipment required?")
    safety_equipment_used = yes_no("Was safety equipment used?")
    safety_rule_violation = yes_no("Was a safety rule violated?")
    violation_details = forms.CharField(label="Violation details", required=False, widget=textarea(2))
    witness_statements = forms.CharField(required=False, widget=textarea(2))
    employee_statement = forms.CharField(label="Employee's statement", required=False, widget=textarea(2))
    corrective_action = forms.CharField(label="Corrective action", required=False, widget=textarea(2))
    safety_officer_contacted = forms.BooleanField(label="Safety officer contacted", required=False)


class DrugAlcoholTestForm(WebForm):
    accident_at = forms.DateTimeField(label="Accident date and time", widget=datetime_input())
    reason = forms.ChoiceField(
        label="Ground for testing", choices=[("", "Choose a ground…"), *TestReason.choices]
    )
    alcohol_tested_at = forms.DateTimeField(
        label="Alcohol test given at", required=False, widget=datetime_input()
    )
    alcohol_result = forms.ChoiceField(choices=TestResult.choices, initial=TestResult.NOT_TESTED)
    drug_tested_at = forms.DateTimeField(label="Drug test given at", required=False, widget=datetime_input())
    drug_result = forms.ChoiceField(choices=TestResult.choices, initial=TestResult.NOT_TESTED)
    duplicate_sample_preserved = forms.BooleanField(label="Duplicate sample preserved", required=False)
    reason_not_tested = forms.CharField(
        label="Why a test was not given",
        required=False,
        widget=textarea(2),
        help_text="Alcohol testing stops 8 hours and drug testing 32 hours after the accident.",
    )


class ClaimFromReportForm(WebForm):
    claim_type = forms.ChoiceField(label="Claim type", choices=ClaimType.choices, widget=forms.RadioSelect)
    significant_injury = forms.BooleanField(label="Significant injury", required=False)
    notification_date = forms.DateField(
        label="Notification date",
        required=False,
        widget=date_input(),
        help_text="When the administrator was notified; leave blank for today.",
    )

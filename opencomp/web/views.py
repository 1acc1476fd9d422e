"""The server-rendered pages.

Every view is thin: it obtains what it shows through an access function or a
selector, parses input with a form, calls one service, and either redirects or
shows the form again with the service's refusal on it. Permission is decided by
the contexts: a claim or report the user may not see is a 404 (its existence is
not revealed), an action the user may not take is a 403.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from opencomp.accounts.access import is_claims_staff
from opencomp.accounts.enums import Role
from opencomp.accounts.models import User
from opencomp.claims import lifecycle
from opencomp.claims import selectors as claims_selectors
from opencomp.claims.access import (
    claim_get_for_user,
    user_can_assign_claim,
    user_can_open_claim,
    user_can_record_medical,
    user_can_view_claim,
    user_can_work_claim,
)
from opencomp.claims.enums import ClaimStatus, EventKind
from opencomp.claims.liability import options_for as liability_options_for
from opencomp.claims.liability_services import LiabilityInput, liability_decide
from opencomp.claims.models import Claim
from opencomp.claims.selectors import adjusters_for, claim_list
from opencomp.claims.services import (
    claim_assign,
    claim_create_from_report,
    claim_event_append,
    claim_timeline_read,
    claim_transition,
)
from opencomp.intake import access as intake_access
from opencomp.intake import selectors as intake_selectors
from opencomp.intake.access import report_get_for_user, report_queryset_for_user, user_can_file_for_employer
from opencomp.intake.enums import ReportStatus
from opencomp.intake.models import InjuryReport
from opencomp.intake.services import (
    drug_alcohol_test_record,
    incident_log,
    injury_report_submit,
    supervisor_report_submit,
)
from opencomp.triage.access import BAND_FILTER_ROLES
from opencomp.triage.policy import triage_policy
from opencomp.triage.selectors import claims_in_band, with_triage_band
from opencomp.web import selectors as web_selectors
from opencomp.web.errors import FORM_ERRORS, application_errors, form_error_apply, require
from opencomp.web.forms import (
    SCOPE_ALL,
    SCOPE_MINE,
    ActivityForm,
    AssignForm,
    ClaimFromReportForm,
    DrugAlcoholTestForm,
    IncidentFilterForm,
    IncidentForm,
    InjuryReportForm,
    LiabilityForm,
    MedicalNoteForm,
    NoteForm,
    SupervisorReportForm,
    TransitionForm,
    WebForm,
    WorkQueueForm,
    report_initial_from_incident,
)
from opencomp.web.presenters import activity_rows, timeline_item
from opencomp.web.views_claim_diary import obligations_panel
from opencomp.web.views_diary import diary_preview
from opencomp.web.views_triage import triage_card
from opencomp.web.views_workstatus import work_status_card

PAGE_SIZE = 25


def _page(request: HttpRequest, items: QuerySet[Any]) -> Page[Any]:
    return Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)  # every view is behind login_required


def _wants_partial(request: HttpRequest) -> bool:
    htmx = getattr(request, "htmx", None)
    if not htmx:
        return False
    return not htmx.history_restore_request


# Work queue -------------------------------------------------------------------------------------


@login_required
@require_GET
@application_errors
def work_queue_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    may_scope = is_claims_staff(user)
    default_scope = SCOPE_MINE if user.role in (Role.ADJUSTER, Role.SUPERVISOR) else SCOPE_ALL
    form = WorkQueueForm(
        request.GET, employers=claims_selectors.claim_employers_for(user), default_scope=default_scope
    )
    filters = form.filters()
    if not may_scope:
        filters = replace(filters, mine=False)
    claims = claim_list(user=user, filters=filters)
    may_triage = user.role in BAND_FILTER_ROLES
    band = form.chosen_band() if may_triage else ""
    if may_triage:
        claims = claims_in_band(claims, band) if band else with_triage_band(claims)
    page = _page(request, claims)
    context = {
        "form": form,
        "page": page,
        "filters": filters,
        "may_scope": may_scope,
        "may_triage": may_triage,
        "band_labels": {b.band: b.label for b in triage_policy().bands},
        "scope": SCOPE_MINE if filters.mine else SCOPE_ALL,
        "filtered": bool(filters.q or filters.status or filters.jurisdiction or filters.employer_id or band),
        "diary": diary_preview(request),
    }
    return render(request, "web/work_queue.html", context)


# Claim page -------------------------------------------------------------------------------------

LOG_TIMELINE = "timeline"
LOG_ACTIVITY = "activity"


@dataclass(frozen=True)
class LogForm:
    """A form that appends to the claim's log, and who the page offers it to."""

    prefix: str
    form_class: type[WebForm]
    kind: str
    allowed: Callable[[User, Claim], bool]
    done: str


LOG_FORMS = {
    "activity": LogForm(
        "activity", ActivityForm, EventKind.ACTIVITY_LOGGED, user_can_work_claim, "Activity logged"
    ),
    "note": LogForm("note", NoteForm, EventKind.NOTE_ADDED, user_can_work_claim, "Note added"),
    "medical": LogForm(
        "medical", MedicalNoteForm, EventKind.MEDICAL_NOTE, user_can_record_medical, "Medical note recorded"
    ),
}


def _claim_for(request: HttpRequest, number: str) -> Claim:
    """The claim, or ``NotFound`` (→ 404) when the user may not see it."""
    return claim_get_for_user(number=number, user=_user(request))


def _claim_url(claim: Claim, anchor: str = "") -> str:
    return reverse("web:claim_detail", args=[claim.number]) + (f"#{anchor}" if anchor else "")


def _log_context(
    request: HttpRequest, claim: Claim, *, bound: dict[str, WebForm], log_view: str, notice: str = ""
) -> dict[str, Any]:
    user = _user(request)
    kinds: list[str] | None = [EventKind.ACTIVITY_LOGGED.value] if log_view == LOG_ACTIVITY else None
    entries = claim_timeline_read(user=user, claim=claim, channel="web", kinds=kinds)
    log_forms = {
        key: bound.get(key) or spec.form_class(prefix=spec.prefix)
        for key, spec in LOG_FORMS.items()
        if spec.allowed(user, claim)
    }
    return {
        "claim": claim,
        "log_view": log_view,
        "items": [timeline_item(e) for e in entries] if log_view == LOG_TIMELINE else [],
        "activity": activity_rows(entries) if log_view == LOG_ACTIVITY else [],
        "log_forms": log_forms,
        "open_form": next(iter(bound), ""),
        "notice": notice,
    }


def _liability_form(claim: Claim, data: Any = None) -> LiabilityForm:
    managers = claims_selectors.team_managers_for(claim=claim)
    return LiabilityForm(data, prefix="liability", claim=claim, managers=managers)


def _liability_open(claim: Claim) -> bool:
    reachable = lifecycle.allowed_transitions(claim.status)
    return any(o.to_status in reachable for o in liability_options_for(claim.jurisdiction))


def _claim_side_forms(user: User, claim: Claim, bound: dict[str, WebForm]) -> dict[str, Any]:
    forms: dict[str, Any] = {"transition_form": None, "assign_form": None, "liability_form": None}
    if user_can_work_claim(user, claim) and lifecycle.allowed_transitions(claim.status):
        forms["transition_form"] = bound.get("status") or TransitionForm(
            prefix="status", current=claim.status
        )
    if user_can_work_claim(user, claim) and _liability_open(claim):
        forms["liability_form"] = bound.get("liability") or _liability_form(claim)
    if user_can_assign_claim(user, claim):
        forms["assign_form"] = bound.get("assign") or AssignForm(
            prefix="assign",
            adjusters=adjusters_for(claim=claim),
            initial={"adjuster": claim.assigned_adjuster_id},
        )
    return forms


def _claim_page(
    request: HttpRequest,
    claim: Claim,
    *,
    bound: dict[str, WebForm] | None = None,
    log_view: str = LOG_TIMELINE,
    notice: str = "",
) -> HttpResponse:
    bound = bound or {}
    log = _log_context(request, claim, bound=bound, log_view=log_view, notice=notice)
    if _wants_partial(request):
        response = render(request, "web/partials/claim_log.html", log)
    else:
        user = _user(request)
        context = {
            **log,
            **_claim_side_forms(user, claim, bound),
            "participants": claims_selectors.claim_participants(claim),
            "status_label": ClaimStatus(claim.status).label,
            "obligations_panel": obligations_panel(request, claim),
            "work_status_card": work_status_card(user, claim),
            "triage_card": triage_card(user, claim),
        }
        response = render(request, "web/claim_detail.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
@require_GET
@application_errors
def claim_detail_view(request: HttpRequest, number: str) -> HttpResponse:
    claim = _claim_for(request, number)
    log_view = LOG_ACTIVITY if request.GET.get("log") == LOG_ACTIVITY else LOG_TIMELINE
    return _claim_page(request, claim, log_view=log_view)


def _log_entry_post(request: HttpRequest, number: str, spec: LogForm) -> HttpResponse:
    user = _user(request)
    claim = _claim_for(request, number)
    require(spec.allowed(user, claim), "You may not add to this claim's log.")
    form = spec.form_class(request.POST, prefix=spec.prefix)
    if form.is_valid():
        try:
            event = claim_event_append(actor=user, claim=claim, kind=spec.kind, **form.service_kwargs())
        except FORM_ERRORS as exc:
            form_error_apply(form, exc)
        else:
            notice = f"{spec.done} (#{event.seq})."
            if _wants_partial(request):
                claim.refresh_from_db()
                return _claim_page(request, claim, notice=notice)
            messages.success(request, notice)
            return redirect(_claim_url(claim, "claim-log"))
    return _claim_page(request, claim, bound={spec.prefix: form})


@login_required
@require_POST
@application_errors
def claim_activity_add_view(request: HttpRequest, number: str) -> HttpResponse:
    return _log_entry_post(request, number, LOG_FORMS["activity"])


@login_required
@require_POST
@application_errors
def claim_note_add_view(request: HttpRequest, number: str) -> HttpResponse:
    return _log_entry_post(request, number, LOG_FORMS["note"])


@login_required
@require_POST
@application_errors
def claim_medical_note_add_view(request: HttpRequest, number: str) -> HttpResponse:
    return _log_entry_post(request, number, LOG_FORMS["medical"])


@login_required
@require_POST
@application_errors
def claim_transition_view(request: HttpRequest, number: str) -> HttpResponse:
    user = _user(request)
    claim = _claim_for(request, number)
    require(user_can_work_claim(user, claim), "You may not change the status of this claim.")
    form = TransitionForm(request.POST, prefix="status", current=claim.status)
    if form.is_valid():
        try:
            claim = claim_transition(actor=user, claim=claim, **form.cleaned_data)
        except FORM_ERRORS as exc:
            form_error_apply(form, exc)
        else:
            messages.success(request, f"Status changed to {ClaimStatus(claim.status).label.lower()}.")
            return redirect(_claim_url(claim))
    return _claim_page(request, claim, bound={"status": form})


@login_required
@require_POST
@application_errors
def claim_liability_view(request: HttpRequest, number: str) -> HttpResponse:
    user = _user(request)
    claim = _claim_for(request, number)
    require(user_can_work_claim(user, claim), "You may not decide liability on this claim.")
    form = _liability_form(claim, request.POST)
    if form.is_valid():
        try:
            claim = liability_decide(
                actor=user,
                claim=claim,
                given=LiabilityInput(**form.service_kwargs()),
                expected_status=form.cleaned_data["expected_status"],
            )
        except FORM_ERRORS as exc:
            form_error_apply(form, exc)
        else:
            label = form.decisions.get(form.cleaned_data["decision"], "")
            messages.success(
                request, f"{label} recorded; the claim is {ClaimStatus(claim.status).label.lower()}."
            )
            return redirect(_claim_url(claim))
    return _claim_page(request, claim, bound={"liability": form})


@login_required
@require_POST
@application_errors
def claim_assign_view(request: HttpRequest, number: str) -> HttpResponse:
    user = _user(request)
    claim = _claim_for(request, number)
    require(user_can_assign_claim(user, claim), "Only a claims supervisor may assign this claim.")
    form = AssignForm(request.POST, prefix="assign", adjusters=adjusters_for(claim=claim))
    if form.is_valid():
        try:
            claim = claim_assign(actor=user, claim=claim, **form.cleaned_data)
        except FORM_ERRORS as exc:
            form_error_apply(form, exc)
        else:
            who = claim.assigned_adjuster or "nobody"
            messages.success(request, f"Claim assigned to {who}; the worker and employer will be notified.")
            return redirect(_claim_url(claim))
    return _claim_page(request, claim, bound={"assign": form})


# Incident log -----------------------------------------------------------------------------------


@login_required
@require_GET
@application_errors
def incident_list_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    areas = web_selectors.intake_areas_for(user)
    require(areas.incidents_visible, "You have no incident log to see.")
    form = IncidentFilterForm(request.GET)
    form.is_valid()
    filters = intake_selectors.IncidentFilters(
        outcome=form.cleaned_data.get("outcome") or "",
        date_from=form.cleaned_data.get("date_from"),
        date_to=form.cleaned_data.get("date_to"),
    )
    context = {
        "form": form,
        "page": _page(request, intake_selectors.incident_list(user=user, filters=filters)),
        "filtered": any((filters.outcome, filters.date_from, filters.date_to)),
        "areas": areas,
    }
    return render(request, "web/incident_list.html", context)


def _incident_form(user: User, data: Any = None) -> IncidentForm:
    return IncidentForm(
        data,
        employers=intake_access.filing_employers_for(user),
        establishments=intake_access.establishments_for_filing(user),
    )


@login_required
@require_http_methods(["GET", "POST"])
@application_errors
def incident_create_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    require(web_selectors.intake_areas_for(user).incidents_loggable, "You may not log incidents.")
    form = _incident_form(user, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            incident = incident_log(actor=user, **form.cleaned_data)
        except FORM_ERRORS as exc:
            form_error_apply(form, exc)
        else:
            messages.success(request, f"Incident logged for {incident.person_name}.")
            return redirect("web:incident_list")
    return render(request, "web/incident_form.html", {"form": form})


# Injury reports ---------------------------------------------------------------------------------


@login_required
@require_GET
@application_errors
def report_list_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    areas = web_selectors.intake_areas_for(user)
    require(areas.reports_visible, "You have no injury reports to see.")
    status = request.GET.get("status", "")
    reports = report_queryset_for_user(user).select_related("claim")
    if status in ReportStatus.values:
        reports = reports.filter(status=status)
    context = {
        "page": _page(request, reports.order_by("-submitted_at", "-pk")),
        "status": status if status in ReportStatus.values else "",
        "statuses": ReportStatus.choices,
        "areas": areas,
    }
    return render(request, "web/report_list.html", context)


def _int_or_none(value: Any) -> int | None:
    return int(value) if str(value or "").isdigit() else None


def _report_form(user: User, data: Any = None, initial: dict[str, Any] | None = None) -> InjuryReportForm:
    """The report form; its worker choices follow the employer chosen (or preselected)."""
    employer_id = _int_or_none((data or {}).get("employer") or (initial or {}).get("employer"))
    return InjuryReportForm(
        data,
        initial=initial,
        employers=intake_access.filing_employers_for(user),
        workers=intake_access.workers_for_filing(user, employer_id),
        establishments=intake_access.establishments_for_filing(user),
        incidents=intake_selectors.incidents_awaiting_report(user),
    )


def _report_initial(request: HttpRequest, user: User) -> dict[str, Any]:
    """Prefill: from an incident of the log, or a worker filing their own report."""
    incident_id = request.GET.get("incident", "")
    if incident_id.isdigit():
        incident = intake_selectors.incidents_awaiting_report(user).filter(pk=int(incident_id)).first()
        if incident is not None:
            return report_initial_from_incident(incident)
    employers = intake_access.filing_employers_for(user)
    initial: dict[str, Any] = {}
    if len(employers) == 1:
        initial["employer"] = employers[0].pk
        initial["jurisdiction"] = employers[0].jurisdiction
    if user.role == Role.WORKER:
        worker = intake_access.workers_for_filing(user).first()
        if worker is not None:
            initial |= {
                "worker": worker.pk,
                "notifier_name": worker.full_name,
                "notifier_relationship": "self",
            }
    return initial


@login_required
@require_http_methods(["GET", "POST"])
@application_errors
def report_create_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    require(web_selectors.intake_areas_for(user).reports_fileable, "You may not file injury reports.")
    if request.method == "GET":
        form = _report_form(user, initial=_report_initial(request, user))
        return render(request, "web/report_form.html", {"form": form})
    form = _report_form(user, request.POST)
    if form.is_valid():
        try:
            report = injury_report_submit(actor=user, **form.service_kwargs())
        except FORM_ERRORS as exc:
            form_error_apply(form, exc)
        else:
            messages.success(request, f"Injury report #{report.pk} filed for {report.worker}.")
            return redirect("web:report_detail", pk=report.pk)
    return render(request, "web/report_form.html", {"form": form})


@login_required
@require_GET
@application_errors
def report_worker_options_view(request: HttpRequest) -> HttpResponse:
    """The worker ``<option>``s for the employer chosen on the report form (htmx)."""
    user = _user(request)
    require(web_selectors.intake_areas_for(user).reports_fileable, "You may not file injury reports.")
    employer_id = _int_or_none(request.GET.get("employer"))
    workers = intake_access.workers_for_filing(user, employer_id) if employer_id else None
    context = {"workers": workers, "selected": request.GET.get("worker", "")}
    return render(request, "web/partials/worker_options.html", context)


def _may_file_for_report(user: User, report: InjuryReport) -> bool:
    """The condition ``supervisor_report_submit`` and ``drug_alcohol_test_record`` enforce."""
    return user.role != Role.WORKER and user_can_file_for_employer(user, report.employer)


def _may_open_claim(user: User, report: InjuryReport) -> bool:
    return user_can_open_claim(user, report.employer.claims_administrator_or_self())


def _report_page(
    request: HttpRequest, report: InjuryReport, *, bound: dict[str, WebForm] | None = None
) -> HttpResponse:
    user = _user(request)
    bound = bound or {}
    may_file = _may_file_for_report(user, report)
    supervisor_report = getattr(report, "supervisor_report", None)
    test = getattr(report, "drug_alcohol_test", None)
    claim = getattr(report, "claim", None)
    context = {
        "report": report,
        "supervisor_report": supervisor_report,
        "test": test,
        "claim": claim if claim is not None and user_can_view_claim(user, claim) else None,
        "supervisor_form": None,
        "test_form": None,
        "claim_form": None,
    }
    if "supervisor" in bound or (may_file and supervisor_report is None):
        context["supervisor_form"] = bound.get("supervisor") or SupervisorReportForm(prefix="supervisor")
    if "test" in bound or (may_file and test is None):
        context["test_form"] = bound.get("test") or DrugAlcoholTestForm(
            prefix="test", initial={"accident_at": _accident_at(report)}
        )
    if "claim" in bound or (report.status == ReportStatus.SUBMITTED and _may_open_claim(user, report)):
        context["claim_form"] = bound.get("claim") or ClaimFromReportForm(
            prefix="claim", initial={"claim_type": "lost_time" if report.time_lost else "medical_only"}
        )
    return render(request, "web/report_detail.html", context)


def _report_url(report: InjuryReport) -> str:
    return reverse("web:report_detail", args=[report.pk])


def _accident_at(report: InjuryReport) -> str:
    if report.injury_time is None:
        return ""
    return f"{report.injury_date.isoformat()}T{report.injury_time:%H:%M}"


@login_required
@require_GET
@application_errors
def report_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    report = report_get_for_user(report_id=pk, user=_user(request))
    return _report_page(request, report)


def _report_form_post(
    request: HttpRequest,
    pk: int,
    *,
    key: str,
    form_class: type[WebForm],
    allowed: Callable[[User, InjuryReport], bool],
    service: Callable[..., Any],
    done: Callable[[InjuryReport, Any], tuple[str, str]],
) -> HttpResponse:
    """Parse ``form_class``, call ``service``; ``done`` gives the message and where to go next."""
    user = _user(request)
    report = report_get_for_user(report_id=pk, user=user)
    require(allowed(user, report), "You may not do that for this report.")
    form = form_class(request.POST, prefix=key)
    if form.is_valid():
        try:
            result = service(actor=user, report=report, **form.service_kwargs())
        except FORM_ERRORS as exc:
            form_error_apply(form, exc)
        else:
            message, url = done(report, result)
            messages.success(request, message)
            return redirect(url)
    return _report_page(request, report, bound={key: form})


@login_required
@require_POST
@application_errors
def report_supervisor_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _report_form_post(
        request,
        pk,
        key="supervisor",
        form_class=SupervisorReportForm,
        allowed=_may_file_for_report,
        service=supervisor_report_submit,
        done=lambda report, _: ("Supervisor report recorded.", _report_url(report)),
    )


@login_required
@require_POST
@application_errors
def report_test_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _report_form_post(
        request,
        pk,
        key="test",
        form_class=DrugAlcoholTestForm,
        allowed=_may_file_for_report,
        service=drug_alcohol_test_record,
        done=lambda report, _: ("Drug and alcohol test record saved.", _report_url(report)),
    )


@login_required
@require_POST
@application_errors
def report_claim_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _report_form_post(
        request,
        pk,
        key="claim",
        form_class=ClaimFromReportForm,
        allowed=lambda user, report: is_claims_staff(user),
        service=claim_create_from_report,
        done=lambda report, claim: (
            f"Claim {claim.number} opened from injury report #{report.pk}.",
            _claim_url(claim),
        ),
    )

"""OSHA logs on the web: the establishments a user may read, and one establishment's year.

``/osha/`` lists the US establishments whose logs the user reads (``osha.access``), with the
year to open (last year by default: the one whose 300A is posted and submitted now).
``/osha/<id>/<year>/`` shows the Form 300 ("Privacy Case" in place of the name), the 300A, the
incidence rates, the counts by nature, body part and cause, the ITA checks, and the downloads:
Form 300 and 300A (PDF, CSV), the confidential privacy list (for those who keep the logs only),
and the establishment's ITA files. Another establishment is "not found".
"""

from __future__ import annotations

from typing import Any, cast

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from opencomp.accounts.models import User
from opencomp.core import clock
from opencomp.core.errors import NotFound
from opencomp.osha import exports
from opencomp.osha.access import establishments_readable, user_can_keep_osha, user_can_read_privacy_list
from opencomp.osha.rates import incidence_rates
from opencomp.osha.selectors import counts_by, form_300_rows, osha_year, summary_300a
from opencomp.parties.models import Establishment
from opencomp.web.errors import application_errors, require

PRIVACY_REFUSED = "Only those who keep the establishment's OSHA logs read the confidential privacy case list."
DOWNLOADS = (
    "form-300.pdf",
    "form-300.csv",
    "form-300a.csv",
    "privacy-list.csv",
    "ita-establishment.csv",
    "ita-cases.csv",
)


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)  # every view is behind login_required


def _establishment(user: User, pk: int) -> Establishment:
    establishment = establishments_readable(user).filter(pk=pk).first()
    if establishment is None:
        raise NotFound("That establishment was not found.")
    return establishment


def _year(year: int) -> int:
    if not 2000 <= year <= clock.today().year:
        raise NotFound("No OSHA log for that year.")
    return year


@login_required
@require_GET
@application_errors
def osha_index_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    year = clock.today().year - 1
    return render(
        request,
        "web/osha/index.html",
        {
            "establishments": list(establishments_readable(user)),
            "year": year,
            "years": range(year + 1, year - 5, -1),
        },
    )


@login_required
@require_GET
@application_errors
def osha_log_view(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    user = _user(request)
    establishment = _establishment(user, pk)
    year = _year(year)
    summary = summary_300a(establishment=establishment, year=year)
    entered = osha_year(establishment=establishment, year=year)
    totals = summary.totals
    dart = totals["total_dafw_cases"] + totals["total_djtr_cases"]
    rates = incidence_rates(
        recordable=summary.cases, dart_cases=dart, hours=entered.total_hours_worked if entered else None
    )
    ita_file = exports.ita_establishment_csv(year=year, establishment_ids=[establishment.pk])
    cases_file = exports.ita_case_csv(year=year, establishment_ids=[establishment.pk])
    context: dict[str, Any] = {
        "establishment": establishment,
        "year": year,
        "rows": [exports.form_300_row(c) for c in form_300_rows(establishment=establishment, year=year)],
        "totals": totals,
        "osha_year": entered,
        "rates": rates,
        "counts": {
            label: counts_by(establishment=establishment, year=year, field=field)
            for label, field in (("Nature", "nature"), ("Body part", "body_part"), ("Cause", "cause"))
        },
        "problems": [str(p) for p in (*ita_file.problems, *cases_file.problems)],
        "keeps": user_can_keep_osha(user, establishment),
        "privacy_list": user_can_read_privacy_list(user, establishment),
    }
    return render(request, "web/osha/log.html", context)


@login_required
@require_GET
@application_errors
def osha_download_view(request: HttpRequest, pk: int, year: int, name: str) -> HttpResponse:
    user = _user(request)
    establishment = _establishment(user, pk)
    year = _year(year)
    if name not in DOWNLOADS:
        raise NotFound("No such download.")
    if name == "privacy-list.csv":
        require(user_can_read_privacy_list(user, establishment), PRIVACY_REFUSED)
        body: str | bytes = exports.privacy_list_csv(establishment=establishment, year=year)
    elif name == "form-300.pdf":
        body = exports.form_300_pdf(establishment=establishment, year=year)
    elif name == "form-300.csv":
        body = exports.form_300_csv(establishment=establishment, year=year)
    elif name == "form-300a.csv":
        body = exports.form_300a_csv(establishment=establishment, year=year)
    elif name == "ita-establishment.csv":
        body = exports.ita_establishment_csv(year=year, establishment_ids=[establishment.pk]).csv
    else:
        body = exports.ita_case_csv(year=year, establishment_ids=[establishment.pk]).csv
    pdf = name.endswith(".pdf")
    response = HttpResponse(body, content_type="application/pdf" if pdf else "text/csv; charset=utf-8")
    filename = f"osha-{establishment.pk}-{year}-{name}"
    response["Content-Disposition"] = f'{"inline" if pdf else "attachment"}; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response

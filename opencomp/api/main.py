"""The one ``NinjaAPI`` of ``/api/v1/``: authentication, error shape, routers and health."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import NinjaAPI
from ninja.operation import Operation

from opencomp.api import (
    benefits,
    book_financials,
    claims,
    consent,
    deadlines,
    disputes,
    documents,
    errors,
    financials,
    intake,
    invoices,
    letters,
    organisations,
    schedules,
    workers,
)
from opencomp.api.auth import BearerToken, Session
from opencomp.api.schemas import HealthOut

DESCRIPTION = """\
The OpenComp claims administration API.

**Authentication.** Send an API token as `Authorization: Bearer oc_...`, or use a logged-in browser
session (then unsafe methods need the `csrftoken` cookie's value in the `X-CSRFToken` header). Every
operation needs one of them except `GET /health`.

**Errors.** Every error is JSON `{"message": "...", "errors": [{"field": "...", "message": "..."}]}`;
`field` is the dotted path of the input at fault (`injury_date`, `employment.hire_date`,
`payload.channel`). 400: the input is not valid or the change is not allowed now; 401: no valid
credentials; 403: you may see the object but not do this; 404: it does not exist or you may not see it
(the two are never told apart); 409: it changed since you read it. A refused request writes nothing.

**Lists** take `limit` (at most 200) and `offset` and answer `{"count": <total>, "items": [...]}`.
"""


class OpenCompAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation: Operation) -> str:
        # Operation ids are the view names without the suffix that avoids clashing with a service's name.
        return operation.view_func.__name__.removesuffix("_api")


api = OpenCompAPI(
    title="OpenComp API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    auth=[BearerToken(), Session()],
)
errors.install(api)


@api.get("/health", auth=None, response={200: HealthOut}, summary="Health check", tags=["Health"])
def health(request: HttpRequest) -> HealthOut:
    """Answers without touching the database: the floor of the API's request cost."""
    return HealthOut(status="ok")


api.add_router("/organisations", organisations.router)
api.add_router("/workers", workers.router)
api.add_router("/incidents", intake.incidents)
api.add_router("/reports", intake.reports)
api.add_router("/claims", claims.router)
api.add_router("", deadlines.router)
api.add_router("", benefits.router)
api.add_router("", financials.router)
api.add_router("", schedules.router)
api.add_router("", invoices.router)
api.add_router("", documents.router)
api.add_router("", letters.router)
api.add_router("", disputes.router)
api.add_router("", book_financials.router)
api.add_router("", "opencomp.api.reimbursements.router")
api.add_router("", consent.router)
api.add_router("", "opencomp.api.workstatus.router")
api.add_router("", "opencomp.api.treatment.router")
api.add_router("", "opencomp.api.rtw.router")
api.add_router("", "opencomp.api.physicians.router")
api.add_router("", "opencomp.api.complaints.router")
api.add_router("", "opencomp.api.finalisation.router")
api.add_router("", "opencomp.api.triage.router")
# Plans and work capacity decisions (issue 7, item 5).
api.add_router("", "opencomp.api.plans.router")

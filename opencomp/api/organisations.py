"""Organisations: insurers, TPAs, employers, pools, regulators."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router, Status

from opencomp.accounts.services import organisation_create
from opencomp.api.access import require_role
from opencomp.api.auth import user_of
from opencomp.api.errors import field_not_found, input_names, responses
from opencomp.api.pagination import page_of
from opencomp.api.schemas import (
    OrganisationFilters,
    OrganisationIn,
    OrganisationOut,
    OrganisationPage,
    OrganisationPoliciesIn,
)
from opencomp.claims.access import organisation_queryset_for_user
from opencomp.core.errors import NotFound
from opencomp.deadlines.services import employer_policies_set

router = Router(tags=["Organisations"])


@router.get(
    "",
    **responses({200: OrganisationPage}, 400),
    summary="List organisations",
    description="Organisations you may see (yours, those you work with, and the parties to claims you see).",
)
def organisation_list(request: HttpRequest, filters: Query[OrganisationFilters]) -> OrganisationPage:
    qs = organisation_queryset_for_user(user_of(request)).order_by("name", "pk")
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.jurisdiction:
        qs = qs.filter(jurisdiction=filters.jurisdiction)
    if filters.q.strip():
        qs = qs.filter(name__icontains=filters.q.strip())
    count, items = page_of(qs, filters)
    return OrganisationPage(count=count, items=[OrganisationOut.of(o) for o in items])


@router.get(
    "/{int:organisation_id}",
    **responses({200: OrganisationOut}, 404),
    summary="Get an organisation",
)
def organisation_get(request: HttpRequest, organisation_id: int) -> OrganisationOut:
    org = organisation_queryset_for_user(user_of(request)).filter(pk=organisation_id).first()
    if org is None:
        raise NotFound(f"Organisation {organisation_id} was not found.")
    return OrganisationOut.of(org)


@router.post(
    "",
    **responses({201: OrganisationOut}, 400, 403),
    summary="Create an organisation",
    description="System administrators only.",
)
def organisation_create_api(request: HttpRequest, body: OrganisationIn) -> Status[OrganisationOut]:
    user = user_of(request)
    require_role(user, frozenset(), "Only system administrators may create organisations.")
    visible = organisation_queryset_for_user(user)
    parent = administrator = None
    if body.parent_id is not None:
        parent = visible.filter(pk=body.parent_id).first()
        if parent is None:
            raise field_not_found("parent_id", "organisation", body.parent_id)
    if body.claims_administrator_id is not None:
        administrator = visible.filter(pk=body.claims_administrator_id).first()
        if administrator is None:
            raise field_not_found("claims_administrator_id", "organisation", body.claims_administrator_id)
    with input_names(parent="parent_id", claims_administrator="claims_administrator_id"):
        org = organisation_create(
            actor=user,
            kind=body.kind,
            name=body.name,
            legal_name=body.legal_name,
            identifier=body.identifier,
            parent=parent,
            claims_administrator=administrator,
            jurisdiction=body.jurisdiction or "",
            address=body.address,
            phone=body.phone,
            email=body.email,
        )
    return Status(201, OrganisationOut.of(org))


@router.put(
    "/{int:organisation_id}/policies",
    **responses({200: OrganisationOut}, 400, 403, 404),
    summary="Set an employer's policies",
    description="The employer's own programs that add clocks to its claims (e.g. post-accident drug and "
    "alcohol tests within 8 h / 32 h). Its claims' obligations are recomputed in the same transaction. "
    "The employer's WC / RTW coordinator or a system administrator.",
)
def organisation_policies_set(
    request: HttpRequest, organisation_id: int, body: OrganisationPoliciesIn
) -> OrganisationOut:
    user = user_of(request)
    org = organisation_queryset_for_user(user).filter(pk=organisation_id).first()
    if org is None:
        raise NotFound(f"Organisation {organisation_id} was not found.")
    return OrganisationOut.of(employer_policies_set(actor=user, employer=org, policies=body.policies))

"""Organisations and workers through the API: who sees whom, and registering them."""

from __future__ import annotations

import pytest

from opencomp.accounts.models import Organisation
from opencomp.api.tests.bodies import new_worker
from opencomp.core.models import AuditEntry
from opencomp.parties.models import Worker
from opencomp.parties.services import employment_create


def names(reply) -> list[str]:
    return [item["name"] for item in reply.body["items"]]


def test_admin_creates_an_organisation(book, api):
    reply = api.post(
        "organisations",
        {
            "kind": "pool_member",
            "name": "Town of Elk Ridge",
            "parent_id": book.pool.pk,
            "claims_administrator_id": book.pool.pk,
            "jurisdiction": "CO",
        },
        as_="admin",
    )

    assert reply.status == 201
    org = Organisation.objects.get(pk=reply.body["id"])
    assert (org.kind, org.parent, org.claims_administrator) == ("pool_member", book.pool, book.pool)
    assert reply.body["parent_id"] == book.pool.pk


@pytest.mark.parametrize(
    ("_case", "body", "field"),
    [
        ("pool member without a pool", {"kind": "pool_member", "name": "Orphan Town"}, "parent_id"),
        ("unknown parent", {"kind": "pool_member", "name": "Orphan Town", "parent_id": 999_999}, "parent_id"),
        (
            "administrator that administers nothing",
            {"kind": "employer", "name": "Tiny Co", "claims_administrator_id": "regulator_co"},
            "claims_administrator_id",
        ),
        ("unknown kind", {"kind": "guild", "name": "Guild"}, "kind"),
        ("bad email", {"kind": "employer", "name": "Tiny Co", "email": "not-an-email"}, "email"),
    ],
)
def test_organisation_errors_name_the_field_and_write_nothing(book, api, _case, body, field):
    if body.get("claims_administrator_id") == "regulator_co":
        body = {**body, "claims_administrator_id": book.regulator_co.pk}
    before = Organisation.objects.count()

    reply = api.post("organisations", body, as_="admin")

    assert reply.status == 400
    assert [e["field"] for e in reply.body["errors"]] == [field]
    assert Organisation.objects.count() == before


def test_organisations_visible_to_an_employer(book, api):
    reply = api.get("organisations", as_="employer_coordinator")

    # their own organisation and its insurer; not the other insurer, employer, pool or regulators
    assert names(reply) == ["Acme Fabrication", "Summit Mutual"]
    assert reply.body["count"] == 2


def test_organisation_filters(book, api):
    regulators = api.get("organisations", as_="admin", kind="regulator")
    nsw = api.get("organisations", as_="admin", jurisdiction="NSW")
    named = api.get("organisations", as_="admin", q="mutual")

    assert names(regulators) == ["CO Division of WC", "SIRA"]
    assert names(nsw) == ["Blue Gum Logistics", "SIRA"]
    assert names(named) == ["Summit Mutual"]


def test_register_a_worker_with_their_employment(book, api):
    body = new_worker(book)
    body["employment"]["establishment_id"] = book.establishment.pk

    reply = api.post("workers", body, as_="employer_coordinator")

    assert reply.status == 201
    worker = Worker.objects.get(pk=reply.body["id"])
    assert worker.full_name == "Priya Shah"
    [employment] = reply.body["employments"]
    assert employment["employer"] == {"id": book.employer.pk, "name": "Acme Fabrication"}
    assert employment["establishment"] == {"id": book.establishment.pk, "name": "Plant 1"}
    assert employment["hours_per_week"] == "38.00"
    listed = api.get("workers", as_="adjuster", q="shah")
    assert [w["id"] for w in listed.body["items"]] == [worker.pk]


def test_employer_sees_only_its_employees_and_only_its_own_employment_of_them(book, api):
    # given: Maria also works a second job at Blue Gum
    employment_create(
        actor=None,
        worker=book.worker,
        employer=book.other_employer,
        job_title="Driver",
        hire_date=book.worker.date_of_birth.replace(year=2020),
        employment_type="casual",
        hours_per_week=10,
        days_per_week=2,
    )

    # when
    acme = api.get("workers", as_="employer_coordinator")
    blue_gum = api.get(f"workers/{book.worker.pk}", as_="other_employer_coordinator")
    maria = api.get(f"workers/{book.worker.pk}", as_="worker")

    # then
    assert [w["name"] if "name" in w else w["family_name"] for w in acme.body["items"]] == ["Lopez"]
    assert [e["employer"]["name"] for e in acme.body["items"][0]["employments"]] == ["Acme Fabrication"]
    assert [e["employer"]["name"] for e in blue_gum.body["employments"]] == ["Blue Gum Logistics"]
    assert sorted(e["employer"]["name"] for e in maria.body["employments"]) == [
        "Acme Fabrication",
        "Blue Gum Logistics",
    ]


def test_a_worker_sees_only_themself(book, api):
    reply = api.get("workers", as_="worker")

    assert [w["id"] for w in reply.body["items"]] == [book.worker.pk]
    assert reply.body["count"] == 1


def test_worker_list_does_not_query_per_worker(book, api):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        api.get("workers", as_="admin")
    for i in range(5):
        api.post("workers", {**new_worker(book), "given_name": f"W{i}"}, as_="admin")

    with CaptureQueriesContext(connection) as many:
        reply = api.get("workers", as_="admin")

    assert reply.body["count"] == 8
    assert len(many) == len(few)


def test_employer_coordinator_sets_policies_and_the_claims_get_their_clocks(book, api):
    # given: Acme's open claim has no post-accident test obligations
    assert not book.claim.obligations.filter(rule_id="co.alcohol_test").exists()

    # when
    reply = api.call(
        "PUT",
        f"organisations/{book.employer.pk}/policies",
        as_="employer_coordinator",
        body={"policies": ["post_accident_testing"]},
    )

    # then: the policy is stored, audited, and the claim's obligations recomputed
    assert reply.status == 200
    assert reply.body["policies"] == ["post_accident_testing"]
    assert set(
        book.claim.obligations.filter(rule_id__in=["co.alcohol_test", "co.drug_test"]).values_list(
            "rule_id", flat=True
        )
    ) == {"co.alcohol_test", "co.drug_test"}
    assert AuditEntry.objects.filter(
        action="organisation.policies_set", object_id=str(book.employer.pk)
    ).exists()


def test_unknown_policy_is_named_and_changes_nothing(book, api):
    reply = api.call(
        "PUT", f"organisations/{book.employer.pk}/policies", as_="admin", body={"policies": ["nap_time"]}
    )

    assert reply.status == 400
    assert reply.body["errors"] == [
        {
            "field": "policies",
            "message": "unknown: nap_time; known: post_accident_testing, modified_duty_program, "
            "light_duty_review",
        }
    ]
    book.employer.refresh_from_db()
    assert book.employer.policies == []


def test_policies_only_for_employers(book, api):
    reply = api.call("PUT", f"organisations/{book.insurer.pk}/policies", as_="admin", body={"policies": []})

    assert reply.status == 400
    assert reply.body["errors"][0]["field"] == "organisation"

"""The work queue: scope, search, filters, sorting and pages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from opencomp.claims.services import ClaimDraft, claim_create, claim_transition
from opencomp.parties.services import employment_create, worker_create


def _open_claim(book, worker, injury_day: int):
    return claim_create(
        actor=None,
        draft=ClaimDraft(
            jurisdiction="CO",
            employer=book.employer,
            worker=worker,
            injury_date=dt.date(2026, 10, injury_day),
            employer_knowledge_date=dt.date(2026, 10, 28),
            notification_date=dt.date(2026, 10, 29),
            claim_type="medical_only",
            nature_of_injury="Sprain",
            body_part="Wrist",
            description="Slipped on a wet floor.",
        ),
    )


@pytest.fixture
def queue(book):
    """30 more Acme claims (numbers CO-26-000003 to CO-26-000032): 27 for Maria Lopez, 3 for Zed Quint.

    With ``book.claim`` the adjusters' organisation administers 31 claims; one is assigned.
    """
    zed = worker_create(actor=None, given_name="Zed", family_name="Quint", date_of_birth=dt.date(1979, 2, 2))
    employment_create(
        actor=None,
        worker=zed,
        employer=book.employer,
        job_title="Welder",
        hire_date=dt.date(2020, 1, 6),
        employment_type="full_time",
        hours_per_week=Decimal("38"),
        days_per_week=Decimal("5"),
    )
    claims = [_open_claim(book, book.worker, 1 + i % 25) for i in range(27)]
    claims += [_open_claim(book, zed, 26) for _ in range(3)]
    return claims


def _queue(client, **params):
    return client.get(reverse("web:work_queue"), params)


def _numbers(response) -> list[str]:
    return [claim.number for claim in response.context["page"].object_list]


def test_adjuster_sees_only_their_claims_by_default(book, queue, login):
    # given
    client = login("adjuster")

    # when
    response = _queue(client)

    # then
    assert response.context["scope"] == "mine"
    assert _numbers(response) == [book.claim.number]
    assert "1\N{EN DASH}1 of 1" in response.content.decode()


def test_all_claims_are_paginated_25_to_a_page(book, queue, login):
    # given
    client = login("adjuster")

    # when
    first = _queue(client, scope="all")
    second = _queue(client, scope="all", page=2)

    # then
    assert first.context["page"].paginator.count == 31
    assert len(_numbers(first)) == 25
    assert "1\N{EN DASH}25 of 31" in first.content.decode()
    assert len(_numbers(second)) == 6
    assert "26\N{EN DASH}31 of 31" in second.content.decode()
    assert set(_numbers(first)).isdisjoint(_numbers(second))


def test_search_by_claim_number_prefix(book, queue, login):
    # given
    client = login("adjuster")

    # when
    response = _queue(client, scope="all", q="CO-26-00001", sort="number")

    # then
    assert _numbers(response) == [f"CO-26-{n:06d}" for n in range(10, 20)]


def test_search_by_worker_name(book, queue, login):
    # given
    client = login("adjuster")

    # when
    response = _queue(client, scope="all", q="quint")

    # then
    assert _numbers(response) == [c.number for c in reversed(queue[-3:])]


def test_search_by_employer_name(book, queue, login):
    # given
    client = login("admin")

    # when
    response = _queue(client, q="blue gum")

    # then
    assert _numbers(response) == [book.other_claim.number]


def test_filter_by_status(book, queue, login):
    # given
    client = login("adjuster")
    for claim in queue[:2]:
        claim_transition(actor=None, claim=claim, to_status="under_investigation")

    # when
    response = _queue(client, scope="all", status="under_investigation", sort="number")

    # then
    assert _numbers(response) == [queue[0].number, queue[1].number]


def test_filter_by_jurisdiction(book, queue, login):
    # given
    client = login("admin")

    # when
    nsw = _queue(client, jurisdiction="NSW")
    colorado = _queue(client, jurisdiction="CO")

    # then
    assert _numbers(nsw) == [book.other_claim.number]
    assert colorado.context["page"].paginator.count == 32


def test_filter_by_employer(book, queue, login):
    # given
    client = login("admin")

    # when
    response = _queue(client, employer=book.pool_member.pk)

    # then
    assert _numbers(response) == [book.pool_claim.number]


def test_employer_choices_are_the_employers_on_visible_claims(book, queue, login):
    # given
    client = login("adjuster")

    # when
    response = _queue(client)

    # then
    assert response.context["form"].fields["employer"].choices == [
        ("", "Any"),
        (book.employer.pk, "Acme Fabrication"),
    ]


@pytest.mark.parametrize(
    ("_case", "sort", "first"),
    [
        ("claim number ascending", "number", "CO-26-000001"),
        ("newest first", "newest", "CO-26-000032"),
        ("oldest first", "oldest", "CO-26-000001"),
    ],
)
def test_sorting(_case, sort, first, book, queue, login):
    # given
    client = login("adjuster")

    # when
    response = _queue(client, scope="all", sort=sort)

    # then
    assert _numbers(response)[0] == first


def test_sort_header_links_keep_filters_and_drop_the_page(book, queue, login):
    # given
    client = login("adjuster")

    # when
    response = _queue(client, scope="all", q="quint", page=1)

    # then
    assert 'href="?scope=all&amp;q=quint&amp;sort=number"' in response.content.decode()


def test_no_match_shows_the_empty_state(book, queue, login):
    # given
    client = login("adjuster")

    # when
    response = _queue(client, scope="all", q="nobody-by-this-name")

    # then
    html = response.content.decode()
    assert response.context["page"].paginator.count == 0
    assert "No claims match these filters." in html
    assert "<table" not in html


def test_adjuster_with_nothing_assigned_is_offered_all_claims(book, queue, login):
    # given
    client = login("adjuster2")

    # when
    response = _queue(client)

    # then
    html = response.content.decode()
    assert "No claims are assigned to you." in html
    assert 'href="?scope=all"' in html


def test_employer_user_has_no_scope_toggle_and_sees_their_claims(book, queue, login):
    # given
    client = login("employer_coordinator")

    # when
    response = _queue(client, scope="mine")

    # then
    assert response.context["may_scope"] is False
    assert response.context["page"].paginator.count == 31
    assert "My claims" not in response.content.decode()


def test_worker_sees_only_their_own_claims(book, queue, login):
    # given
    client = login("worker")

    # when
    response = _queue(client)

    # then
    assert response.context["page"].paginator.count == 28
    assert all(claim.worker_id == book.worker.pk for claim in response.context["page"].object_list)


def test_rows_link_to_the_claim_page(book, queue, login):
    # given
    client = login("adjuster")

    # when
    response = _queue(client)

    # then
    assert f'href="/claims/{book.claim.number}/"' in response.content.decode()

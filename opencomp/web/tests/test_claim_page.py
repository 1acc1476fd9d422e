"""The claim page: summary, timeline, activity log and the forms offered to each role."""

from __future__ import annotations

from django.urls import reverse

from opencomp.accounts.models import Notification
from opencomp.claims.enums import EventKind
from opencomp.claims.models import ClaimEvent
from opencomp.claims.services import claim_event_append
from opencomp.web.tests.test_permissions import ACTIVITY


def _page(client, claim, **params):
    return client.get(reverse("web:claim_detail", args=[claim.number]), params)


def test_unknown_claim_is_not_found(book, login):
    # given
    client = login("admin")

    # when
    response = client.get(reverse("web:claim_detail", args=["CO-26-999999"]))

    # then
    assert response.status_code == 404


def test_summary_and_parties_are_shown(book, login):
    # given
    client = login("adjuster")

    # when
    response = _page(client, book.claim)

    # then
    html = response.content.decode()
    for text in (
        "Claim CO-26-000001",
        '<span class="badge status status--reported">Reported</span>',
        "Colorado",
        "Lost time",
        "20 Oct 2026",
        "21 Oct 2026",
        "Avery Adjuster",
        "Acme Fabrication",
        "Summit Mutual",
        "Plant 1, Denver",
        "Spanish",
        "interpreter required",
        "Dr Jo Reyes",
    ):
        assert text in html, text


def test_adjuster_is_offered_the_log_and_status_forms_but_not_assignment(book, login):
    # given
    client = login("adjuster")

    # when
    response = _page(client, book.claim)

    # then
    assert set(response.context["log_forms"]) == {"activity", "note", "medical"}
    assert response.context["transition_form"] is not None
    assert response.context["assign_form"] is None


def test_supervisor_is_offered_assignment_among_the_administrators_adjusters(book, login):
    # given
    client = login("supervisor")

    # when
    response = _page(client, book.claim)

    # then
    choices = [label for _value, label in response.context["assign_form"].fields["adjuster"].choices]
    assert choices == ["Unassigned", "Avery Adjuster", "Blake Second", "Sam Supervisor"]


def test_employer_is_offered_no_forms(book, login):
    # given
    client = login("employer_coordinator")

    # when
    response = _page(client, book.claim)

    # then
    html = response.content.decode()
    assert response.context["log_forms"] == {}
    assert response.context["transition_form"] is None
    assert "Log activity" not in html
    assert "Change status" not in html


def test_provider_is_offered_only_the_medical_note_form(book, login):
    # given
    client = login("provider")

    # when
    response = _page(client, book.claim)

    # then
    assert set(response.context["log_forms"]) == {"medical"}


def test_status_choices_are_the_lifecycle_moves_from_the_current_status(book, login):
    # given
    client = login("adjuster")

    # when
    response = _page(client, book.claim)

    # then
    form = response.context["transition_form"]
    assert form.fields["to_status"].widget.choices == [
        ("under_investigation", "Under investigation"),
        ("accepted", "Accepted"),
        ("provisionally_accepted", "Provisionally accepted"),
        ("denied", "Denied"),
        ("reasonable_excuse", "Reasonable excuse"),
    ]
    assert form["expected_status"].value() == "reported"


def test_htmx_activity_entry_returns_the_refreshed_log(book, login):
    # given
    client = login("adjuster")

    # when
    response = client.post(
        reverse("web:claim_activity_add", args=[book.claim.number]),
        ACTIVITY | {"activity-party_name": "Maria Lopez", "activity-result": "Worker understands."},
        headers={"HX-Request": "true"},
    )

    # then
    event = ClaimEvent.objects.get(claim=book.claim, kind=EventKind.ACTIVITY_LOGGED)
    assert event.payload == {
        "party": "worker",
        "party_name": "Maria Lopez",
        "channel": "phone",
        "direction": "outbound",
        "issue": "Initial contact",
        "action": "Explained the claim process.",
        "result": "Worker understands.",
    }
    assert event.actor == book.users["adjuster"]
    html = response.content.decode()
    assert response.status_code == 200
    assert response.templates[0].name == "web/partials/claim_log.html"
    assert html.startswith('<section id="claim-log"')
    assert f"Activity logged (#{event.seq})." in html
    assert response.context["items"][0].title == "Initial contact"
    assert response["Vary"] == "HX-Request, Cookie"


def test_plain_activity_entry_redirects_back_to_the_log(book, login):
    # given
    client = login("adjuster")

    # when
    response = client.post(reverse("web:claim_activity_add", args=[book.claim.number]), ACTIVITY)

    # then
    assert response.status_code == 302
    assert response["Location"] == f"/claims/{book.claim.number}/#claim-log"
    assert ClaimEvent.objects.filter(claim=book.claim, kind=EventKind.ACTIVITY_LOGGED).count() == 1


def test_activity_log_lists_only_activity_entries(book, login):
    # given
    client = login("adjuster")
    adjuster = book.users["adjuster"]
    claim_event_append(
        actor=adjuster, claim=book.claim, kind=EventKind.NOTE_ADDED, payload={"text": "A note."}
    )
    claim_event_append(
        actor=adjuster,
        claim=book.claim,
        kind=EventKind.ACTIVITY_LOGGED,
        payload={k.removeprefix("activity-"): v for k, v in ACTIVITY.items()},
    )

    # when
    response = _page(client, book.claim, log="activity")

    # then
    rows = response.context["activity"]
    assert [(r.party, r.channel, r.direction, r.issue) for r in rows] == [
        ("Worker", "Phone", "Outbound", "Initial contact")
    ]
    assert "A note." not in response.content.decode()


def test_corrected_entry_shows_who_corrected_it(book, login):
    # given
    client = login("adjuster")
    adjuster = book.users["adjuster"]
    original = claim_event_append(
        actor=adjuster,
        claim=book.claim,
        kind=EventKind.NOTE_ADDED,
        payload={"text": "Modified duty from 9 Nov."},
    )
    correction = claim_event_append(
        actor=adjuster,
        claim=book.claim,
        kind=EventKind.NOTE_ADDED,
        payload={"text": "Modified duty from 16 Nov."},
        corrects=original,
    )

    # when
    response = _page(client, book.claim)

    # then
    html = response.content.decode()
    assert f'href="#event-{correction.seq}">corrected by #{correction.seq}</a>' in html
    assert f'href="#event-{original.seq}">corrects #{original.seq}</a>' in html


def test_timeline_is_newest_first_with_readable_titles(book, login):
    # given
    client = login("adjuster")

    # when
    response = _page(client, book.claim)

    # then
    items = response.context["items"]
    assert [(i.seq, i.kind_label, i.title) for i in items] == [
        (3, "Participant added", "Treating doctor: Dr Jo Reyes"),
        (2, "Assigned", "To Avery Adjuster"),
        (1, "Claim created", ""),
    ]
    assert items[2].meta == ["CO", "Lost time", "Injured 20 Oct 2026", "Notified 21 Oct 2026"]


def test_transition_moves_the_claim_and_redirects(book, login):
    # given
    client = login("adjuster")

    # when
    response = client.post(
        reverse("web:claim_transition", args=[book.claim.number]),
        {
            "status-to_status": "accepted",
            "status-expected_status": "reported",
            "status-reason": "Compensable.",
        },
    )

    # then
    assert response.status_code == 302
    book.claim.refresh_from_db()
    assert book.claim.status == "accepted"
    event = book.claim.events.get(kind=EventKind.STATUS_CHANGED)
    assert event.payload == {"from_status": "reported", "to_status": "accepted", "reason": "Compensable."}


def test_supervisor_reassigns_and_parties_are_notified(book, login):
    # given
    client = login("supervisor")
    notifications_before = Notification.objects.count()

    # when
    response = client.post(
        reverse("web:claim_assign", args=[book.claim.number]),
        {"assign-adjuster": book.users["adjuster2"].pk, "assign-reason": "Caseload balance"},
    )

    # then
    assert response.status_code == 302
    book.claim.refresh_from_db()
    assert book.claim.assigned_adjuster == book.users["adjuster2"]
    assert Notification.objects.count() == notifications_before + 2


def test_medical_note_can_be_restricted(book, login):
    # given
    client = login("adjuster")

    # when
    client.post(
        reverse("web:claim_medical_note_add", args=[book.claim.number]),
        {"medical-summary": "Psychology referral.", "medical-restricted": "on"},
    )

    # then
    event = book.claim.events.get(kind=EventKind.MEDICAL_NOTE)
    assert event.sensitivity == "restricted_medical"
    assert event.payload == {"summary": "Psychology referral.", "diagnosis": "", "provider_name": ""}

"""The claim page's deadlines and diary panel: what it shows, who gets it, and what its forms write."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils.html import escape

from opencomp.accounts.models import Organisation
from opencomp.claims.enums import EventKind
from opencomp.claims.models import ClaimEvent
from opencomp.claims.services import ClaimDraft, claim_create, claim_event_append, claim_transition
from opencomp.deadlines.models import Obligation, ObligationStatus
from opencomp.web.forms_claim_diary import FACT_KINDS

HTMX = {"HX-Request": "true"}
NSW_ADJUSTER = "other_adjuster"  # Harbour Insurance administers the book's NSW claim


def _page(client, claim, **params):
    return client.get(reverse("web:claim_detail", args=[claim.number]), params)


def _row_html(html: str, obligation: Obligation) -> str:
    start = html.index(f'<tr id="obligation-{obligation.pk}"')
    return html[start : html.index("</tr>", start)]


def _obligation(claim, rule_id: str) -> Obligation:
    return Obligation.objects.get(claim=claim, rule_id=rule_id)


def _day(value: dt.date) -> str:
    return f"{value:%a} {value.day} {value:%b %Y}"


def _event_count() -> int:
    return ClaimEvent.objects.count()


def _field_error_html(field_id: str, message: str) -> str:
    return f'<ul class="errorlist" id="{field_id}_error"><li>{message}</li></ul>'


# What the panel shows -----------------------------------------------------------------------------


def test_panel_shows_each_obligation_with_its_citation_due_date_and_what_satisfied_it(book, login):
    # given: the worker was called, a week late
    claim = book.other_claim
    call = claim_event_append(
        actor=book.users[NSW_ADJUSTER],
        claim=claim,
        kind=EventKind.ACTIVITY_LOGGED,
        payload={
            "party": "worker",
            "channel": "phone",
            "direction": "outbound",
            "issue": "Initial contact",
            "action": "Explained the claim process.",
        },
    )

    # when
    html = _page(login(NSW_ADJUSTER), claim).content.decode()

    # then
    obligations = list(Obligation.objects.filter(claim=claim))
    assert len(obligations) >= 6
    for obligation in obligations:
        row = _row_html(html, obligation)
        assert escape(obligation.citation) in row, obligation.key
        assert _day(obligation.due_date) in row, obligation.key
        assert f"<code>{obligation.rule_id}</code>" in row
        for line in obligation.explanation:
            assert escape(line) in row
    contact = _obligation(claim, "nsw.initial_contact_worker")
    assert contact.status == ObligationStatus.LATE
    assert contact.satisfied_seq == call.seq
    row = _row_html(html, contact)
    assert "Done late" in row
    assert f'Done by <a href="#event-{call.seq}">#{call.seq} Activity</a> on 2 Nov 2026' in row
    assert f'id="event-{call.seq}"' in html  # the timeline entry the link points at


def test_open_obligations_come_first_and_overdue_ones_are_marked(book, login):
    # given: due 26 Oct (contact), 28 Oct (liability), 11 Nov (recovery screen); today is 2 Nov
    claim = book.other_claim
    done = _obligation(claim, "nsw.initial_contact_employer")
    claim_event_append(
        actor=book.users[NSW_ADJUSTER],
        claim=claim,
        kind=EventKind.ACTIVITY_LOGGED,
        payload={
            "party": "employer",
            "channel": "phone",
            "direction": "outbound",
            "issue": "Initial contact",
            "action": "Asked about suitable duties.",
        },
    )

    # when
    response = _page(login(NSW_ADJUSTER), claim)

    # then
    html = response.content.decode()
    panel = response.context["obligations_panel"]
    assert [r.obligation.rule_id for r in panel.done_rows] == ["nsw.initial_contact_employer"]
    assert html.index(f'id="obligation-{done.pk}"') > html.index("Done, waived or no longer needed")
    overdue = _row_html(html, _obligation(claim, "nsw.liability_decision"))
    upcoming = _row_html(html, _obligation(claim, "nsw.recovery_screen"))
    assert 'class="obligation obligation--overdue"' in overdue
    assert "Overdue</span>" in overdue
    assert "Open</span>" in upcoming
    assert '5 open · <strong class="obligations__overdue-count">4 overdue</strong>' in html


def test_links_to_the_source_and_explains_the_date_with_the_versions(book, login):
    # given
    claim = book.other_claim
    decision = _obligation(claim, "nsw.liability_decision")

    # when
    row = _row_html(_page(login(NSW_ADJUSTER), claim).content.decode(), decision)

    # then
    assert f'<a href="{decision.source_url}" rel="noopener noreferrer external">' in row
    assert "<summary>Why this date</summary>" in row
    assert f"Rules version {decision.rules_version} · calendar version {decision.calendar_version}" in row


def test_an_hour_rule_shows_its_due_time_in_the_jurisdictions_zone(book, login):
    # given: Acme tests after accidents; the alcohol test is due 8 hours after a 09:30 injury in Denver
    Organisation.objects.filter(pk=book.employer.pk).update(policies=["post_accident_testing"])
    book.employer.refresh_from_db()
    claim = claim_create(
        actor=book.users["adjuster"],
        draft=ClaimDraft(
            jurisdiction="CO",
            employer=book.employer,
            worker=book.worker,
            injury_date=dt.date(2026, 11, 1),
            injury_time=dt.time(9, 30),
            employer_knowledge_date=dt.date(2026, 11, 1),
            claim_type="medical_only",
            nature_of_injury="Burn",
            body_part="Hand",
            description="Touched a hot die.",
        ),
    )

    # when
    html = _page(login("adjuster"), claim).content.decode()

    # then
    row = _row_html(html, _obligation(claim, "co.alcohol_test"))
    assert "Sun 1 Nov 2026" in row
    assert "by 17:30 MST" in row
    assert ">by " not in _row_html(html, _obligation(claim, "co.employer_report"))


def test_a_fatal_claim_is_marked_in_the_summary(book, login):
    # given
    claim = claim_create(
        actor=book.users[NSW_ADJUSTER],
        draft=ClaimDraft(
            jurisdiction="NSW",
            employer=book.other_employer,
            worker=book.other_worker,
            injury_date=dt.date(2026, 10, 30),
            employer_knowledge_date=dt.date(2026, 10, 30),
            claim_type="lost_time",
            nature_of_injury="Crush injuries",
            body_part="Multiple",
            description="Struck by a reversing forklift.",
            fatal=True,
        ),
    )

    # when
    fatal = _page(login(NSW_ADJUSTER), claim).content.decode()
    other = _page(login(NSW_ADJUSTER), book.other_claim).content.decode()

    # then
    assert '<span class="badge badge--fatal">Fatal</span>' in fatal
    assert "badge--fatal" not in other


# Who gets it --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "panel", "actions"),
    [
        ("adjuster", True, True),
        ("supervisor", True, True),
        ("admin", True, True),
        ("auditor", True, False),
        ("employer_coordinator", True, False),
        ("compliance_officer", True, False),
        ("employer_supervisor", False, False),
        ("worker", False, False),
        ("provider", False, False),
    ],
)
def test_the_panel_and_its_actions_are_offered_by_role(role, panel, actions, book, login):
    # given / when
    html = _page(login(role), book.claim).content.decode()

    # then
    assert ('id="obligations"' in html) is panel
    assert ("Waive this obligation" in html) is actions
    assert ("Record a claim fact" in html) is actions


def _posts(book) -> list[tuple[str, list, dict]]:
    claim = book.claim
    obligation = Obligation.objects.filter(claim=claim, status="open").order_by("pk").first()
    return [
        ("claim_obligations", [claim.number], {}),
        (
            "claim_obligation_waive",
            [claim.number, obligation.pk],
            {f"waive-{obligation.pk}-reason": "Not needed."},
        ),
        ("claim_obligation_complete", [claim.number, obligation.pk], {}),
        ("claim_diary_entry_add", [claim.number], {"diary-title": "Call", "diary-due_on": "2026-11-10"}),
        (
            "claim_info_request_add",
            [claim.number],
            {"info-party": "worker", "info-what": "Wages", "info-due_on": "2026-11-10"},
        ),
        (
            "claim_fact_record",
            [claim.number],
            {"fact-kind": "milestone.recorded", "fact-milestone": "recovery_screen"},
        ),
    ]


@pytest.mark.parametrize(
    ("role", "expected"), [("worker", 403), ("employer_supervisor", 403), ("other_adjuster", 404)]
)
def test_workers_employer_supervisors_and_other_administrators_get_no_panel_and_post_nothing(
    role, expected, book, login
):
    # given
    client = login(role)
    before = _event_count()

    # when
    page = _page(client, book.claim)
    responses = {
        name: (client.get if name == "claim_obligations" else client.post)(
            reverse(f"web:{name}", args=args), data, headers=HTMX
        )
        for name, args, data in _posts(book)
    }

    # then
    assert page.status_code == (200 if expected == 403 else 404)
    assert 'id="obligations"' not in page.content.decode()
    assert {name: r.status_code for name, r in responses.items()} == dict.fromkeys(responses, expected)
    assert _event_count() == before


def test_an_obligation_of_another_claim_is_not_found(book, login):
    # given: an obligation of the NSW claim, posted through the CO claim's address
    other = Obligation.objects.filter(claim=book.other_claim).first()
    before = _event_count()

    # when
    response = login("adjuster").post(
        reverse("web:claim_obligation_waive", args=[book.claim.number, other.pk]),
        {f"waive-{other.pk}-reason": "Not ours."},
    )

    # then
    assert response.status_code == 404
    assert _event_count() == before


# Bad input ----------------------------------------------------------------------------------------


def _bad_inputs(book) -> list[tuple[str, list, dict, str, list[str]]]:
    """(URL name, extra URL args, data, the field's id, its errors)."""
    decision = _obligation(book.other_claim, "nsw.liability_decision")
    waive = f"waive-{decision.pk}"
    required = ["This field is required."]
    return [
        ("claim_obligation_waive", [decision.pk], {f"{waive}-reason": "  "}, f"id_{waive}-reason", required),
        (
            "claim_diary_entry_add",
            [],
            {"diary-title": "Chase the GP", "diary-due_on": "2026-10-01"},
            "id_diary-due_on",
            ["Due on is in the past"],
        ),
        (
            "claim_info_request_add",
            [],
            {"info-party": "provider", "info-what": "", "info-due_on": "2026-11-09"},
            "id_info-what",
            required,
        ),
        (
            "claim_fact_record",
            [],
            {"fact-kind": "notice.sent", "fact-notice": "liability_decision", "fact-channel": "letter"},
            "id_fact-recipients",
            required,
        ),
        (
            "claim_fact_record",
            [],
            {
                "fact-kind": "milestone.recorded",
                "fact-milestone": "recovery_screen",
                "fact-occurred_at": "2026-11-03T09:00",
            },
            "id_fact-occurred_at",
            ["When it happened is in the future"],
        ),
        (
            "claim_fact_record",
            [],
            {"fact-kind": "request.decided", "fact-request_seq": "1", "fact-decision": "approved"},
            "id_fact-request_seq",
            ["Select a valid choice. 1 is not one of the available choices."],
        ),
    ]


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["plain", "htmx"])
@pytest.mark.parametrize("case", range(6))
def test_bad_input_is_refused_next_to_its_field_and_writes_nothing(case, headers, book, login):
    # given
    name, extra_args, data, field_id, errors = _bad_inputs(book)[case]
    client = login(NSW_ADJUSTER)
    before = _event_count()
    statuses = dict(Obligation.objects.values_list("pk", "status"))

    # when
    response = client.post(
        reverse(f"web:{name}", args=[book.other_claim.number, *extra_args]), data, headers=headers
    )

    # then
    assert response.status_code == 200
    field = field_id.rsplit("-", 1)[1]
    assert response.context["form"].errors == {field: errors}
    html = response.content.decode()
    assert _field_error_html(field_id, escape(errors[0])) in html
    assert ("<html" in html) is (not headers)
    assert _event_count() == before
    assert dict(Obligation.objects.values_list("pk", "status")) == statuses


def test_waiving_an_obligation_already_done_is_refused_on_the_form(book, login):
    # given
    obligation = _obligation(book.other_claim, "nsw.liability_decision")
    client = login(NSW_ADJUSTER)
    url = reverse("web:claim_obligation_waive", args=[book.other_claim.number, obligation.pk])
    client.post(url, {f"waive-{obligation.pk}-reason": "Decided by phone."})
    before = _event_count()

    # when
    response = client.post(url, {f"waive-{obligation.pk}-reason": "Again."})

    # then
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == ["Obligation is already waived"]
    assert _event_count() == before


# What the forms write -----------------------------------------------------------------------------


def test_waiving_writes_an_event_and_the_row_turns_waived(book, login):
    # given
    claim = book.other_claim
    obligation = _obligation(claim, "nsw.initial_contact_doctor")
    client = login(NSW_ADJUSTER)

    # when
    response = client.post(
        reverse("web:claim_obligation_waive", args=[claim.number, obligation.pk]),
        {f"waive-{obligation.pk}-reason": "No nominated treating doctor yet."},
        headers=HTMX,
    )

    # then
    event = ClaimEvent.objects.get(claim=claim, kind=EventKind.OBLIGATION_WAIVED)
    assert event.payload["key"] == obligation.key
    assert event.payload["reason"] == "No nominated treating doctor yet."
    obligation.refresh_from_db()
    assert obligation.status == ObligationStatus.WAIVED
    assert obligation.closed_seq == event.seq
    assert response.status_code == 200
    assert response["HX-Trigger"] == "claim-changed"
    html = response.content.decode()
    assert "<html" not in html
    row = _row_html(html, obligation)
    assert "Waived</span>" in row
    assert (
        f'Waived by <a href="#event-{event.seq}">#{event.seq}</a>: No nominated treating doctor yet.' in row
    )
    assert "Waive this obligation" not in row


def test_waiving_without_htmx_redirects_to_the_claim_page(book, login):
    # given
    claim = book.other_claim
    obligation = _obligation(claim, "nsw.initial_contact_doctor")

    # when
    response = login(NSW_ADJUSTER).post(
        reverse("web:claim_obligation_waive", args=[claim.number, obligation.pk]),
        {f"waive-{obligation.pk}-reason": "No nominated treating doctor yet."},
    )

    # then
    assert response.status_code == 302
    assert response["Location"] == reverse("web:claim_detail", args=[claim.number]) + "#obligations"


def test_recording_a_notice_sent_satisfies_the_matching_obligation(book, login):
    # given: liability accepted today; the written notice is due in 2 business days
    claim = claim_transition(actor=book.users[NSW_ADJUSTER], claim=book.other_claim, to_status="accepted")
    notice = _obligation(claim, "nsw.liability_notice")
    assert notice.status == ObligationStatus.OPEN
    client = login(NSW_ADJUSTER)

    # when
    response = client.post(
        reverse("web:claim_fact_record", args=[claim.number]),
        {
            "fact-kind": "notice.sent",
            "fact-notice": "liability_decision",
            "fact-recipients": ["worker", "employer"],
            "fact-channel": "email",
            "fact-summary": "Accepted; PIAWE and its calculation enclosed.",
        },
        headers=HTMX,
    )

    # then
    event = ClaimEvent.objects.get(claim=claim, kind=EventKind.NOTICE_SENT)
    assert event.payload == {
        "notice": "liability_decision",
        "recipients": ["worker", "employer"],
        "channel": "email",
        "summary": "Accepted; PIAWE and its calculation enclosed.",
        # recorded by hand, not issued from OpenComp's letters: no letter, document or deliveries
        "letter_id": None,
        "document_id": None,
        "template": "",
        "deliveries": [],
    }
    notice.refresh_from_db()
    assert notice.status == ObligationStatus.SATISFIED
    assert notice.satisfied_seq == event.seq
    html = response.content.decode()
    assert f"Notice sent recorded (#{event.seq})." in html
    assert response["HX-Trigger"] == "claim-changed"
    assert f'Done by <a href="#event-{event.seq}">#{event.seq} Notice sent</a> on 2 Nov 2026' in _row_html(
        html, notice
    )


def test_when_it_happened_is_read_in_the_users_time_zone(book, login):
    # given: Harbour is at home in NSW, so its adjusters type Sydney time (AEDT, UTC+11)
    Organisation.objects.filter(pk=book.other_insurer.pk).update(jurisdiction="NSW")
    client = login(NSW_ADJUSTER)

    # when
    client.post(
        reverse("web:claim_fact_record", args=[book.other_claim.number]),
        {
            "fact-kind": "milestone.recorded",
            "fact-milestone": "recovery_screen",
            "fact-occurred_at": "2026-10-29T10:15",
        },
    )

    # then
    event = ClaimEvent.objects.get(claim=book.other_claim, kind=EventKind.MILESTONE_RECORDED)
    assert event.occurred_at == dt.datetime(2026, 10, 28, 23, 15, tzinfo=dt.UTC)


def test_a_report_filed_satisfies_the_first_report_obligation(book, login):
    # given
    client = login("adjuster")

    # when
    client.post(
        reverse("web:claim_fact_record", args=[book.claim.number]),
        {
            "fact-kind": "report.filed",
            "fact-report": "first_report_of_injury",
            "fact-filed_with": "Colorado Division of Workers' Compensation",
            "fact-occurred_at": "2026-10-29T10:15",
        },
    )

    # then
    event = ClaimEvent.objects.get(claim=book.claim, kind=EventKind.REPORT_FILED)
    assert event.payload["filed_with"] == "Colorado Division of Workers' Compensation"
    assert _obligation(book.claim, "co.first_report_division").status == ObligationStatus.SATISFIED


def test_a_diary_entry_becomes_an_obligation_and_marking_it_done_closes_it(book, login):
    # given
    claim = book.other_claim
    client = login(NSW_ADJUSTER)
    client.post(
        reverse("web:claim_diary_entry_add", args=[claim.number]),
        {"diary-title": "Chase the wage schedule", "diary-due_on": "2026-11-05", "diary-details": "From HR."},
        headers=HTMX,
    )
    entry = _obligation(claim, "diary.entry")
    row = _row_html(_page(client, claim).content.decode(), entry)
    assert "Chase the wage schedule" in row
    assert "From HR." in row
    assert "Thu 5 Nov 2026" in row

    # when
    response = client.post(
        reverse("web:claim_obligation_complete", args=[claim.number, entry.pk]),
        {f"complete-{entry.pk}-note": "Received by email."},
        headers=HTMX,
    )

    # then
    done = ClaimEvent.objects.get(claim=claim, kind=EventKind.DIARY_ENTRY_COMPLETED)
    assert done.payload == {"entry_seq": entry.trigger_seq, "note": "Received by email."}
    entry.refresh_from_db()
    assert entry.status == ObligationStatus.SATISFIED
    assert f"Diary entry done (#{done.seq})." in response.content.decode()


def test_a_request_for_information_is_followed_up_and_marked_received(book, login):
    # given
    claim = book.other_claim
    client = login(NSW_ADJUSTER)
    client.post(
        reverse("web:claim_info_request_add", args=[claim.number]),
        {
            "info-party": "provider",
            "info-party_name": "Dr Lee",
            "info-what": "Clinical notes since the injury",
            "info-due_on": "2026-11-09",
        },
    )
    request = _obligation(claim, "diary.info_request")
    row = _row_html(_page(client, claim).content.decode(), request)
    assert '<div class="obligation__title">Clinical notes since the injury</div>' in row
    assert "Asked of Dr Lee (treating provider)" in row
    assert "Information received</summary>" in row

    # when
    client.post(reverse("web:claim_obligation_complete", args=[claim.number, request.pk]), {})

    # then
    assert ClaimEvent.objects.get(claim=claim, kind=EventKind.INFO_RECEIVED).payload["request_seq"] == (
        request.trigger_seq
    )
    request.refresh_from_db()
    assert request.status == ObligationStatus.SATISFIED


def test_statutory_obligations_cannot_be_ticked_off(book, login):
    # given
    obligation = _obligation(book.other_claim, "nsw.liability_decision")

    # when
    html = _page(login(NSW_ADJUSTER), book.other_claim).content.decode()

    # then
    row = _row_html(html, obligation)
    assert "Waive this obligation" in row
    assert "Mark done" not in row


# The fact form ------------------------------------------------------------------------------------


def test_the_fact_chooser_offers_the_facts_the_clocks_run_on(book, login):
    # given / when
    response = _page(login(NSW_ADJUSTER), book.other_claim)

    # then
    choices = response.context["obligations_panel"].kind_form.fields["kind"].choices
    assert [label for _value, label in choices] == [
        "Choose…",
        "Notice sent",
        "Report filed",
        "Request received",
        "Request acknowledged",
        "Request decided",
        "Request completed",
        "Date scheduled",
        "Work status recorded",
        "Milestone",
        "Weekly payments commenced",
        "Weekly payments suspended",
        "Maximum medical improvement recorded",
    ]
    assert len(FACT_KINDS) == 12
    assert response.context["obligations_panel"].fact_form is None


def test_the_fact_form_has_the_fields_of_the_chosen_kind(book, login):
    # given
    client = login(NSW_ADJUSTER)

    # when
    response = client.get(
        reverse("web:claim_obligations", args=[book.other_claim.number]),
        {"fact-kind": "work_status.recorded"},
        headers=HTMX,
    )

    # then
    form = response.context["panel"].fact_form
    html = response.content.decode()
    assert "<html" not in html
    assert list(form.fields) == [
        "kind",
        "capacity",
        "from_date",
        "to_date",
        "restrictions",
        "certificate",
        "provider_name",
        "occurred_at",
    ]
    assert [value for value, _label in form.fields["capacity"].choices] == ["", "full", "partial", "none"]
    assert '<input type="date" name="fact-from_date" required id="id_fact-from_date">' in html
    assert '<input type="date" name="fact-to_date" id="id_fact-to_date">' in html
    assert '<input type="checkbox" name="fact-certificate" id="id_fact-certificate" checked>' in html
    assert '<textarea name="fact-restrictions"' in html
    assert '<input type="datetime-local" name="fact-occurred_at"' in html


def test_a_notice_offers_its_recipients_as_checkboxes(book, login):
    # given / when
    response = _page(login(NSW_ADJUSTER), book.other_claim, **{"fact-kind": "notice.sent"})

    # then
    html = response.content.decode()
    assert 'name="fact-recipients" value="worker" id="id_fact-recipients_0"' in html
    assert '<option value="letter" selected>Letter</option>' in html


def test_an_answer_to_a_request_chooses_among_the_claims_requests_received(book, login):
    # given
    claim = book.other_claim
    client = login(NSW_ADJUSTER)
    client.post(
        reverse("web:claim_fact_record", args=[claim.number]),
        {
            "fact-kind": "request.received",
            "fact-subject": "treatment",
            "fact-received_on": "2026-11-02",
            "fact-from_party": "provider",
        },
    )
    received = ClaimEvent.objects.get(claim=claim, kind=EventKind.REQUEST_RECEIVED)

    # when
    offered = _page(client, claim, **{"fact-kind": "request.decided"})
    response = client.post(
        reverse("web:claim_fact_record", args=[claim.number]),
        {"fact-kind": "request.decided", "fact-request_seq": str(received.seq), "fact-decision": "approved"},
        headers=HTMX,
    )

    # then
    field = offered.context["obligations_panel"].fact_form.fields["request_seq"]
    assert field.choices == [
        ("", "Choose…"),
        (received.seq, f"#{received.seq} Treatment or medical service, received 2 Nov 2026"),
    ]
    decided = ClaimEvent.objects.get(claim=claim, kind=EventKind.REQUEST_DECIDED)
    assert decided.payload == {"request_seq": received.seq, "decision": "approved", "reason": ""}
    assert response.status_code == 200


def test_the_panel_alone_is_a_page_of_its_own_without_htmx(book, login):
    # given
    client = login(NSW_ADJUSTER)
    url = reverse("web:claim_obligations", args=[book.other_claim.number])

    # when
    page = client.get(url).content.decode()
    partial = client.get(url, headers=HTMX).content.decode()

    # then
    assert "<html" in page
    assert f"Claim {book.other_claim.number}: deadlines and diary" in page
    assert partial.strip().startswith('<section id="obligations"')

"""The demo book: ``seed-demo`` builds a book that upholds every rule the services would."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.db.models import Max

from opencomp.accounts.enums import EmployerPolicy, OrganisationKind, Role
from opencomp.accounts.models import Notification, Organisation, User
from opencomp.claims import lifecycle
from opencomp.claims.access import claim_queryset_for_user
from opencomp.claims.enums import EventKind, Sensitivity
from opencomp.claims.events import REFERENCES, validate_payload
from opencomp.claims.models import Claim, ClaimEvent, ClaimNumberSequence, ClaimParticipant
from opencomp.claims.services import claim_create_from_report
from opencomp.core import clock
from opencomp.core.models import AuditEntry
from opencomp.deadlines.models import Obligation, ObligationStatus, Obligor
from opencomp.deadlines.selectors import diary_for
from opencomp.deadlines.services import ENGINE_FIELDS, escalations_run, obligation_row, obligations_compute
from opencomp.demo import DEMO_PASSWORD, DEMO_USERS
from opencomp.demo.book import check_paths
from opencomp.intake.models import DrugAlcoholTest, Incident, InjuryReport, SupervisorReport
from opencomp.intake.services import ALCOHOL_TEST_WINDOW, DRUG_TEST_WINDOW
from opencomp.jurisdictions import JURISDICTIONS
from opencomp.parties.models import Employment, Establishment, WageRecord, Worker

N = 60
SEED = 424242
NOW = dt.datetime(2026, 11, 2, 15, 0, tzinfo=dt.UTC)
NUMBER = re.compile(r"^(CO|CT|MN|NSW)-(\d{2})-(\d{6})$")


def _seed(**options) -> str:
    out = StringIO()
    call_command("seed_demo", claims=N, seed=SEED, stdout=out, **options)
    return out.getvalue()


@pytest.fixture(scope="module")
def demo_output(django_db_setup, django_db_blocker):
    """One book of ``N`` claims for the whole module, rolled back at the end."""
    with django_db_blocker.unblock(), time_machine.travel(NOW, tick=True), transaction.atomic():
        output = _seed()
        yield output
        transaction.set_rollback(True)


@pytest.fixture
def book(demo_output, db):
    return demo_output


def _users() -> dict[str, User]:
    return {role: User.objects.get(username=username) for role, username in DEMO_USERS.items()}


@pytest.mark.smoke
def test_every_demo_login_exists_with_its_role_and_the_demo_password(book):
    for role, username in DEMO_USERS.items():
        user = User.objects.get(username=username)
        assert user.role == role
        assert authenticate(username=username, password=DEMO_PASSWORD) == user
    assert "Demo logins:" in book
    assert DEMO_PASSWORD in book


def test_every_status_and_every_jurisdiction_is_in_the_book(book):
    assert Claim.objects.count() == N
    assert set(Claim.objects.values_list("status", flat=True)) == set(lifecycle.STATUSES)
    assert set(Claim.objects.values_list("jurisdiction", flat=True)) == set(JURISDICTIONS)
    assert set(Claim.objects.values_list("claim_type", flat=True)) == {"medical_only", "lost_time"}
    assert Claim.objects.filter(jurisdiction="NSW", significant_injury=True).exists()


def test_every_event_log_is_a_legal_history_that_matches_its_claim(book):
    events: dict[int, list[ClaimEvent]] = defaultdict(list)
    for event in ClaimEvent.objects.order_by("claim_id", "seq"):
        events[event.claim_id].append(event)
    participants = {p.pk: p for p in ClaimParticipant.objects.all()}
    kinds_seen: set[str] = set()
    sensitivities: set[str] = set()
    for claim in Claim.objects.all():
        log = events[claim.pk]
        k = len(log)
        assert [e.seq for e in log] == list(range(1, k + 1)), claim.number
        assert claim.last_event_seq == k
        first = log[0]
        assert first.kind == EventKind.CLAIM_CREATED
        assert first.payload["worker_id"] == claim.worker_id
        assert first.payload["employer_id"] == claim.employer_id
        assert first.payload["notification_date"] == claim.notification_date.isoformat()
        assert first.payload["source_report_id"] == claim.source_report_id
        assert claim.created_at == first.recorded_at
        assert claim.updated_at == log[-1].recorded_at

        status, changed_at, adjuster = lifecycle.REPORTED, first.recorded_at, None
        tz = ZoneInfo(JURISDICTIONS[claim.jurisdiction].time_zone)
        injury_start = dt.datetime.combine(claim.injury_date, dt.time(), tzinfo=tz)
        previous = None
        for event in log:
            kinds_seen.add(event.kind)
            sensitivities.add(event.sensitivity)
            assert validate_payload(event.kind, event.payload) == event.payload
            assert injury_start <= event.occurred_at <= event.recorded_at <= NOW + dt.timedelta(minutes=5)
            batch = event.kind == EventKind.OBLIGATION_ESCALATED or (
                event.kind == EventKind.BENEFIT_PERIOD_PAID and event.payload.get("schedule_id")
            )
            if previous is not None and batch:
                # the escalation sweep and the payment run write their events together, at one instant
                assert event.occurred_at >= previous.occurred_at
                assert event.recorded_at >= previous.recorded_at
            elif previous is not None:
                assert event.occurred_at > previous.occurred_at
                assert event.recorded_at > previous.recorded_at
            previous = event
            if event.kind == EventKind.STATUS_CHANGED:
                assert event.payload["from_status"] == status
                lifecycle.check_transition(status, event.payload["to_status"])
                if event.payload["to_status"] in lifecycle.REASON_REQUIRED:
                    assert event.payload["reason"]
                status, changed_at = event.payload["to_status"], event.recorded_at
            elif event.kind == EventKind.ASSIGNED:
                assert event.payload["from_adjuster_id"] == adjuster
                assert event.payload["to_adjuster_id"] != adjuster
                adjuster = event.payload["to_adjuster_id"]
            elif event.kind == EventKind.PARTICIPANT_ADDED:
                participant = participants[event.payload["participant_id"]]
                assert participant.claim_id == claim.pk
                assert participant.role == event.payload["role"]
                assert participant.added_at == event.recorded_at
            elif event.kind == EventKind.MEDICAL_NOTE:
                assert event.sensitivity in (Sensitivity.MEDICAL, Sensitivity.RESTRICTED_MEDICAL)
        assert claim.status == status, claim.number
        assert claim.status_changed_at == changed_at
        assert claim.assigned_adjuster_id == adjuster
        if adjuster is not None:
            assert claim.assigned_adjuster.organisation_id == claim.administrator_id
    assert kinds_seen >= {
        EventKind.CLAIM_CREATED,
        EventKind.STATUS_CHANGED,
        EventKind.ASSIGNED,
        EventKind.PARTICIPANT_ADDED,
        EventKind.ACTIVITY_LOGGED,
        EventKind.NOTE_ADDED,
        EventKind.MEDICAL_NOTE,
        # the facts the statutory clocks start and stop on, and the adjuster's diary
        EventKind.NOTICE_SENT,
        EventKind.REPORT_FILED,
        EventKind.REQUEST_RECEIVED,
        EventKind.REQUEST_DECIDED,
        EventKind.WORK_STATUS_RECORDED,
        EventKind.MILESTONE_RECORDED,
        EventKind.INDEMNITY_COMMENCED,
        EventKind.TEST_RECORDED,
        EventKind.OBLIGATION_WAIVED,
        EventKind.OBLIGATION_ESCALATED,
        EventKind.DIARY_ENTRY_ADDED,
        EventKind.DIARY_ENTRY_COMPLETED,
        EventKind.INFO_REQUESTED,
        EventKind.INFO_RECEIVED,
    }
    assert Sensitivity.RESTRICTED_MEDICAL in sensitivities
    assert (
        ClaimParticipant.objects.count()
        == ClaimEvent.objects.filter(kind=EventKind.PARTICIPANT_ADDED).count()
    )


def test_claims_belong_to_the_right_administrator_and_employment(book):
    for claim in Claim.objects.select_related("employer", "employment", "establishment"):
        assert claim.employer.kind in OrganisationKind.employer_kinds()
        assert claim.administrator_id == claim.employer.claims_administrator_or_self().pk
        assert claim.jurisdiction == claim.employer.jurisdiction
        assert claim.employment.worker_id == claim.worker_id
        assert claim.employment.employer_id == claim.employer_id
        assert claim.establishment.organisation_id == claim.employer_id
        assert claim.injury_date <= claim.employer_knowledge_date <= claim.notification_date
        assert claim.employment.hire_date < claim.injury_date
    assert not Claim.objects.filter(jurisdiction="CT").exclude(administrator__kind="tpa").exists()
    assert not Claim.objects.filter(employer__kind="pool_member").exclude(administrator__kind="pool").exists()
    for member in Organisation.objects.filter(kind="pool_member"):
        assert member.parent.kind == "pool"
        assert member.claims_administrator_id == member.parent_id
    for est in Establishment.objects.all():
        assert re.fullmatch(r"\d{6}", est.naics_code)


def test_claim_numbers_follow_the_sequence_and_it_continues(book):
    by_key: dict[tuple[str, int], list[tuple[int, dt.datetime]]] = defaultdict(list)
    for number, jurisdiction, notified, created in Claim.objects.values_list(
        "number", "jurisdiction", "notification_date", "created_at"
    ):
        match = NUMBER.match(number)
        assert match, number
        assert match.group(1) == jurisdiction
        assert int(match.group(2)) == notified.year % 100
        by_key[(jurisdiction, notified.year)].append((int(match.group(3)), created))
    sequences = {(s.jurisdiction, s.year): s.last for s in ClaimNumberSequence.objects.all()}
    assert set(sequences) == set(by_key)
    for key, issued in by_key.items():
        issued.sort()
        assert [n for n, _ in issued] == list(range(1, len(issued) + 1))
        assert sequences[key] == len(issued)
        created = [c for _, c in issued]
        assert created == sorted(created), key


def test_workers_employments_and_wages_are_plausible(book):
    assert Worker.objects.count() >= N // 2
    assert Worker.objects.filter(interpreter_required=True).exists()
    assert Worker.objects.exclude(preferred_language="English").exists()
    for employment in Employment.objects.select_related("worker", "employer"):
        assert employment.employer.is_employer
        assert employment.hire_date >= employment.worker.date_of_birth + dt.timedelta(days=18 * 365)
    wages = list(WageRecord.objects.select_related("employment"))
    assert wages
    for wage in wages:
        assert wage.period_start <= wage.period_end
        assert wage.period_start >= wage.employment.hire_date
        assert wage.amount > 0


def test_intake_records_follow_the_intake_rules(book):
    reports = list(InjuryReport.objects.select_related("worker", "incident"))
    statuses = {r.status for r in reports}
    assert statuses == {"submitted", "converted", "withdrawn"}
    claimed = set(Claim.objects.exclude(source_report=None).values_list("source_report_id", flat=True))
    for report in reports:
        assert report.reported_to_employer_on >= report.injury_date
        assert report.worker.employments.filter(employer_id=report.employer_id).exists()
        assert (report.pk in claimed) == (report.status == "converted")
        if report.incident is not None:
            assert report.incident.status == "reported"
            assert report.incident.employer_id == report.employer_id
    first_aid = Incident.objects.filter(status="logged")
    assert first_aid.count() >= N // 2 - 5
    assert set(first_aid.values_list("outcome", flat=True)) <= {"first_aid_only", "no_treatment"}
    for sup in SupervisorReport.objects.all():
        assert not sup.hazard_found or sup.hazard_description
        assert sup.hazard_found or not sup.hazard_abated
        assert not sup.safety_rule_violation or sup.violation_details
        assert sup.safety_equipment_required or not sup.safety_equipment_used
    tests = list(DrugAlcoholTest.objects.select_related("report"))
    for test in tests:
        tz = ZoneInfo(JURISDICTIONS[test.report.jurisdiction].time_zone)
        assert test.accident_at.astimezone(tz).date() == test.report.injury_date
        if test.reason == "not_required":
            assert test.alcohol_tested_at is None
            assert test.drug_tested_at is None
            continue
        for tested_at, result, window in (
            (test.alcohol_tested_at, test.alcohol_result, ALCOHOL_TEST_WINDOW),
            (test.drug_tested_at, test.drug_result, DRUG_TEST_WINDOW),
        ):
            if tested_at is None:
                assert result == "not_tested"
                assert test.reason_not_tested.strip()
            else:
                assert test.accident_at <= tested_at <= test.accident_at + window
                assert result != "not_tested"


def test_each_login_sees_a_rich_book(book):
    users = _users()
    worker_claims = claim_queryset_for_user(users["worker"])
    assert worker_claims.count() >= 2
    assert users["worker"].worker_profile.claims.count() == worker_claims.count()
    assert claim_queryset_for_user(users["provider"]).count() >= 2
    assert (
        ClaimParticipant.objects.filter(provider__user=users["provider"], role="treating_doctor").count() >= 2
    )
    adjuster_claims = claim_queryset_for_user(users["adjuster"])
    assert len(set(adjuster_claims.values_list("status", flat=True))) >= 5
    assert adjuster_claims.filter(assigned_adjuster=users["adjuster"]).exists()
    for role in ("employer_supervisor", "employer_coordinator"):
        assert claim_queryset_for_user(users[role]).count() >= 5
    assert claim_queryset_for_user(users["pool_administrator"]).count() >= 2
    officer = claim_queryset_for_user(users["compliance_officer"])
    assert officer.exists()
    assert set(officer.values_list("jurisdiction", flat=True)) == {"CO"}
    assert claim_queryset_for_user(users["admin"]).count() == N
    assert users["auditor"].organisation_id == users["adjuster"].organisation_id


def test_the_adjuster_can_turn_a_waiting_report_into_a_claim(book, frozen_now):
    adjuster = User.objects.get(username=DEMO_USERS["adjuster"])
    report = InjuryReport.objects.filter(status="submitted", employer=adjuster.organisation).first()
    assert report is not None
    last = (
        ClaimNumberSequence.objects.filter(jurisdiction="CO", year=2026)
        .values_list("last", flat=True)
        .first()
    )

    claim = claim_create_from_report(actor=adjuster, report=report, claim_type="medical_only")

    assert claim.number == f"CO-26-{(last or 0) + 1:06d}"
    report.refresh_from_db()
    assert report.status == "converted"


def test_the_same_seed_builds_the_same_book(book):
    def snapshot():
        return (
            list(
                Claim.objects.order_by("number").values_list("number", "status", "claim_type", "injury_date")
            ),
            list(Worker.objects.order_by("pk").values_list("given_name", "family_name", "date_of_birth")),
            ClaimEvent.objects.count(),
        )

    with time_machine.travel(NOW, tick=True):
        first = snapshot()
        _seed(reset=True, quiet=True, no_copy=True)  # on PostgreSQL: bulk_create instead of COPY
        second = snapshot()
    assert first == second
    assert len(first[0]) == N
    assert AuditEntry.objects.filter(action="demo.book_seeded").count() == 1


def test_reset_keeps_the_event_log_append_only(book):
    with time_machine.travel(NOW, tick=True):
        _seed(reset=True, quiet=True)
    event = ClaimEvent.objects.first()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cur:
        cur.execute("DELETE FROM claims_claimevent WHERE id = %s", [event.pk])
    assert ClaimEvent.objects.filter(pk=event.pk).exists()


def test_refuses_a_database_that_holds_claims_and_changes_nothing(book):
    before = (Claim.objects.count(), ClaimEvent.objects.count(), User.objects.count(), Worker.objects.count())

    with pytest.raises(CommandError, match=r"already holds .*claims.*--reset"):
        _seed()

    assert (
        Claim.objects.count(),
        ClaimEvent.objects.count(),
        User.objects.count(),
        Worker.objects.count(),
    ) == before


def test_if_empty_leaves_a_loaded_database_alone(book):
    before = Claim.objects.count()

    output = _seed(if_empty=True)

    assert "was not loaded" in output
    assert Claim.objects.count() == before


def test_every_status_path_of_the_generator_is_legal():
    check_paths()


# --- the statutory record and the adjuster's diary -------------------------------------------


def _logs() -> dict[int, dict[int, ClaimEvent]]:
    logs: dict[int, dict[int, ClaimEvent]] = defaultdict(dict)
    for event in ClaimEvent.objects.order_by("claim_id", "seq"):
        logs[event.claim_id][event.seq] = event
    return logs


def _local_day(event: ClaimEvent, jurisdiction: str) -> str:
    return event.occurred_at.astimezone(ZoneInfo(JURISDICTIONS[jurisdiction].time_zone)).date().isoformat()


def test_every_generated_payload_validates_and_its_dates_are_the_days_things_happened(book):
    jurisdiction = dict(Claim.objects.values_list("pk", "jurisdiction"))
    kinds: Counter[str] = Counter()
    for claim_id, log in _logs().items():
        for event in log.values():
            kinds[event.kind] += 1
            assert validate_payload(event.kind, event.payload) == event.payload, (claim_id, event.seq)
            day = _local_day(event, jurisdiction[claim_id])
            payload = event.payload
            if event.kind == EventKind.REQUEST_RECEIVED:
                assert payload["received_on"] == day
            elif event.kind == EventKind.WORK_STATUS_RECORDED:
                assert payload["from_date"] == day
                assert payload["to_date"] is None or payload["to_date"] > day
            elif event.kind == EventKind.INDEMNITY_COMMENCED:
                assert payload["first_payment_on"] == day
                assert payload["first_day"] <= day
            elif event.kind in (EventKind.DIARY_ENTRY_ADDED, EventKind.INFO_REQUESTED):
                assert payload["due_on"] >= day
    assert kinds[EventKind.OBLIGATION_WAIVED] < kinds[EventKind.CLAIM_CREATED]  # occasional


def test_references_name_earlier_events_of_the_right_kind(book):
    obligations = {(o.claim_id, o.key): o for o in Obligation.objects.all()}
    checked: Counter[str] = Counter()
    for claim_id, log in _logs().items():
        for seq, event in log.items():
            if event.kind in REFERENCES:
                field, wanted = REFERENCES[event.kind]
                target = log[event.payload[field]]
                assert target.seq < seq
                assert target.kind == wanted, (claim_id, seq)
                checked[event.kind] += 1
            elif event.kind in (EventKind.OBLIGATION_WAIVED, EventKind.OBLIGATION_ESCALATED):
                rule_id, trigger, *_instance = event.payload["key"].split("#")
                assert rule_id == event.payload["rule_id"]
                assert int(trigger) < seq
                row = obligations[(claim_id, event.payload["key"])]
                assert row.rule_id == rule_id
                assert row.title == event.payload["title"]
                if event.kind == EventKind.OBLIGATION_WAIVED:  # waived, unless settled before it
                    settled = min(s for s in (row.satisfied_seq, row.closed_seq) if s is not None)
                    assert (settled == seq and row.status == ObligationStatus.WAIVED) or settled < seq
                    if row.status == ObligationStatus.WAIVED:
                        assert row.waiver_reason == event.payload["reason"]
                else:
                    assert row.escalated_seq == seq
                checked[event.kind] += 1
    assert set(checked) >= {
        EventKind.REQUEST_DECIDED,
        EventKind.DIARY_ENTRY_COMPLETED,
        EventKind.INFO_RECEIVED,
        EventKind.OBLIGATION_WAIVED,
        EventKind.OBLIGATION_ESCALATED,
    }


def test_the_obligations_table_is_what_the_engine_gives_claim_by_claim(book):
    now = clock.now()
    actual = {
        (claim_id, key): tuple(rest)
        for claim_id, key, *rest in Obligation.objects.values_list("claim_id", "key", *ENGINE_FIELDS)
    }
    expected = {}
    for claim in Claim.objects.select_related("employer"):
        for o in obligations_compute(claim):
            row = obligation_row(claim.pk, o, now)
            expected[(claim.pk, o.key)] = tuple(getattr(row, f) for f in ENGINE_FIELDS)
    assert actual == expected
    # a living diary: most things done on time, a share late, some waived, some still to do
    statuses = Counter(Obligation.objects.values_list("status", flat=True))
    assert {"satisfied", "late", "waived", "open", "cancelled"} <= set(statuses)
    done = statuses["satisfied"] + statuses["late"]
    assert 0.02 <= statuses["late"] / done <= 0.2
    assert statuses["satisfied"] > 4 * statuses["open"]


def test_overdue_obligations_were_escalated_once_with_a_notice_to_the_supervisors(book):
    sweep = ClaimEvent.objects.filter(kind=EventKind.OBLIGATION_ESCALATED).aggregate(at=Max("occurred_at"))[
        "at"
    ]
    assert sweep is not None
    overdue = Obligation.objects.filter(
        status=ObligationStatus.OPEN, obligor=Obligor.ADMINISTRATOR, due_at__lt=sweep
    )
    assert overdue.exists()
    assert not overdue.filter(escalated_seq=None).exists()
    escalated = Obligation.objects.exclude(escalated_seq=None)
    assert escalated.count() == ClaimEvent.objects.filter(kind=EventKind.OBLIGATION_ESCALATED).count()
    notices = Notification.objects.filter(subject__startswith="Overdue on")
    assert notices.count() == escalated.count()  # one supervisor per administrator in the book
    assert set(notices.values_list("recipient__role", flat=True)) == {Role.SUPERVISOR}
    assert notices.filter(recipient__username=DEMO_USERS["supervisor"]).exists()
    assert escalations_run(now=sweep) == 0


def test_the_demo_adjuster_has_a_diary_in_every_bucket(book):
    adjuster = User.objects.get(username=DEMO_USERS["adjuster"])
    diary = diary_for(adjuster, now=NOW + dt.timedelta(hours=1), today=NOW.date())
    assert diary.overdue
    assert diary.due_today
    assert diary.next_7_days
    every = [*diary.overdue, *diary.due_today, *diary.next_7_days]
    assert any(not o.rule_id.startswith("diary.") for o in every)  # statutory clocks, not only follow-ups
    assert all(o.overdue(NOW + dt.timedelta(hours=1)) for o in diary.overdue)
    assert all(o.escalated_seq for o in diary.overdue)
    recent = Claim.objects.filter(
        assigned_adjuster=adjuster, notification_date__gte=NOW.date() - dt.timedelta(days=40)
    )
    assert recent.count() >= 4
    assert "Demo adjuster (adjuster):" in book
    assert re.search(r"Deadlines: [\d,]+ obligations", book)


def test_employer_policies_and_the_clocks_they_add(book):
    adjuster = User.objects.get(username=DEMO_USERS["adjuster"])
    city = adjuster.organisation
    assert sorted(city.policies) == sorted(
        [EmployerPolicy.MODIFIED_DUTY_PROGRAM, EmployerPolicy.POST_ACCIDENT_TESTING]
    )
    for org in Organisation.objects.exclude(pk=city.pk):
        expected = [EmployerPolicy.LIGHT_DUTY_REVIEW] if org.kind == "pool_member" else []
        assert org.policies == expected, org.name
    # The city's policy: every accident has its test record on the claim, or a waiver saying why not.
    tests = {t.report_id: t.pk for t in DrugAlcoholTest.objects.all()}
    for claim in Claim.objects.filter(employer=city):
        events = claim.events.filter(kind=EventKind.TEST_RECORDED)
        if claim.source_report_id in tests:
            assert [e.payload["test_id"] for e in events] == [tests[claim.source_report_id]]
        else:
            assert claim.events.filter(kind=EventKind.OBLIGATION_WAIVED).count() >= 2
    rules = set(Obligation.objects.filter(claim__employer=city).values_list("rule_id", flat=True))
    assert {"co.alcohol_test", "co.drug_test", "co.modified_duty_letter"} <= rules
    assert not Obligation.objects.exclude(claim__employer=city).filter(rule_id="co.alcohol_test").exists()


def test_death_claims_are_rare_and_told_as_death_claims(book):
    fatal = Claim.objects.filter(fatal=True)
    assert 1 <= fatal.count() <= max(2, N // 50)
    for claim in fatal:
        assert claim.claim_type == "lost_time"
        assert not claim.significant_injury
        activities = claim.events.filter(kind=EventKind.ACTIVITY_LOGGED)
        assert activities.filter(payload__party="family").exists()
        assert not activities.filter(payload__party="worker").exists()
        assert not claim.events.filter(kind=EventKind.STATUS_CHANGED, payload__to_status="denied").exists()
        if claim.jurisdiction == "NSW":
            rules = set(claim.obligations.values_list("rule_id", flat=True))
            assert {"nsw.death_investigation", "nsw.death_family_contact", "nsw.death_liability"} <= rules


def test_claims_waiting_for_a_decision_get_one_with_its_letter(book):
    from opencomp.letters.models import Letter

    letters = list(Letter.objects.select_related("claim", "document"))
    # the small test book has no CT claim still waiting with both addresses; the 300-claim demo has
    assert {letter.claim.jurisdiction for letter in letters} >= {"NSW", "CO", "MN"}
    for letter in letters:
        decided = ClaimEvent.objects.get(claim=letter.claim, seq=letter.subject_seq)
        sent = ClaimEvent.objects.get(claim=letter.claim, seq=letter.notice_seq)
        assert decided.kind == EventKind.LIABILITY_DECIDED
        assert (sent.kind, sent.payload["letter_id"]) == (EventKind.NOTICE_SENT, letter.pk)
        assert sent.payload["recipients"] == ["worker", "employer"]
        # (the PDF itself went to the media root of the module's seeding, not this test's)
        assert letter.document.content_type == "application/pdf"
        assert letter.document.category == "correspondence"
        assert letter.document.size > 1000


def test_every_claim_still_handled_was_triaged_once_from_the_file(book):
    from opencomp.triage.models import TriageAssessment
    from opencomp.triage.selectors import SETTLED_STATUSES

    handled = Claim.objects.exclude(status__in=SETTLED_STATUSES)
    assert handled.exists()
    swept = TriageAssessment.objects.filter(occasion="on_file")
    assert sorted(swept.values_list("claim_id", flat=True)) == sorted(handled.values_list("pk", flat=True))
    assert not TriageAssessment.objects.filter(claim__status__in=SETTLED_STATUSES).exists()
    assert len(set(swept.values_list("band", flat=True))) >= 2  # the book is not all one band

"""A worker's request for their own information, recorded on the consent page, runs the NSW clock.

Rule ``nsw.personal_information_access`` (seed 004): access within ten business days of the
request. Maria's NSW claim here was injured Tue 1 Sep 2026; the request arrives Fri 2 Oct 2026,
just before the NSW Labour Day holiday (Mon 5 Oct 2026).
"""

from __future__ import annotations

import datetime as dt

from opencomp.claims.services import claim_assign
from opencomp.consent.services import access_request_complete, access_request_record
from opencomp.deadlines.models import Obligation
from opencomp.deadlines.tests.claims import open_claim

D = dt.date


def _nsw_claim(book):
    claim = open_claim(
        book,
        "NSW",
        injury_date=D(2026, 9, 1),
        employer_knowledge_date=D(2026, 9, 1),
        notification_date=D(2026, 9, 2),
    )
    return claim_assign(actor=None, claim=claim, adjuster=book.users["adjuster"])


def test_the_request_is_due_in_ten_business_days_over_labour_day_and_its_completion_satisfies_it(book):
    claim = _nsw_claim(book)

    request = access_request_record(
        actor=book.users["adjuster"],
        claim=claim,
        received_on=D(2026, 10, 2),
        from_party="worker",
        description="Copies of my medical reports",
    )

    # Fri 2 Oct is not counted; Mon 5 Oct is Labour Day; Tue 6 = 1, Wed 7 = 2, Thu 8 = 3,
    # Fri 9 = 4, Mon 12 = 5, Tue 13 = 6, Wed 14 = 7, Thu 15 = 8, Fri 16 = 9, Mon 19 = 10.
    obligation = Obligation.objects.get(claim=claim, rule_id="nsw.personal_information_access")
    assert (obligation.trigger_seq, obligation.status) == (request.seq, "open")
    assert obligation.due_date == D(2026, 10, 19)

    done = access_request_complete(
        actor=book.users["adjuster"],
        claim=claim,
        request_seq=request.seq,
        provided="Two medical reports",
        channel="email",
        completed_at=dt.datetime(2026, 10, 16, 3, 0, tzinfo=dt.UTC),  # Fri 16 Oct in Sydney
    )

    obligation.refresh_from_db()
    assert (obligation.status, obligation.satisfied_seq) == ("satisfied", done.seq)


def test_a_colorado_claim_has_no_such_clock(book):
    access_request_record(
        actor=book.users["adjuster"],
        claim=book.claim,
        received_on=D(2026, 10, 29),
        from_party="worker",
        description="My file",
    )

    assert not Obligation.objects.filter(claim=book.claim, rule_id="nsw.personal_information_access").exists()

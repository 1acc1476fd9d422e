"""Reads of physicians and examinations: the treating doctor and history, changes, referrals, MMI, ratings.

``impairment_current`` is the latest rating of the claim (the latest ``rated_on``, then the last
recorded): the benefits default their WPI (NSW) and the Colorado combined cap's rating from it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet

from opencomp.claims.enums import EventKind
from opencomp.claims.models import Claim, ClaimEvent
from opencomp.physicians.enums import ChangeStatus
from opencomp.physicians.models import (
    ImcReferral,
    ImeReferral,
    ImpairmentRating,
    PhysicianChangeRequest,
    TreatingDoctor,
)


def treating_doctor_current(claim: Claim) -> TreatingDoctor | None:
    return TreatingDoctor.objects.filter(claim=claim, to_date__isnull=True).first()


def treating_doctor_history(claim: Claim) -> QuerySet[TreatingDoctor]:
    """Every spell, the current first."""
    return (
        TreatingDoctor.objects.filter(claim=claim)
        .select_related("change_request")
        .order_by("-from_date", "-pk")
    )


def physician_changes(claim: Claim) -> QuerySet[PhysicianChangeRequest]:
    return PhysicianChangeRequest.objects.filter(claim=claim).order_by("-received_on", "-pk")


def physician_changes_pending(claim: Claim) -> QuerySet[PhysicianChangeRequest]:
    return physician_changes(claim).filter(status=ChangeStatus.PENDING)


def ime_referrals(claim: Claim) -> QuerySet[ImeReferral]:
    return ImeReferral.objects.filter(claim=claim).select_related("report", "previous")


def imc_referrals(claim: Claim) -> QuerySet[ImcReferral]:
    return ImcReferral.objects.filter(claim=claim).select_related("report")


def impairment_ratings(claim: Claim) -> QuerySet[ImpairmentRating]:
    return ImpairmentRating.objects.filter(claim=claim).order_by("-rated_on", "-recorded_seq")


def impairment_current(claim: Claim, *, kind: str | None = None) -> ImpairmentRating | None:
    """The claim's latest impairment rating (of ``kind``, ``ppd`` or ``wpi``, when given)."""
    ratings = impairment_ratings(claim)
    if kind is not None:
        ratings = ratings.filter(kind=kind)
    return ratings.first()


@dataclass(frozen=True)
class ImpairmentDefault:
    """A rating a calculation takes by default, and the words that say where it came from."""

    percent: Decimal
    rated_on: dt.date
    source: str


def impairment_default(claim: Claim, *, kind: str) -> ImpairmentDefault | None:
    """The latest ``kind`` rating as a default input, with "from the impairment rating of <date>"."""
    rating = impairment_current(claim, kind=kind)
    if rating is None:
        return None
    when = f"{rating.rated_on.day} {rating.rated_on:%b %Y}"
    return ImpairmentDefault(
        percent=rating.percent,
        rated_on=rating.rated_on,
        source=f"from the impairment rating of {when} ({rating.get_kind_display()}, {rating.rater_name})",
    )


def mmi_events(claim: Claim) -> QuerySet[ClaimEvent]:
    """The claim's ``mmi.recorded`` events, the latest first."""
    return ClaimEvent.objects.filter(claim=claim, kind=EventKind.MMI_RECORDED).order_by("-seq")


def mmi_current(claim: Claim) -> ClaimEvent | None:
    return mmi_events(claim).first()

"""Words of finalisation and reopening: seed 004's reasons to finalise, and why a claim reopens."""

from __future__ import annotations

from django.db import models


class FinalisationReason(models.TextChoices):
    """Why a claim is closed, in the words of seed 004's Finalisation list (NSW injury management program)."""

    PRE_INJURY_DUTIES = (
        "pre_injury_duties",
        "The worker has recovered to the point of independent management and safely returned to their "
        "pre-injury duties",
    )
    SUITABLE_EMPLOYMENT = (
        "suitable_employment",
        "The worker has returned to suitable alternative employment, has no wage loss and is not receiving "
        "further treatment",
    )
    LIABILITY_DISPUTED = (
        "liability_disputed",
        "The claim liability has been disputed, with no further proceedings",
    )
    SETTLED = "settled", "The claim has settled, and all entitlements have been completed"
    S59A_LIMIT = (
        "s59a_limit",
        "Limit on payment of compensation under section 59A of the Workers Compensation Act 1987 "
        "has been reached",
    )
    RETIREMENT_AGE = (
        "retirement_age",
        "The 12-month limit of weekly compensation payments after retirement age has been exhausted",
    )
    S39_CESSATION = (
        "s39_cessation",
        "Cessation of weekly payments after five (5) years (section 39 of the Workers Compensation Act 1987)",
    )
    THIRD_PARTY_RECOVERY = "third_party_recovery", "The recovery of costs from a third party"


class CloseTo(models.TextChoices):
    """The two end states of the claim lifecycle (``claims.lifecycle``)."""

    CLOSED = "closed", "Closed"
    FINALISED = "finalised", "Finalised"


class ReopenKind(models.TextChoices):
    RECURRENCE = "recurrence", "Recurrence of the injury"
    AGGRAVATION = "aggravation", "Aggravation of the injury"
    NEW_TREATMENT = "new_treatment", "New treatment needed"
    DECISION_SET_ASIDE = "decision_set_aside", "A decision was set aside (review, Commission)"

    @classmethod
    def needing_determination(cls) -> frozenset[str]:
        """Kinds the administrator must then determine (seed 004, Recurrence or Aggravation)."""
        return frozenset({cls.RECURRENCE, cls.AGGRAVATION})


class RecurrenceOutcome(models.TextChoices):
    ACCEPTED = "accepted", "Recurrence or aggravation accepted"
    DECLINED = "declined", "Recurrence or aggravation declined"


class IntentionParty(models.TextChoices):
    """Whom seed 004 says to tell of the intention to close: worker, employer, relevant service providers."""

    WORKER = "worker", "Worker"
    EMPLOYER = "employer", "Employer"
    PROVIDER = "provider", "Service provider"

"""Figures of the crisis intake, computed by aggregate queries (no rows in Python)."""

from django.db.models import Avg, Count, Q
from django.db.models.functions import TruncMonth

from veilignet import deadlines
from veilignet.acute.models import (
    HANDOVER_HOURS,
    CrisisForward,
    ForwardStatus,
    IntakeOutcome,
    IntakeStatus,
)


def _share(part, whole):
    return round(100 * part / whole) if whole else None


def _counts():
    """The counts behind each measure, for `annotate` or `aggregate`."""
    return {
        "concerns": Count("pk"),
        "outside": Count("pk", filter=Q(outside_office_hours=True)),
        "crisis": Count("pk", filter=Q(outcome=IntakeOutcome.CRISIS_INTERVENTION)),
    }


def _measures(row):
    """Concerns and the shares outside office hours and to crisis intervention."""
    return {
        "concerns": row["concerns"],
        "outside_share": _share(row["outside"], row["concerns"]),
        "crisis_share": _share(row["crisis"], row["concerns"]),
    }


def monthly_figures(intakes):
    """Per month (Amsterdam): concerns, share outside office hours, share leading to crisis
    intervention, and the average hours to an accepted handover. One query per measure."""
    months = (
        intakes.annotate(month=TruncMonth("received_at", tzinfo=deadlines.AMSTERDAM))
        .values("month")
        .annotate(**_counts())
        .order_by("-month")
    )
    handovers = dict(
        CrisisForward.objects.filter(intake__in=intakes, status=ForwardStatus.ACCEPTED)
        .annotate(month=TruncMonth("intake__received_at", tzinfo=deadlines.AMSTERDAM))
        .values("month")
        .annotate(minutes=Avg("minutes_to_accept"))
        .values_list("month", "minutes")
    )
    return [
        {
            "month": row["month"],
            **_measures(row),
            "hours_to_accept": _hours(handovers.get(row["month"])),
        }
        for row in months
    ]


def _hours(minutes):
    return None if minutes is None else round(minutes / 60, 1)


def totals(intakes):
    """The same measures over all of `intakes`, plus the share accepted within 24 hours."""
    row = intakes.aggregate(
        **_counts(), awaiting=Count("pk", filter=Q(status=IntakeStatus.AWAITING_HANDOVER))
    )
    accepted = CrisisForward.objects.filter(
        intake__in=intakes, status=ForwardStatus.ACCEPTED
    ).aggregate(
        n=Count("pk"),
        minutes=Avg("minutes_to_accept"),
        in_time=Count("pk", filter=Q(minutes_to_accept__lte=HANDOVER_HOURS * 60)),
    )
    return {
        **_measures(row),
        "awaiting": row["awaiting"],
        "hours_to_accept": _hours(accepted["minutes"]),
        "accepted_in_time_share": _share(accepted["in_time"], accepted["n"]),
    }

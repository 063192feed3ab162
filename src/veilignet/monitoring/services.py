"""Business actions of the monitoring app: importing national figures."""

from django.db import transaction

from veilignet.monitoring import statline
from veilignet.monitoring.models import NationalFigure


@transaction.atomic
def import_national_figures(lines, source_table):
    """Store the national figures of a StatLine CSV; a figure already present for the
    same period and measure is replaced. Returns the number of figures stored."""
    count = 0
    for period, measure, value in statline.read(lines):
        NationalFigure.objects.update_or_create(
            period=period,
            measure=measure,
            defaults={"value": value, "source_table": source_table},
        )
        count += 1
    return count

"""National figures imported from CBS StatLine, to show beside the region's own.

Only counts are stored, per period and measure (the same measure names as
`indicators.MEASURES`, plus `population`); national indicator values are derived with the
same `Indicator.value()` as the region's, so a national figure is shown only where the
definition matches. These are published aggregate figures, not personal data.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class NationalFigure(models.Model):
    """One national count for one period (`2025`, `2025-H1`, `2025-Q3`)."""

    period = models.CharField(_("period"), max_length=7)
    measure = models.CharField(_("measure"), max_length=64)
    value = models.PositiveBigIntegerField(_("value"))
    source_table = models.CharField(_("CBS table"), max_length=16)
    imported_at = models.DateTimeField(_("imported at"), default=timezone.now)

    class Meta:
        ordering = ["period", "measure"]
        verbose_name = _("national figure")
        verbose_name_plural = _("national figures")
        constraints = [
            models.UniqueConstraint(fields=["period", "measure"], name="national_figure_once")
        ]

    def __str__(self):
        return f"{self.period} {self.measure}: {self.value}"

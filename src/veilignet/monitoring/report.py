"""The half-year report (PDF) per region: every indicator with its trend and a short
generated commentary on what moved and by how much, for the progress meetings.

Built from the same protected tables as the dashboard (fpdf2, pure Python).
"""

from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from fpdf import FPDF

from veilignet.monitoring import dashboard
from veilignet.monitoring.indicators import NEUTRAL, REGISTRY, RISE, SHARE, Scope
from veilignet.monitoring.tables import format_value, value_cell

TREND_HALF_YEARS = 4


def commentary(indicator, current, previous):
    """One or two sentences on how the indicator moved since the previous period."""
    if current.suppressed or previous.suppressed:
        return _("Too few cases to compare with the previous period.")
    if current.value is None or previous.value is None:
        return _("No figure for one of the two periods.")
    now = format_value(current.value, indicator.unit)
    before = format_value(previous.value, indicator.unit)
    difference = current.value - previous.value
    if abs(difference) < 1e-9:
        text = _("Unchanged at %(now)s.") % {"now": now}
    else:
        if indicator.unit == SHARE:
            by = _("%(points)s percentage points") % {
                "points": number_format(abs(difference) * 100, 1)
            }
        else:
            by = format_value(abs(difference), indicator.unit)
        template = (
            _("Rose from %(before)s to %(now)s (by %(by)s).")
            if difference > 0
            else _("Fell from %(before)s to %(now)s (by %(by)s).")
        )
        text = template % {"before": before, "now": now, "by": by}
        if indicator.direction != NEUTRAL:
            good = (difference > 0) == (indicator.direction == RISE)
            text += " " + (
                _("That is the desired direction.")
                if good
                else _("That is not the desired direction.")
            )
    if indicator.target is not None:
        met = current.value >= indicator.target
        norm = (
            _("The norm of %(target)s is met.") if met else _("The norm of %(target)s is not met.")
        )
        text += " " + norm % {"target": format_value(indicator.target, indicator.unit)}
    return text


def _latin1(text):
    """The PDF's core font covers Latin-1; replace the few typographic characters."""
    text = str(text).translate({0x2013: "-", 0x2014: "-", 0x2019: "'", 0x201C: '"', 0x201D: '"'})
    return text.encode("latin-1", "replace").decode("latin-1")


def half_year_report(region, period):
    """The PDF (bytes) for `region` and half year `period`."""
    ids = tuple(region.municipalities.values_list("pk", flat=True))
    scope = Scope(period, ids)
    periods = period.previous(TREND_HALF_YEARS)
    trend = dashboard.trend_table(scope, length=TREND_HALF_YEARS)
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    title = _("Half-year report %(period)s: %(region)s") % {"period": period, "region": region}
    pdf.multi_cell(0, 8, _latin1(title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 9)
    intro = _(
        "Indicators of the network against domestic violence and child abuse, generated on "
        "%(date)s. Figures below 5 are shown as <5; x marks a figure hidden because it "
        "would reveal one."
    ) % {"date": date_format(timezone.localdate())}
    pdf.multi_cell(0, 5, _latin1(intro), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    width = (pdf.w - pdf.l_margin - pdf.r_margin) / len(periods)
    for key, ind in REGISTRY.items():
        pdf.set_font("Helvetica", "B", 11)
        heading = f"{ind.label} ({ind.direction_label})"
        pdf.multi_cell(0, 6, _latin1(heading), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 8)
        pdf.multi_cell(0, 4, _latin1(ind.definition), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "B", 9)
        for p in periods:
            pdf.cell(width, 5, str(p), border=1, align="C")
        pdf.ln()
        pdf.set_font("Helvetica", "", 9)
        for p in periods:
            pdf.cell(width, 5, _latin1(value_cell(trend[key][p]).text), border=1, align="C")
        pdf.ln()
        pdf.set_font("Helvetica", "I", 9)
        remark = commentary(ind, trend[key][periods[-1]], trend[key][periods[-2]])
        pdf.multi_cell(0, 5, _latin1(remark), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    return bytes(pdf.output())

"""The dashboard's tables, built once and used by the pages, the CSV/XLSX exports, the
charts and the half-year report, so they always show the same (protected) figures."""

import hashlib
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.utils.formats import number_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from veilignet.monitoring import dashboard
from veilignet.monitoring.indicators import (
    BREAKDOWNS,
    COUNT,
    PER_10K,
    RATIO,
    REGISTRY,
    SHARE,
    TOTAL,
    Scope,
)

SMALL = "<5"  # shown for a figure suppressed because it is small itself
DERIVED = "x"  # shown for a figure suppressed because it would reveal a small one
NONE = "\u2013"  # no figure (nothing to divide by, no target)


@dataclass
class Cell:
    """A value (number or None) and how it reads on the page."""

    value: object
    text: str
    unit: str = ""  # how an export formats a number


@dataclass
class Table:
    key: str
    title: str
    columns: list
    rows: list = field(default_factory=list)
    chart: dict | None = None


def suppressed_text(small):
    return SMALL if small else DERIVED


def format_value(value, unit):
    if unit == COUNT:
        return number_format(value, 0, force_grouping=True)
    if unit in (PER_10K, RATIO):
        return number_format(value, 2 if unit == RATIO else 1)
    return f"{number_format(value * 100, 1)}%"


def value_cell(figure):
    if figure.suppressed:
        return Cell(None, suppressed_text(figure.small))
    if figure.value is None:
        return Cell(None, NONE)
    unit = figure.indicator.unit
    return Cell(figure.value, format_value(figure.value, unit), unit)


def count_cell(count, suppressed_small=False):
    if count is None:
        return Cell(None, suppressed_text(suppressed_small))
    return Cell(count, number_format(count, 0, force_grouping=True), COUNT)


def part_cells(figure):
    """Numerator and denominator cells (denominator empty for plain counts)."""
    if figure.indicator.denominator is None:
        return [Cell(None, "")]
    if figure.suppressed:
        return [Cell(None, suppressed_text(figure.small))]
    numerator, denominator = (
        number_format(n, 0, force_grouping=True) for n in (figure.numerator, figure.denominator)
    )
    return [Cell(None, f"{numerator} / {denominator}")]


@dataclass(frozen=True)
class Selection:
    """The dashboard's filters: region, period, optional municipality, form of violence
    and the indicator picked for comparison and trend."""

    region: object
    period: object
    municipality: object = None
    violence_form: str = ""
    indicator: str = "reports_per_10k"

    @property
    def region_scope(self):
        ids = tuple(m.pk for m in self.region.municipalities.all())
        return Scope(self.period, ids, self.violence_form)

    @property
    def scope(self):
        """The region, or only the chosen municipality."""
        if self.municipality is None:
            return self.region_scope
        return Scope(self.period, (self.municipality.pk,), self.violence_form)

    @property
    def row(self):
        return TOTAL if self.municipality is None else self.municipality.pk

    @property
    def place(self):
        return self.municipality.name if self.municipality else self.region.name


def _chart(kind, labels, series, unit):
    return {"type": kind, "labels": labels, "series": series, "unit": unit}


def overview(selection):
    """Every indicator for the region (or municipality): value, parts, previous period,
    national figure, direction and target."""
    previous_period = selection.period.shifted(-1)
    tables = dashboard.municipality_tables(
        selection.region_scope, [previous_period, selection.period]
    )
    current, previous = tables[selection.period], tables[previous_period]
    national = dashboard.national_figures(selection.period)
    table = Table(
        "overview",
        _("Indicators for %(place)s, %(period)s")
        % {"place": selection.place, "period": selection.period},
        [
            _("Indicator"),
            _("Value"),
            _("Counted / out of"),
            _("Previous period"),
            _("National"),
            _("Direction"),
            _("Target or norm"),
        ],
    )
    for key, ind in REGISTRY.items():
        figure = current[key][selection.row]
        national_value = national.get(key)
        table.rows.append(
            [
                Cell(key, str(ind.label)),
                value_cell(figure),
                *part_cells(figure),
                value_cell(previous[key][selection.row]),
                Cell(national_value, format_value(national_value, ind.unit))
                if national_value is not None
                else Cell(None, NONE),
                Cell(ind.direction, str(ind.direction_label)),
                Cell(ind.target, format_value(ind.target, ind.unit))
                if ind.target is not None
                else Cell(None, NONE),
            ]
        )
    return table


def comparison(selection):
    """One indicator for every municipality of the region, and the region total."""
    ind = REGISTRY[selection.indicator]
    figures = dashboard.municipality_table(selection.region_scope, [ind.key])[ind.key]
    table = Table(
        "comparison",
        _("%(indicator)s per municipality, %(period)s")
        % {"indicator": ind.label, "period": selection.period},
        [_("Municipality"), _("Value"), _("Counted / out of")],
    )
    labels, values = [], []
    for municipality in selection.region.municipalities.all():
        figure = figures[municipality.pk]
        table.rows.append(
            [
                Cell(municipality.cbs_code, municipality.name),
                value_cell(figure),
                *part_cells(figure),
            ]
        )
        labels.append(municipality.name)
        values.append(figure.value)
    total = figures[TOTAL]
    table.rows.append([Cell(TOTAL, selection.region.name), value_cell(total), *part_cells(total)])
    table.chart = _chart("bar", labels, [{"label": str(ind.label), "data": values}], ind.unit)
    return table


def trends(selection):
    """Every indicator over the last periods (of the chosen period's kind)."""
    figures = dashboard.trend_table(selection.scope)
    periods = selection.period.previous(dashboard.TREND_LENGTH)
    table = Table(
        "trends",
        _("Trends for %(place)s") % {"place": selection.place},
        [_("Indicator"), *[str(p) for p in periods]],
    )
    for key, ind in REGISTRY.items():
        table.rows.append(
            [Cell(key, str(ind.label)), *[value_cell(figures[key][p]) for p in periods]]
        )
    chosen = REGISTRY[selection.indicator]
    table.chart = _chart(
        "line",
        [str(p) for p in periods],
        [
            {
                "label": str(chosen.label),
                "data": [figures[chosen.key][p].value for p in periods],
            }
        ],
        chosen.unit,
    )
    return table


def breakdown(key, selection):
    """Counts per category (form of violence, sector, outcome, phase) with shares."""
    spec = BREAKDOWNS[key]
    rows, (total, total_small) = dashboard.breakdown_table(key, selection.scope)
    table = Table(
        key,
        f"{spec.label}, {selection.place}, {selection.period}",
        [_("Category"), _("Number"), _("Share")],
    )
    for value, label, count, share, small in rows:
        share_cell = (
            Cell(share, format_value(share, SHARE), SHARE)
            if share is not None
            else Cell(None, suppressed_text(small) if count is None else NONE)
        )
        table.rows.append([Cell(value, str(label)), count_cell(count, small), share_cell])
    table.rows.append([Cell(TOTAL, _("Total")), count_cell(total, total_small), Cell(None, "")])
    table.chart = _chart(
        "bar",
        [str(label) for _value, label, *_rest in rows],
        [{"label": str(spec.label), "data": [r[2] for r in rows]}],
        COUNT,
    )
    return table


TABLES = {"overview": overview, "comparison": comparison, "trends": trends}


def build(key, selection):
    """The table `key` (overview, comparison, trends or a breakdown) for a selection.

    Computed at most once per `VEILIGNET_MONITORING_CACHE_SECONDS` for every user and app
    server (the shared cache): the figures are aggregates that passed suppression, the
    same for everyone who may see the region, so pages and exports may lag that long.
    """
    selected = (
        key,
        get_language(),
        selection.region.pk,
        str(selection.period),
        getattr(selection.municipality, "pk", None),
        selection.violence_form,
        selection.indicator if key in ("comparison", "trends") else "",
    )
    compute = breakdown if key in BREAKDOWNS else lambda _key, s: TABLES[key](s)
    seconds = settings.VEILIGNET_MONITORING_CACHE_SECONDS
    if not seconds:
        return compute(key, selection)
    cache_key = "monitoring:" + hashlib.sha256(repr(selected).encode()).hexdigest()
    return cache.get_or_set(cache_key, lambda: compute(key, selection), seconds)

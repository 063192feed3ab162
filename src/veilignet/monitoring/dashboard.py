"""What the dashboard, exports, report and API show: protected figures per table.

Every function here returns figures that went through `suppression.protect()`; callers
never see raw counts.
"""

from dataclasses import dataclass

from veilignet.monitoring import suppression
from veilignet.monitoring.indicators import (
    BREAKDOWNS,
    POPULATION,
    REGISTRY,
    SHARE,
    TOTAL,
    compute_breakdown,
    compute_periods,
)
from veilignet.monitoring.models import NationalFigure

TREND_LENGTH = 8


@dataclass(frozen=True)
class Figure:
    """One indicator's value in one cell; parts are None where suppressed."""

    indicator: object
    value: float | None
    numerator: int | None
    denominator: int | None
    suppressed: bool
    small: bool = False  # suppressed because a part itself is below the threshold

    def as_dict(self):
        """The API and export shape."""
        ind = self.indicator
        return {
            "key": ind.key,
            "label": str(ind.label),
            "value": self.value,
            "numerator": self.numerator,
            "denominator": self.denominator,
            "suppressed": self.suppressed,
            "unit": ind.unit,
            "direction": ind.direction,
            "target": ind.target,
            "definition": ind.definition,
        }


def _indicators(keys):
    return [REGISTRY[key] for key in keys] if keys else list(REGISTRY.values())


def _figure(ind, safe, row):
    numerator = safe[ind.numerator][row]
    denominator = safe[ind.denominator][row] if ind.denominator else None
    suppressed = numerator is None or (ind.denominator is not None and denominator is None)
    value = None if suppressed else ind.value(numerator, denominator)
    small = row in safe.small.get(ind.numerator, ()) or row in safe.small.get(ind.denominator, ())
    if suppressed:
        numerator = denominator = None
    return Figure(ind, value, numerator, denominator, suppressed, small)


def _protect(indicators, counts):
    pairs = [(i.numerator, i.denominator) for i in indicators if i.unit == SHARE]
    return suppression.protect(counts, pairs, public={POPULATION})


def _needed(indicators):
    names = {i.numerator for i in indicators} | {i.denominator for i in indicators}
    return sorted(names - {None, POPULATION})


def municipality_table(scope, keys=None):
    """{indicator key: {municipality id | TOTAL: Figure}} for every municipality of the
    scope and its total, protected as one table (secondary suppression per column)."""
    return municipality_tables(scope, [scope.period], keys)[scope.period]


def municipality_tables(scope, periods, keys=None):
    """{period: municipality table} for consecutive periods, computed together (one pass
    over the registry for all of them); each period's table is protected on its own."""
    indicators = _indicators(keys)
    tables = {}
    for period, counts in compute_periods(scope, periods, _needed(indicators)).items():
        safe = _protect(indicators, counts)
        tables[period] = {
            i.key: {row: _figure(i, safe, row) for row in counts[POPULATION]} for i in indicators
        }
    return tables


def trend_table(scope, keys=None, length=TREND_LENGTH):
    """{indicator key: {period: Figure}} for the scope's total over the `length` periods
    up to the scope's period (same kind: quarters, half years or years)."""
    indicators = _indicators(keys)
    periods = scope.period.previous(length)
    counts = {}
    totals = compute_periods(scope, periods, _needed(indicators), by_municipality=False)
    for period, measures in totals.items():
        for name, rows in measures.items():
            counts.setdefault(name, {})[period] = rows[TOTAL]
    safe = _protect(indicators, counts)
    return {i.key: {p: _figure(i, safe, p) for p in periods} for i in indicators}


def breakdown_table(key, scope):
    """[(category value, label, count | None, share | None, small)] and (total, small)."""
    breakdown = BREAKDOWNS[key]
    counts = compute_breakdown(breakdown, scope)
    protected = suppression.protect({"n": counts})
    safe, small = protected["n"], protected.small["n"]
    rows = []
    for value, count in safe.items():
        if value == TOTAL:
            continue
        share = count / safe[TOTAL] if count is not None and safe[TOTAL] else None
        rows.append((value, breakdown.choices(value).label, count, share, value in small))
    return rows, (safe[TOTAL], TOTAL in small)


def national_figures(period):
    """{indicator key: value} derived from imported CBS counts for the period, for the
    indicators whose parts were all imported (so the definition matches)."""
    counts = dict(NationalFigure.objects.filter(period=str(period)).values_list("measure", "value"))
    if "advice_requests" in counts and "reports" in counts:
        counts.setdefault("contacts", counts["advice_requests"] + counts["reports"])
    values = {}
    for ind in REGISTRY.values():
        parts = [ind.numerator] + ([ind.denominator] if ind.denominator else [])
        if all(part in counts for part in parts):
            values[ind.key] = ind.value(
                counts[ind.numerator], counts[ind.denominator] if ind.denominator else None
            )
    return values

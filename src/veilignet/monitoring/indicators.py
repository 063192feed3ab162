"""The region's indicators, each defined once, computed by aggregate queries.

An indicator is a numerator `Measure` over an optional denominator `Measure`. A measure
is one SQL aggregate over one *source* (reports, re-reports, persons in reports, triage
decisions, completions, joint cases, population). `compute_periods()` evaluates every
measure of a source in ONE grouped query (GROUP BY period and municipality); totals are
the sums of those rows, except for measures that do not add up (unique children), whose
query computes the totals as well (grouping sets on PostgreSQL, see `grouped_rows()`). Each
source (except joint cases, which are open in several periods at a time) is read once for
all the consecutive periods asked for, so the overview's current and previous period or
the eight periods of a trend cost about as many queries as one period. No Python loop
over rows. A costly correlated look-up that selects rows (the 12-month rule) is the
filter of a source of its own rather than a condition inside an aggregate: PostgreSQL
runs a correlated EXISTS in WHERE as a semi-join in its parallel workers, but inside
`COUNT(*) FILTER` as a subplan in the leader alone, row by row.
Children, triage decisions and forms of violence carry copies of their report's
municipality, kind, receipt and triage deadline (`reports.models.ReportCopies`), so their
sources read one table, without a join to the reports.

Counts are returned raw; `veilignet.monitoring.suppression` protects small numbers before
anything is shown or exported.

Re-report rule (the ONE definition, used by every re-report indicator): a report
(kind "report") is a re-report when an earlier report on the same household was received
at most 12 calendar months before it, the edge included (received on 15 March 2025 10:00,
an earlier report of 15 March 2024 10:00 makes it a re-report; one a second earlier does
not). Advice requests never count. Reports not linked to a household are never re-reports.
This differs on purpose from `Report.is_re_report`, which the front door sets when the
household is known at all.
"""

import itertools
import re
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db import connections
from django.db.models import Case as SqlCase
from django.db.models import (
    Count,
    DateTimeField,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from veilignet.cases.models import (
    OPEN_PHASES,
    Case,
    CaseOrigin,
    Phase,
    PhaseChange,
    SafetyPlanVersion,
)
from veilignet.monitoring import parallel
from veilignet.monitoring.suppression import TOTAL
from veilignet.people.models import MemberRole
from veilignet.regions.models import Municipality, Population
from veilignet.reports.models import (
    ENDED_STATUSES,
    OUTCOMES_WITH_COMPLETION,
    Kind,
    Outcome,
    Report,
    ReportPerson,
    ReportViolence,
    Sector,
    StatusChange,
    TriageDecision,
    ViolenceForm,
)

RE_REPORT_MONTHS = 12
# Joint cases with "complex violence": those Veilig Thuis did not leave to the local team
# alone, i.e. opened after "voorwaarden en vervolg", an investigation or MDA++.
COMPLEX_ORIGINS = (
    CaseOrigin.CONDITIONS_AND_FOLLOW_UP,
    CaseOrigin.INVESTIGATION,
    CaseOrigin.MDA_PLUS,
)


class MonthsBefore(Func):
    """`expression` minus a number of calendar months, in the database."""

    output_field = DateTimeField()

    def __init__(self, expression, months):
        self.months = int(months)
        super().__init__(expression)

    def as_sql(self, compiler, connection, **extra):
        return super().as_sql(
            compiler, connection, template=f"(%(expressions)s - interval '{self.months} months')"
        )

    def as_sqlite(self, compiler, connection, **extra):
        # SQLite keeps datetimes as UTC text 'YYYY-MM-DD HH:MM:SS[.ffffff]'; datetime()
        # drops the fraction, so the edge is exact to the second.
        template = f"datetime(%(expressions)s, '-{self.months} months')"
        return super().as_sql(compiler, connection, template=template)


def re_report_condition():
    """Q that holds for a report that is a re-report under the ONE 12-month rule."""
    received = OuterRef("received_at")
    earlier = Report.objects.filter(
        household_id=OuterRef("household_id"),
        kind=Kind.REPORT,
        received_at__lt=received,
        received_at__gte=MonthsBefore(received, RE_REPORT_MONTHS),
    )
    return Q(kind=Kind.REPORT, household__isnull=False) & Q(Exists(earlier))


@dataclass(frozen=True)
class Scope:
    """What to compute: a period, the municipalities (None: all) and a form of violence."""

    period: object
    municipality_ids: tuple | None = None
    violence_form: str = ""


# Sources: each takes the scope and a tuple of consecutive periods and returns a queryset
# whose `muni` is the municipality and `slot` the index of the period to group by. -------


def _in_periods(queryset, moment, periods):
    """Rows whose `moment` lies in the periods (consecutive, oldest first), with `slot`:
    the index of the period it lies in."""
    slot = SqlCase(
        *(
            When(**{f"{moment}__gte": p.start, f"{moment}__lt": p.end}, then=Value(i))
            for i, p in enumerate(periods)
        ),
        output_field=IntegerField(),
    )
    return queryset.filter(
        **{f"{moment}__gte": periods[0].start, f"{moment}__lt": periods[-1].end}
    ).annotate(slot=slot)


def _in_scope(queryset, scope, municipality_path, report_path):
    if scope.municipality_ids is not None:
        queryset = queryset.filter(**{f"{municipality_path}__in": scope.municipality_ids})
    if scope.violence_form:
        queryset = queryset.filter(
            Exists(
                ReportViolence.objects.filter(
                    report_id=OuterRef(report_path), form=scope.violence_form
                )
            )
        )
    return queryset.annotate(muni=F(municipality_path))


def reports_source(scope, periods):
    """Advice requests and reports received in the periods."""
    queryset = _in_periods(Report.objects.all(), "received_at", periods)
    return _in_scope(queryset, scope, "municipality_id", "pk")


def re_reports_source(scope, periods):
    """Re-reports received in the periods: the ONE 12-month rule as a filter (a
    semi-join on PostgreSQL, see the module docstring)."""
    return reports_source(scope, periods).filter(re_report_condition())


def children_source(scope, periods):
    """Children named in reports received in the periods (the report's columns from
    their copies on the row: no join to the report)."""
    queryset = ReportPerson.objects.filter(role=MemberRole.CHILD, report_kind=Kind.REPORT)
    queryset = _in_periods(queryset, "report_received_at", periods)
    return _in_scope(queryset, scope, "report_municipality_id", "report_id")


def violence_source(scope, periods):
    """Forms of violence named in contacts received in the periods, one row per report
    and form (no join to the report, see `children_source`)."""
    queryset = _in_periods(ReportViolence.objects.all(), "report_received_at", periods)
    return _in_scope(queryset, scope, "report_municipality_id", "report_id")


def elder_abuse_source(scope, periods):
    """Contacts received in the periods that name elder abuse, one row each (a report
    names each form once), read from the `violence_elder_received` index."""
    return violence_source(scope, periods).filter(form=ViolenceForm.ELDER_ABUSE)


def decisions_source(scope, periods):
    """Triage decisions taken in the periods (the report's columns from their copies on
    the row: no join to the report)."""
    queryset = _in_periods(TriageDecision.objects.all(), "decided_at", periods)
    return _in_scope(queryset, scope, "report_municipality_id", "report_id")


def completions_source(scope, periods):
    """ "Voorwaarden en vervolg" and investigations finished in the periods: the status
    change that ended the follow-up (closed or handed over)."""
    queryset = StatusChange.objects.filter(
        status__in=ENDED_STATUSES,  # as in the partial index `status_change_ended`
        report__decision__outcome__in=OUTCOMES_WITH_COMPLETION,
    )
    queryset = _in_periods(queryset, "changed_at", periods)
    return _in_scope(queryset, scope, "report__municipality_id", "report_id")


def phase_at(moment):
    """The phase of a case at `moment`: the latest phase change before it, else the
    phase a case opens in.

    `Case.phase` mirrors the latest phase change (`cases.services` writes both), so a
    case without a change since `moment` is still in that phase. Only the cases changed
    since need the look-up of their latest change before it: none for a period that has
    not ended. Both are index-only probes per case (`phase_change_at`). A hashed set
    of the cases changed since, read for the whole country, made a region's cases
    query eight times slower on the national data set (docs/benchmarks.md, seventh
    session)."""
    changes = PhaseChange.objects.filter(case=OuterRef("pk"))
    latest = changes.filter(changed_at__lt=moment).order_by("-changed_at", "-pk")
    return SqlCase(
        When(
            Exists(changes.filter(changed_at__gte=moment)),
            then=Coalesce(Subquery(latest.values("to_phase")[:1]), Value(Phase.DIRECT_SAFETY)),
        ),
        default=F("phase"),
    )


def cases_source(scope, periods):
    """Joint cases open at some moment of the period (opened before its end, not closed
    before its start; reopening clears `closed_at`), annotated with their phase at its
    end and whether the household had a safety plan agreed with the family on or before
    its last day. A case open at the end of the period is always among them. A case is
    open in several periods, so this source takes ONE period at a time."""
    (period,) = periods
    last_day = period.next_first_day
    queryset = Case.objects.filter(
        Q(closed_at__isnull=True) | Q(closed_at__gte=period.start),
        opened_at__lt=period.end,
    ).annotate(
        slot=Value(0),
        phase_at_end=phase_at(period.end),
        has_plan=Exists(
            SafetyPlanVersion.objects.filter(
                household=OuterRef("household_id"), agreed_on__lt=last_day
            )
        ),
    )
    return _in_scope(queryset, scope, "municipality_id", "source_report_id")


@dataclass(frozen=True)
class Measure:
    """One aggregate over one source. Every measure counts persons, households or their
    reports and cases, so all are protected against small numbers (population is not a
    measure: it comes from `population()`)."""

    name: str
    source: object
    aggregate: object
    additive: bool = True  # the total is the sum over municipalities


def _count(condition=None):
    return Count("pk", filter=condition)


_report = Q(kind=Kind.REPORT)
_case_before = Exists(
    Case.objects.filter(
        household_id=OuterRef("household_id"), opened_at__lt=OuterRef("received_at")
    )
)
_open_at_end = Q(phase_at_end__in=OPEN_PHASES)
_complex = Q(origin__in=COMPLEX_ORIGINS)

MEASURES = {
    m.name: m
    for m in (
        Measure("advice_requests", reports_source, _count(Q(kind=Kind.ADVICE_REQUEST))),
        Measure("reports", reports_source, _count(_report)),
        Measure("contacts", reports_source, _count()),
        Measure(
            "non_police_reports",
            reports_source,
            _count(_report & ~Q(reporter_sector=Sector.POLICE)),
        ),
        Measure("re_reports", re_reports_source, _count()),
        Measure("re_reports_in_cases", re_reports_source, _count(_case_before)),
        Measure("elder_abuse_contacts", elder_abuse_source, _count()),
        Measure(
            "unique_children",
            children_source,
            Count("person", distinct=True) + Count("pk", filter=Q(person__isnull=True)),
            additive=False,  # a child named in two municipalities counts once in total
        ),
        Measure("decisions", decisions_source, _count(Q(report_kind=Kind.REPORT))),
        Measure(
            "decisions_on_time",
            decisions_source,
            _count(Q(report_kind=Kind.REPORT, decided_at__date__lte=F("report_triage_deadline"))),
        ),
        Measure("investigations", decisions_source, _count(Q(outcome=Outcome.INVESTIGATION))),
        Measure("completions", completions_source, _count()),
        Measure(
            "completions_on_time",
            completions_source,
            _count(Q(changed_at__date__lte=F("report__completion_deadline"))),
        ),
        Measure("cases_during", cases_source, _count()),
        # The cheap origin test first: the phase at the end is looked up only where it holds.
        Measure("complex_open_cases", cases_source, _count(_complex & _open_at_end)),
        Measure(
            "complex_open_cases_with_plan",
            cases_source,
            _count(_complex & _open_at_end & Q(has_plan=True)),
        ),
    )
}


# Indicators --------------------------------------------------------------------------

SHARE, COUNT, PER_10K, RATIO = "share", "count", "per_10k", "ratio"
RISE, FALL, NEUTRAL = "rise", "fall", "none"
POPULATION = "population"
DIRECTION_LABELS = {RISE: _("should rise"), FALL: _("should fall"), NEUTRAL: _("no direction")}


@dataclass(frozen=True)
class Indicator:
    key: str
    label: str
    unit: str
    direction: str
    numerator: str
    denominator: str | None
    definition: str
    target: float | None = None
    target_is_norm: bool = field(default=False)

    def value(self, numerator, denominator):
        """The indicator's value from its (unsuppressed) parts; None if undefined."""
        if numerator is None:
            return None
        if self.denominator is None:
            return numerator
        if not denominator:
            return None
        if self.unit == PER_10K:
            return numerator * 10_000 / denominator
        return numerator / denominator

    @property
    def direction_label(self):
        return DIRECTION_LABELS[self.direction]


REGISTRY = {}


def indicator(key, label, unit, direction, target=None):
    """Register the decorated function as an indicator: it returns the names of its
    numerator and denominator measures; its docstring is the definition."""

    def register(func):
        numerator, denominator = func()
        definition = " ".join(func.__doc__.split())
        REGISTRY[key] = Indicator(
            key, label, unit, direction, numerator, denominator, definition, target
        )
        return func

    return register


@indicator("advice_requests", _("Advice requests"), COUNT, NEUTRAL)
def _advice_requests():
    """Advice requests received in the period."""
    return "advice_requests", None


@indicator("reports", _("Reports"), COUNT, NEUTRAL)
def _reports():
    """Reports received in the period (advice requests not included)."""
    return "reports", None


@indicator("advice_requests_per_10k", _("Advice requests per 10,000 inhabitants"), PER_10K, NEUTRAL)
def _advice_requests_per_10k():
    """Advice requests received in the period per 10,000 inhabitants on 1 January of the
    period's year (the latest known year before it when that year is missing)."""
    return "advice_requests", POPULATION


@indicator("reports_per_10k", _("Reports per 10,000 inhabitants"), PER_10K, NEUTRAL)
def _reports_per_10k():
    """Reports received in the period per 10,000 inhabitants on 1 January of the period's
    year (the latest known year before it when that year is missing)."""
    return "reports", POPULATION


@indicator("advice_request_share", _("Share of advice requests"), SHARE, RISE)
def _advice_request_share():
    """Advice requests as a share of all advice requests and reports received in the
    period."""
    return "advice_requests", "contacts"


@indicator("non_police_report_share", _("Share of reports not from the police"), SHARE, RISE)
def _non_police_report_share():
    """Reports whose reporter's sector is not the police, as a share of all reports
    received in the period."""
    return "non_police_reports", "reports"


@indicator("re_report_share", _("Share of re-reports"), SHARE, FALL)
def _re_report_share():
    """Reports received in the period that are re-reports (an earlier report on the same
    household received at most 12 months before, edge included), as a share of all
    reports received in the period."""
    return "re_reports", "reports"


@indicator("re_reports_per_case", _("Re-reports per joint case"), RATIO, FALL)
def _re_reports_per_case():
    """Re-reports (12-month rule) received in the period on a household that already had
    a joint case, divided by the number of joint cases open at some moment of the
    period."""
    return "re_reports_in_cases", "cases_during"


@indicator("unique_children", _("Unique children in reports"), COUNT, FALL)
def _unique_children():
    """Distinct children named in reports received in the period: linked persons count
    once however often they are named; a child not (yet) linked to a person counts once
    per report that names it."""
    return "unique_children", None


@indicator("elder_abuse_share", _("Share about elder abuse"), SHARE, RISE)
def _elder_abuse_share():
    """Advice requests and reports naming elder abuse, as a share of all advice requests
    and reports received in the period."""
    return "elder_abuse_contacts", "contacts"


@indicator("safety_plan_coverage", _("Complex cases with a safety plan"), SHARE, RISE, 1.0)
def _safety_plan_coverage():
    """Joint cases with complex violence (opened after "voorwaarden en vervolg", an
    investigation or MDA++) open at the end of the period whose household has a safety
    plan agreed with the family by then, as a share of all such cases. Target 100%."""
    return "complex_open_cases_with_plan", "complex_open_cases"


@indicator("investigations", _("Investigations"), COUNT, FALL)
def _investigations():
    """Triage decisions "investigation" taken in the period."""
    return "investigations", None


@indicator("triage_on_time_share", _("Triage within 5 working days"), SHARE, RISE, 0.9)
def _triage_on_time_share():
    """Triage decisions on reports taken in the period on or before the report's triage
    deadline (5 working days after receipt), as a share of all triage decisions on
    reports taken in the period. Norm 90%."""
    return "decisions_on_time", "decisions"


@indicator(
    "completion_on_time_share",
    _("Voorwaarden en vervolg and investigations within 10 weeks"),
    SHARE,
    RISE,
    0.8,
)
def _completion_on_time_share():
    """ "Voorwaarden en vervolg" and investigations finished (closed or handed over) in the
    period on or before their completion deadline (10 weeks after the decision), as a
    share of all of them finished in the period. Norm 80%."""
    return "completions_on_time", "completions"


# Computing ---------------------------------------------------------------------------


class Grouping(Func):
    """GROUPING(fields) of PostgreSQL: one bit per field, set where the row is a total
    over that field. An aggregate, so it is not grouped by."""

    function = "GROUPING"
    contains_aggregate = True
    output_field = IntegerField()


def grouped_rows(queryset, grouping_sets, aggregates):
    """Yield (grouping set, row) for `aggregates` over the rows of `queryset` grouped by
    each grouping set (a tuple of field names, in the row as well); a row of the set
    ("slot",) is the total of the rows of ("slot", "muni") for that slot, computed from
    the rows themselves, so that it is right for aggregates that do not add up.

    PostgreSQL: ONE query with GROUP BY GROUPING SETS, which reads the rows once for every
    set. SQLite has no grouping sets: one query per set there, same figures. One set: a
    plain GROUP BY, so PostgreSQL may aggregate in parallel workers."""
    connection = connections[queryset.db]
    if connection.vendor != "postgresql" or len(grouping_sets) == 1:
        for keys in grouping_sets:
            for row in queryset.values(*keys).annotate(**aggregates):
                yield keys, row
        return
    fields = list(dict.fromkeys(itertools.chain(*grouping_sets)))
    annotations = queryset.query.annotations
    # A constant (the slot of a single period) is in every row but not grouped by.
    grouped = [f for f in fields if f not in annotations or annotations[f].get_group_by_cols()]
    marker = {"grouping_": Grouping(*grouped)} if grouped else {}
    queryset = queryset.values(*fields).annotate(**aggregates, **marker)
    compiler = queryset.query.get_compiler(connection=connection)
    sql, params = compiler.as_sql()
    columns = [alias for _expression, _sql, alias in compiler.select]
    if grouped:
        sql, _, group_by = sql.rpartition(" GROUP BY ")
        if not re.fullmatch(r"[0-9, ]+", group_by):  # Django groups by select positions
            raise ValueError(f"cannot add grouping sets to GROUP BY {group_by}")
    position = {f: str(columns.index(f) + 1) for f in grouped}
    bit = {f: 1 << (len(grouped) - 1 - i) for i, f in enumerate(grouped)}
    sets, by_mask = [], {}
    for keys in grouping_sets:
        sets.append(f"({', '.join(position[f] for f in keys if f in position)})")
        by_mask[sum(bit[f] for f in grouped if f not in keys)] = keys
    sql = f"{sql} GROUP BY GROUPING SETS ({', '.join(sets)})"
    with connection.cursor() as cursor:
        # The parameters as literals: GROUPING() names grouped expressions, and with the
        # server binding parameters each occurrence would be a different $n.
        cursor.execute(connection.ops.compose_sql(sql, params))
        for values in cursor.fetchall():
            row = dict(zip(columns, values, strict=True))
            yield by_mask[row.pop("grouping_", 0)], row


def population(scope):
    """Inhabitants per municipality on 1 January of the period's year, else of the latest
    known year before it (0 when none is known)."""
    latest = Population.objects.filter(
        municipality=OuterRef("pk"), year__lte=scope.period.year
    ).order_by("-year")
    queryset = Municipality.objects.annotate(inhabitants=Subquery(latest.values("inhabitants")[:1]))
    if scope.municipality_ids is not None:
        queryset = queryset.filter(pk__in=scope.municipality_ids)
    rows = {pk: n or 0 for pk, n in queryset.values_list("pk", "inhabitants")}
    rows[TOTAL] = sum(rows.values())
    return rows


class _Query(NamedTuple):
    measures: list
    grouping_sets: list
    periods: tuple
    queryset: object
    aggregates: dict


def compute_periods(scope, periods, measure_names=None, by_municipality=True):
    """Raw counts per period: {period: {measure name: {municipality id | TOTAL: count}}},
    plus POPULATION, for consecutive `periods` (the scope's own period is not used).

    One query per source grouped by period and municipality (joint cases: one per
    period); totals are the sums of the rows, except for measures that do not add up,
    such as unique children, whose query has the totals per period as well (on SQLite one
    more query); municipalities without rows get 0. With `by_municipality=False` only the
    TOTAL row is computed, one query per source grouped by period. On PostgreSQL the
    queries run on several connections at once (`parallel.run()`).
    """
    names = measure_names or list(MEASURES)
    periods = sorted(periods, key=lambda p: p.start)
    if any(a.end != b.start for a, b in itertools.pairwise(periods)):
        raise ValueError("compute_periods() takes consecutive periods")
    result = {}
    for period in periods:
        inhabitants = population(Scope(period, scope.municipality_ids))
        if not by_municipality:
            inhabitants = {TOTAL: inhabitants[TOTAL]}
        result[period] = {name: dict.fromkeys(inhabitants, 0) for name in names}
        result[period][POPULATION] = inhabitants
    by_source = {}
    for name in names:
        by_source.setdefault(MEASURES[name].source, []).append(name)
    queries = []
    for source, group in by_source.items():
        if not by_municipality:
            grouping_sets = [("slot",)]
        elif all(MEASURES[name].additive for name in group):
            grouping_sets = [("slot", "muni")]  # the totals are sums, added below
        else:
            grouping_sets = [("slot", "muni"), ("slot",)]
        aggregates = {name: MEASURES[name].aggregate for name in group}
        batches = [(p,) for p in periods] if source is cases_source else [tuple(periods)]
        for batch in batches:
            queryset = source(scope, batch).order_by()
            queries.append(_Query(group, grouping_sets, batch, queryset, aggregates))
    answers = parallel.run(
        lambda q=q: list(grouped_rows(q.queryset, q.grouping_sets, q.aggregates)) for q in queries
    )
    for (group, grouping_sets, batch, *_rest), rows in zip(queries, answers, strict=True):
        for keys, row in rows:
            counts = result[batch[row["slot"]]]
            key = row["muni"] if "muni" in keys else TOTAL
            for name in group:
                counts[name][key] = row[name] or 0
        if ("slot",) not in grouping_sets:
            for period, name in itertools.product(batch, group):
                rows = result[period][name]
                rows[TOTAL] = sum(rows.values())
    return result


# Breakdowns: counts per category, with the total they are shares of. ------------------


@dataclass(frozen=True)
class Breakdown:
    key: str
    label: str
    choices: object
    source: object
    category: str
    total: object  # the measure the shares are of; None: the sum of the categories
    filter: Q = field(default_factory=Q)


BREAKDOWNS = {
    b.key: b
    for b in (
        Breakdown(
            "violence_forms",
            _("Forms of violence"),
            ViolenceForm,
            violence_source,
            "form",
            MEASURES["contacts"],
        ),
        Breakdown(
            "reporter_sectors",
            _("Reporter sectors"),
            Sector,
            reports_source,
            "reporter_sector",
            None,  # one sector per report
            Q(kind=Kind.REPORT),
        ),
        Breakdown(
            "triage_outcomes",
            _("Triage outcomes"),
            Outcome,
            decisions_source,
            "outcome",
            None,  # one outcome per decision
            Q(report_kind=Kind.REPORT),
        ),
        Breakdown(
            "case_phases",
            _("Joint cases per phase at the end of the period"),
            Phase,
            cases_source,
            "phase_at_end",
            None,  # one phase per case; closed ones are dropped after counting
        ),
    )
}


def compute_breakdown(breakdown, scope):
    """{category value: count} for every category (0 when absent), plus TOTAL."""
    rows = dict.fromkeys(breakdown.choices.values, 0)
    periods = (scope.period,)
    queryset = breakdown.source(scope, periods).order_by().filter(breakdown.filter)
    for value, count in queryset.values_list(breakdown.category).annotate(n=Count("pk")):
        rows[value] = count
    if breakdown.key == "case_phases":
        rows.pop(Phase.CLOSED)
    total = breakdown.total
    if total is None:
        rows[TOTAL] = sum(rows.values())
    else:
        rows[TOTAL] = total.source(scope, periods).order_by().aggregate(n=total.aggregate)["n"] or 0
    return rows

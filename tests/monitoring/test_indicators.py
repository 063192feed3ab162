"""Every indicator on a small hand-built registry; expected values worked out by hand.

Raw counts are checked through `compute_periods()` (before suppression); suppression has its
own tests.
"""

import datetime

import pytest
from django.db.models import Count

from tests.factories import HouseholdFactory
from tests.monitoring.factories import (
    GOIRLE,
    TILBURG,
    Registry,
    at,
    child,
    municipality,
    set_population,
)
from veilignet.cases.models import Case, CaseOrigin, Phase
from veilignet.monitoring.indicators import (
    BREAKDOWNS,
    REGISTRY,
    TOTAL,
    Scope,
    cases_source,
    compute_breakdown,
    compute_periods,
    grouped_rows,
    reports_source,
)
from veilignet.monitoring.periods import Period
from veilignet.reports.models import Kind, Outcome, Sector, ViolenceForm

pytestmark = pytest.mark.django_db
Y2025 = Period.parse("2025")


@pytest.fixture
def vt():
    return Registry()


def counts(period=Y2025, **scope):
    return compute_periods(Scope(period, **scope), [period])[period]


def value(key, raw, row=TOTAL):
    ind = REGISTRY[key]
    denominator = raw[ind.denominator][row] if ind.denominator else None
    return ind.value(raw[ind.numerator][row], denominator)


def test_no_reports_gives_zero_counts_and_no_shares(vt):
    raw = counts()
    assert raw["reports"][TOTAL] == 0 and raw["advice_requests"][TOTAL] == 0
    assert raw["unique_children"][TOTAL] == 0
    assert value("advice_request_share", raw) is None  # nothing to divide by
    assert value("triage_on_time_share", raw) is None
    assert value("reports_per_10k", raw) == 0


def test_counts_per_10k_use_the_population_of_the_periods_year(vt):
    # Tilburg grows from 200,000 (2024) to 250,000 inhabitants (2025).
    set_population(TILBURG, 2024, 200_000)
    set_population(TILBURG, 2025, 250_000)
    vt.reports(10, at(2024, 6, 1))
    vt.reports(10, at(2025, 6, 1))
    vt.reports(3, at(2025, 6, 2), kind=Kind.ADVICE_REQUEST)
    tilburg = municipality().pk
    raw_2024, raw_2025 = counts(Period.parse("2024")), counts()
    assert raw_2024["reports"][tilburg] == 10 and raw_2025["reports"][tilburg] == 10
    assert value("reports_per_10k", raw_2024, tilburg) == pytest.approx(0.5)  # 10/200000*1e4
    assert value("reports_per_10k", raw_2025, tilburg) == pytest.approx(0.4)  # 10/250000*1e4
    assert value("advice_requests_per_10k", raw_2025, tilburg) == pytest.approx(0.12)
    assert value("advice_requests", raw_2025) == 3


def test_a_missing_population_year_falls_back_to_the_latest_known(vt):
    set_population(TILBURG, 2024, 200_000)  # nothing for 2026 in the data
    vt.reports(4, at(2026, 2, 1))
    raw = counts(Period.parse("2026-Q1"))
    assert value("reports_per_10k", raw, municipality().pk) == pytest.approx(0.2)


def test_shares_of_advice_requests_non_police_and_elder_abuse(vt):
    vt.reports(6, at(2025, 3, 1), sector=Sector.POLICE)
    vt.reports(2, at(2025, 3, 1), sector=Sector.EDUCATION, forms=[ViolenceForm.ELDER_ABUSE])
    vt.reports(2, at(2025, 3, 1), kind=Kind.ADVICE_REQUEST, forms=[ViolenceForm.ELDER_ABUSE])
    raw = counts()
    assert value("advice_request_share", raw) == pytest.approx(2 / 10)
    assert value("non_police_report_share", raw) == pytest.approx(2 / 8)
    assert value("elder_abuse_share", raw) == pytest.approx(4 / 10)


def test_elder_abuse_counts_each_contact_once_within_the_violence_filter(vt):
    vt.report(at(2025, 3, 1), forms=[ViolenceForm.ELDER_ABUSE, ViolenceForm.PARTNER])
    vt.report(at(2025, 3, 2), forms=[ViolenceForm.ELDER_ABUSE])
    vt.report(at(2025, 3, 3), forms=[ViolenceForm.PARTNER])
    vt.report(at(2024, 3, 3), forms=[ViolenceForm.ELDER_ABUSE])  # other year
    assert counts()["elder_abuse_contacts"][TOTAL] == 2
    partner = counts(violence_form=ViolenceForm.PARTNER)
    assert partner["elder_abuse_contacts"][TOTAL] == 1 and partner["contacts"][TOTAL] == 2


def test_period_boundaries_are_midnight_in_amsterdam(vt):
    vt.report(at(2025, 6, 30, 23, 59))  # H1
    vt.report(at(2025, 7, 1, 0, 0))  # H2
    assert counts(Period.parse("2025-H1"))["reports"][TOTAL] == 1
    assert counts(Period.parse("2025-H2"))["reports"][TOTAL] == 1
    assert counts(Period.parse("2025-Q3"))["reports"][TOTAL] == 1


def test_re_report_exactly_at_the_12_month_edge(vt):
    edge, just_outside = HouseholdFactory(), HouseholdFactory()
    vt.report(at(2024, 3, 15, 10), household=edge)
    vt.report(at(2025, 3, 15, 10), household=edge)  # exactly 12 months later: re-report
    vt.report(at(2024, 3, 15, 9, 59, 59), household=just_outside)
    vt.report(at(2025, 3, 15, 10), household=just_outside)  # 12 months and 1 second: not
    raw = counts()
    assert raw["re_reports"][TOTAL] == 1
    assert value("re_report_share", raw) == pytest.approx(1 / 2)


def test_re_report_rule_ignores_advice_requests_and_unlinked_reports(vt):
    household = HouseholdFactory()
    vt.report(at(2025, 1, 10), household=household, kind=Kind.ADVICE_REQUEST)
    vt.report(at(2025, 2, 10), household=household)  # earlier one is advice: first report
    vt.report(at(2025, 2, 11))  # no household: never a re-report
    vt.report(at(2025, 4, 10), household=household)  # re-report
    vt.report(at(2025, 5, 10), household=household)  # re-report
    raw = counts()
    assert raw["re_reports"][TOTAL] == 2
    assert value("re_report_share", raw) == pytest.approx(2 / 4)


def test_re_reports_per_case(vt):
    household = HouseholdFactory()
    vt.case(at(2024, 12, 1), household=household)
    vt.case(at(2025, 1, 5))  # a second case, open all year
    vt.report(at(2024, 11, 20), household=household)
    vt.report(at(2025, 2, 1), household=household)  # re-report after the case opened
    vt.report(at(2025, 3, 1), household=household)  # again
    other = HouseholdFactory()
    vt.report(at(2025, 1, 1), household=other)
    vt.report(at(2025, 1, 2), household=other)  # re-report, but no case on it: not counted
    raw = counts()
    assert raw["re_reports"][TOTAL] == 3
    assert raw["cases_during"][TOTAL] == 2
    assert value("re_reports_per_case", raw) == pytest.approx(2 / 2)


def test_re_report_after_a_report_in_another_municipality(vt):
    """The earlier report counts wherever it was made, also when the scope leaves its
    municipality out; the re-report counts in its own municipality."""
    household = HouseholdFactory()
    vt.report(at(2024, 9, 1), household=household, code=GOIRLE)
    vt.case(at(2024, 10, 1), household=household)
    vt.report(at(2025, 2, 1), household=household, code=TILBURG)
    tilburg, goirle = municipality(TILBURG).pk, municipality(GOIRLE).pk
    for raw in (counts(), counts(municipality_ids=(tilburg,))):
        assert raw["re_reports"][tilburg] == 1 and raw["re_reports"][TOTAL] == 1
        assert raw["re_reports_in_cases"][tilburg] == 1
    assert counts()["re_reports"][goirle] == 0


def test_unique_children_count_a_linked_child_once(vt):
    anna, bram = child(), child()
    vt.report(at(2025, 1, 1), children=[anna, bram])
    vt.report(at(2025, 2, 1), children=[anna])  # Anna again: still one child
    vt.report(at(2025, 3, 1), children=[None, None])  # two children not linked yet
    vt.report(at(2025, 3, 2), kind=Kind.ADVICE_REQUEST, children=[child()])  # advice: no
    vt.report(at(2024, 3, 1), children=[child()])  # other year
    assert counts()["unique_children"][TOTAL] == 2 + 2


def test_safety_plan_coverage_of_open_complex_cases(vt):
    end_2025 = datetime.date(2025, 12, 31)
    with_plan = vt.case(at(2025, 2, 1), origin=CaseOrigin.INVESTIGATION)
    vt.plan(with_plan, agreed_on=end_2025)
    mda = vt.case(at(2025, 2, 1), origin=CaseOrigin.MDA_PLUS)
    vt.plan(mda, agreed_on=None)  # a draft that was never agreed: no plan
    vt.case(at(2025, 2, 1), origin=CaseOrigin.CONDITIONS_AND_FOLLOW_UP)  # no plan
    late = vt.case(at(2025, 2, 1), origin=CaseOrigin.INVESTIGATION)
    vt.plan(late, agreed_on=datetime.date(2026, 1, 1))  # agreed after the period
    vt.case(at(2025, 2, 1), origin=CaseOrigin.TRIAGE_LOCAL_TEAM)  # not complex
    closed = vt.case(at(2025, 2, 1), origin=CaseOrigin.INVESTIGATION)
    vt.phase(closed, Phase.CLOSED, at(2025, 11, 1))  # not open at the end
    vt.case(at(2026, 1, 2), origin=CaseOrigin.INVESTIGATION)  # opened after the period
    raw = counts()
    assert raw["complex_open_cases"][TOTAL] == 4
    assert value("safety_plan_coverage", raw) == pytest.approx(1 / 4)
    assert REGISTRY["safety_plan_coverage"].target == 1.0


def test_phase_at_the_end_of_a_period_is_the_phase_then_not_now(vt):
    """Cases that changed phase after the period count in the phase they had at its end;
    the others in their current phase."""
    origin = CaseOrigin.INVESTIGATION
    closed_later = vt.case(at(2025, 2, 1), origin=origin)
    vt.phase(closed_later, Phase.CLOSED, at(2026, 2, 1))  # open (direct safety) at the end
    recovering = vt.case(at(2025, 2, 1), origin=origin)
    vt.phase(recovering, Phase.RECOVERY, at(2025, 6, 1))
    vt.phase(recovering, Phase.CLOSED, at(2026, 2, 1))  # in recovery at the end
    reopened = vt.case(at(2025, 2, 1), origin=origin)
    vt.phase(reopened, Phase.CLOSED, at(2025, 11, 1))
    vt.phase(reopened, Phase.DIRECT_SAFETY, at(2026, 1, 5))  # closed at the end
    in_care = vt.case(at(2025, 2, 1), origin=origin)
    vt.phase(in_care, Phase.RISK_GUIDED_CARE, at(2025, 3, 1))  # unchanged since
    phases = compute_breakdown(BREAKDOWNS["case_phases"], Scope(Y2025))
    assert (
        phases[Phase.DIRECT_SAFETY],
        phases[Phase.RISK_GUIDED_CARE],
        phases[Phase.RECOVERY],
        phases[TOTAL],
    ) == (1, 1, 1, 3)
    assert counts()["complex_open_cases"][TOTAL] == 3


def test_investigations_and_triage_timeliness(vt):
    deadline = datetime.date(2025, 3, 7)
    on_time = vt.report(at(2025, 3, 1), triage_deadline=deadline)
    vt.decide(on_time, at(2025, 3, 7, 23, 30), Outcome.INVESTIGATION)  # deadline day: on time
    late = vt.report(at(2025, 3, 1), triage_deadline=deadline)
    vt.decide(late, at(2025, 3, 8, 0, 30), Outcome.INVESTIGATION)
    third = vt.report(at(2025, 3, 1), triage_deadline=deadline)
    vt.decide(third, at(2025, 3, 3), Outcome.LOCAL_TEAM)
    earlier = vt.report(at(2024, 12, 1), triage_deadline=datetime.date(2024, 12, 6))
    vt.decide(earlier, at(2024, 12, 2), Outcome.INVESTIGATION)  # other year
    raw = counts()
    assert raw["investigations"][TOTAL] == 2
    assert value("triage_on_time_share", raw) == pytest.approx(2 / 3)
    assert REGISTRY["triage_on_time_share"].target == 0.9


def test_completion_within_10_weeks(vt):
    deadline = datetime.date(2025, 5, 10)
    reports = vt.reports(4, at(2025, 3, 1))
    for report, outcome in zip(
        reports,
        [Outcome.INVESTIGATION, Outcome.CONDITIONS_AND_FOLLOW_UP, Outcome.INVESTIGATION, "mda"],
        strict=True,
    ):
        vt.decide(report, at(2025, 3, 1), outcome, completion_deadline=deadline)
    vt.finish(reports[0], at(2025, 5, 10, 18))  # on the deadline day
    vt.finish(reports[1], at(2025, 5, 11, 9), status="handed_over")  # a day late
    vt.finish(reports[3], at(2025, 5, 1), status="handed_over")  # MDA: no completion norm
    raw = counts()  # reports[2] is not finished yet
    assert raw["completions"][TOTAL] == 2
    assert value("completion_on_time_share", raw) == pytest.approx(1 / 2)


def test_grouped_by_municipality_with_total_and_violence_filter(vt):
    vt.reports(3, at(2025, 5, 1), code=TILBURG, forms=[ViolenceForm.CHILD_ABUSE])
    vt.reports(2, at(2025, 5, 1), code=GOIRLE, forms=[ViolenceForm.PARTNER])
    raw = counts()
    assert raw["reports"][municipality(TILBURG).pk] == 3
    assert raw["reports"][municipality(GOIRLE).pk] == 2
    assert raw["reports"][TOTAL] == 5
    filtered = counts(violence_form=ViolenceForm.PARTNER)
    assert filtered["reports"][TOTAL] == 2 and filtered["reports"][municipality().pk] == 0
    only_goirle = counts(municipality_ids=(municipality(GOIRLE).pk,))
    assert only_goirle["reports"] == {municipality(GOIRLE).pk: 2, TOTAL: 2}


def test_several_periods_at_once_give_what_each_period_gives_alone(vt):
    """compute_periods() reads each source once for all periods; every count per period
    and municipality is the one it gives for that period alone."""
    household, anna = HouseholdFactory(), child()
    vt.report(at(2023, 12, 20), household=household)  # before both periods
    vt.report(at(2024, 6, 1), household=household, children=[anna])
    vt.report(at(2025, 2, 1), household=household, children=[anna, None])  # re-report
    vt.report(at(2025, 2, 2), code=GOIRLE, kind=Kind.ADVICE_REQUEST)
    vt.decide(vt.report(at(2024, 12, 31, 23)), at(2025, 1, 2), Outcome.INVESTIGATION)
    both_years = vt.case(at(2024, 5, 1), household=household)  # open in both periods
    vt.phase(both_years, Phase.RECOVERY, at(2025, 3, 1))
    closed = vt.case(at(2024, 2, 1))  # 2024 only
    vt.phase(closed, Phase.CLOSED, at(2024, 9, 1))
    Case.objects.filter(pk=closed.pk).update(closed_at=at(2024, 9, 1))
    y2024 = Period.parse("2024")
    for by_municipality in (True, False):
        together = compute_periods(Scope(Y2025), [Y2025, y2024], None, by_municipality)
        assert list(together) == [y2024, Y2025]
        for period in (y2024, Y2025):
            alone = compute_periods(Scope(period), [period], None, by_municipality)
            assert together[period] == alone[period]
    assert together[Y2025]["re_reports"][TOTAL] == 1
    assert together[y2024]["cases_during"][TOTAL] == 2
    assert together[Y2025]["cases_during"][TOTAL] == 1
    assert together[y2024]["unique_children"][TOTAL] == 1
    assert together[Y2025]["unique_children"][TOTAL] == 2
    with pytest.raises(ValueError):
        compute_periods(Scope(Y2025), [Y2025, Period.parse("2023")])


def test_totals_come_from_the_rows_not_from_the_municipality_rows(vt):
    """The total of every measure is computed in the same query as the municipality rows
    (grouping sets on PostgreSQL, one query per set on SQLite): the sum of the rows, except
    unique children, where a child named in two municipalities counts once."""
    anna = child()
    vt.report(at(2025, 3, 1), code=TILBURG, children=[anna, None], sector=Sector.POLICE)
    vt.report(at(2025, 4, 1), code=GOIRLE, children=[anna])
    vt.report(at(2025, 4, 2), code=GOIRLE, kind=Kind.ADVICE_REQUEST)
    vt.decide(vt.report(at(2025, 5, 1), code=GOIRLE), at(2025, 5, 2), Outcome.INVESTIGATION)
    vt.case(at(2025, 1, 1))
    raw = counts()
    tilburg, goirle = municipality(TILBURG).pk, municipality(GOIRLE).pk
    children = raw.pop("unique_children")
    assert (children[tilburg], children[goirle], children[TOTAL]) == (2, 1, 2)
    for name, rows in raw.items():
        assert rows[TOTAL] == sum(n for row, n in rows.items() if row != TOTAL), name
    assert raw["reports"][TOTAL] == 3 and raw["cases_during"][TOTAL] == 1


def test_grouped_rows_by_category_and_with_a_constant_slot(vt):
    """A category grouping set gives what a separate query grouped by that category gives;
    a constant (the slot of one period) is in every row, with the total row as well."""
    vt.report(at(2025, 3, 1), sector=Sector.POLICE)
    vt.reports(2, at(2025, 4, 1))
    vt.report(at(2024, 4, 1))  # other period
    queryset = reports_source(Scope(Y2025), (Y2025,)).order_by()
    sets = [("slot", "reporter_sector"), ("slot",)]
    rows = list(grouped_rows(queryset, sets, {"n": Count("pk")}))
    by_sector = {r["reporter_sector"]: r["n"] for keys, r in rows if keys == sets[0]}
    separately = queryset.values("reporter_sector").annotate(n=Count("pk"))
    assert by_sector == {r["reporter_sector"]: r["n"] for r in separately}
    assert by_sector == {Sector.POLICE: 1, Sector.CITIZEN: 2}
    assert [(r["slot"], r["n"]) for keys, r in rows if keys == sets[1]] == [(0, 3)]
    vt.case(at(2025, 1, 1))
    cases = cases_source(Scope(Y2025), (Y2025,)).order_by()
    rows = list(grouped_rows(cases, [("slot", "muni"), ("slot",)], {"n": Count("pk")}))
    assert sorted((len(keys), r["slot"], r["n"]) for keys, r in rows) == [(1, 0, 1), (2, 0, 1)]


def test_breakdowns(vt):
    vt.report(at(2025, 1, 1), forms=[ViolenceForm.PARTNER, ViolenceForm.CHILD_ABUSE])
    vt.report(at(2025, 1, 2), sector=Sector.POLICE, forms=[ViolenceForm.PARTNER])
    report = vt.report(at(2025, 1, 3), kind=Kind.ADVICE_REQUEST)
    vt.decide(vt.report(at(2025, 1, 4)), at(2025, 1, 5), Outcome.MDA)
    vt.case(at(2025, 1, 1))
    scope = Scope(Y2025)
    forms = compute_breakdown(BREAKDOWNS["violence_forms"], scope)
    assert forms[ViolenceForm.PARTNER] == 4 and forms[ViolenceForm.CHILD_ABUSE] == 1
    assert forms[TOTAL] == 4  # reports and advice requests, each once
    sectors = compute_breakdown(BREAKDOWNS["reporter_sectors"], scope)
    assert sectors[Sector.POLICE] == 1 and sectors[Sector.CITIZEN] == 2 and sectors[TOTAL] == 3
    outcomes = compute_breakdown(BREAKDOWNS["triage_outcomes"], scope)
    assert outcomes[Outcome.MDA] == 1 and outcomes[TOTAL] == 1
    phases = compute_breakdown(BREAKDOWNS["case_phases"], scope)
    assert phases[Phase.DIRECT_SAFETY] == 1 and Phase.CLOSED not in phases
    assert report.kind == Kind.ADVICE_REQUEST


def test_every_indicator_has_a_definition_direction_and_unit():
    required = {
        "advice_requests",
        "reports",
        "reports_per_10k",
        "advice_request_share",
        "non_police_report_share",
        "re_report_share",
        "re_reports_per_case",
        "unique_children",
        "elder_abuse_share",
        "safety_plan_coverage",
        "investigations",
        "triage_on_time_share",
        "completion_on_time_share",
    }
    assert required <= set(REGISTRY)
    for ind in REGISTRY.values():
        assert len(ind.definition) > 20
        assert ind.unit in {"share", "count", "per_10k", "ratio"}
        assert ind.direction in {"rise", "fall", "none"}

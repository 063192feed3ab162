"""The indexes the dashboard's period sources are read from (docs/benchmarks.md,
seventh session): without them a region's dashboard reads every case the region ever
had and every status change of the country in the period."""

import pytest
from django.db import connection

from tests.schema import indexes, plan
from veilignet.monitoring.indicators import MEASURES, Scope, cases_source, completions_source
from veilignet.monitoring.periods import Period

pytestmark = pytest.mark.django_db
PERIOD = Period.parse("2025-Q3")
REGION = Scope(PERIOD, municipality_ids=(1, 2, 3))


def test_cases_by_municipality_and_closing_serve_the_foreign_key_too():
    cases = indexes("cases_case")
    assert cases["case_by_municipality"] == ["municipality_id", "closed_at"]
    assert ["municipality_id"] not in cases.values()  # covered by the index above
    assert "phase_change_since" not in indexes("cases_phasechange")
    ended = indexes("reports_statuschange")
    assert ended["status_change_ended"][0] == "changed_at"  # PostgreSQL lists INCLUDE too
    assert "status_change_at" not in ended


def source_plan(source, periods):
    """PostgreSQL's plan of a source's measures grouped as compute_periods() groups
    them."""
    names = [name for name, m in MEASURES.items() if m.source is source]
    queryset = (
        source(REGION, periods)
        .order_by()
        .values("slot", "muni")
        .annotate(**{name: MEASURES[name].aggregate for name in names})
    )
    return plan(*queryset.query.get_compiler(connection=connection).as_sql())


@pytest.mark.skipif(connection.vendor != "postgresql", reason="reads PostgreSQL's plan")
def test_cases_of_a_period_come_from_the_municipality_index_with_probes_per_case():
    """Open or closed since the period's start: two ranges of case_by_municipality. A
    case's phase at the period's end: index-only probes of phase_change_at, not a
    hashed set of every case in the country changed since."""
    found = source_plan(cases_source, (PERIOD,))
    assert "case_by_municipality" in found
    assert "Index Only Scan using phase_change_at" in found
    assert "hashed SubPlan" not in found


@pytest.mark.skipif(connection.vendor != "postgresql", reason="reads PostgreSQL's plan")
def test_completions_come_from_the_partial_index_alone():
    """The status changes that end a follow-up are in the partial index with the
    report and id: its condition must match the source's filter."""
    found = source_plan(completions_source, (PERIOD.shifted(-1), PERIOD))
    assert "Index Only Scan using status_change_ended" in found

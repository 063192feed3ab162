"""The dashboard's queries on several connections at once (`monitoring.parallel`), and
the figures they give: the same as one after another on one connection."""

import threading

import pytest
from django.db import connection, connections
from django.utils import timezone, translation

from tests.factories import HouseholdFactory
from tests.monitoring.factories import GOIRLE, Registry, at, child
from veilignet.cases.models import Phase
from veilignet.monitoring import parallel
from veilignet.monitoring.indicators import TOTAL, Scope, compute_periods
from veilignet.monitoring.periods import Period
from veilignet.reports.models import Kind, Outcome

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="on SQLite the queries always run one after another (an in-memory database "
    "is private to its connection)",
)


def backend():
    """Which connection runs this: the server process on PostgreSQL, else the wrapper."""
    current = connections["default"]
    if current.vendor == "postgresql":
        with current.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            return cursor.fetchone()[0]
    return id(current)


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_calls_run_at_the_same_time_on_their_own_connections(settings):
    settings.VEILIGNET_MONITORING_CONNECTIONS = 3
    together = threading.Barrier(3)  # passes only when all three calls run at once

    def call(number):
        together.wait(timeout=10)
        return number, backend()

    results = parallel.run(lambda n=n: call(n) for n in range(3))
    assert [number for number, _pid in results] == [0, 1, 2]  # in the calls' order
    pids = {pid for _number, pid in results}
    assert len(pids) == 3 and backend() in pids  # the caller's connection is one of them


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_calls_run_in_the_callers_time_zone_and_language(settings):
    settings.VEILIGNET_MONITORING_CONNECTIONS = 2
    together = threading.Barrier(2)  # one call in the caller's thread, one in another

    def call():
        together.wait(timeout=10)
        return timezone.get_current_timezone_name(), translation.get_language()

    with timezone.override("UTC"), translation.override("en"):
        assert parallel.run([call, call]) == [("UTC", "en")] * 2


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_the_first_error_is_raised_in_the_caller(settings):
    settings.VEILIGNET_MONITORING_CONNECTIONS = 2

    def fail():
        raise ZeroDivisionError

    with pytest.raises(ZeroDivisionError):
        parallel.run([backend, fail, backend, backend])


@pytest.mark.django_db
def test_inside_a_transaction_the_calls_run_on_the_callers_connection(settings):
    """Other connections would not see the transaction's uncommitted rows."""
    settings.VEILIGNET_MONITORING_CONNECTIONS = 4
    assert connection.in_atomic_block  # the test's transaction
    assert parallel.run([backend, backend, backend]) == [backend()] * 3


@pytest.mark.django_db
def test_one_connection_runs_the_calls_one_after_another(settings):
    settings.VEILIGNET_MONITORING_CONNECTIONS = 1
    order = []
    assert parallel.run(lambda n=n: order.append(n) or n for n in range(4)) == [0, 1, 2, 3]
    assert order == [0, 1, 2, 3]


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_figures_on_several_connections_equal_those_on_one(settings):
    vt = Registry()
    household, anna = HouseholdFactory(), child()
    vt.report(at(2024, 6, 1), household=household, children=[anna])
    vt.report(at(2025, 2, 1), household=household, children=[anna, None])  # re-report
    vt.report(at(2025, 2, 2), code=GOIRLE, kind=Kind.ADVICE_REQUEST)
    vt.decide(vt.report(at(2025, 3, 3)), at(2025, 3, 4), Outcome.INVESTIGATION)
    case = vt.case(at(2024, 5, 1), household=household)
    vt.phase(case, Phase.RECOVERY, at(2025, 3, 1))
    periods = [Period.parse("2024"), Period.parse("2025")]
    figures = {}
    for connections_ in (1, 4):
        settings.VEILIGNET_MONITORING_CONNECTIONS = connections_
        figures[connections_] = compute_periods(Scope(periods[1]), periods)
    assert figures[4] == figures[1]
    y2025 = figures[4][periods[1]]
    assert y2025["reports"][TOTAL] == 2  # the re-report and the one decided
    assert y2025["re_reports"][TOTAL] == 1
    assert y2025["unique_children"][TOTAL] == 2  # Anna and an unlinked child
    assert y2025["investigations"][TOTAL] == 1
    assert y2025["cases_during"][TOTAL] == 1

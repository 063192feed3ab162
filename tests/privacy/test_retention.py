"""The retention job: anonymises what has expired, keeps statistics, records the run."""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.db.models import Count
from django.db.models.functions import TruncMonth

from tests.cases.factories import open_case
from tests.reports.factories import assessed, person, register, veilig_thuis, worker
from veilignet.audit.models import AuditEntry
from veilignet.cases import services as cases
from veilignet.cases.models import CaseEvent, SafetyJudgement
from veilignet.people.models import Person
from veilignet.privacy.models import RetentionRun
from veilignet.privacy.retention import apply_retention
from veilignet.reports import services as reports
from veilignet.reports.models import Kind, Outcome, Report, ReportPerson

T0 = datetime.datetime(2026, 2, 2, 10, 0, tzinfo=datetime.UTC)


def _years(n, days=0):
    return T0 + datetime.timedelta(days=365 * n + n // 4 + 1 + days)


@pytest.fixture
def vt_workers():
    organisation = veilig_thuis()
    return worker(organisation), worker(organisation)


def _closed_report(first, second, **persons):
    report = register(
        first,
        persons=[person(**persons)],
        reporter={"sector": "citizen", "anonymous": False, "name": "Buurman Jansen"},
    )
    assessed(report, first, second)
    reports.decide(first, report, Outcome.NO_FURTHER_ACTION, "Geen zorgen meer.")
    return report


def _closed_advice_request(actor):
    advice = register(actor, kind=Kind.ADVICE_REQUEST, persons=[person(first_name="Sanne")])
    reports.close(actor, advice, "Advies gegeven.")
    return advice


def _statistics():
    return list(
        Report.objects.annotate(month=TruncMonth("received_at"))
        .values("municipality", "kind", "month")
        .annotate(n=Count("pk"))
        .order_by("municipality", "kind", "month")
    )


def test_reports_are_anonymised_twenty_years_after_closure(vt_workers):
    with time_machine.travel(T0, tick=False):
        report = _closed_report(
            *vt_workers, first_name="Fatima", last_name="Yilmaz", bsn="111222333"
        )
    with time_machine.travel(_years(20, days=-2), tick=False):
        assert apply_retention().counts["report"] == 0
    with time_machine.travel(_years(20, days=2), tick=False):
        run = apply_retention()
    report.refresh_from_db()
    assert run.counts["report"] == 1 and report.anonymised_at is not None
    assert (report.concern, report.reporter_name) == ("", "")
    named = ReportPerson.objects.get(report=report)
    assert (named.first_name, named.last_name, named.bsn, named.date_of_birth) == ("", "", "", None)
    assert named.role == "victim"  # pseudonymised aggregate: the role stays
    assert report.assessments.get().rationale == "" and report.decision.rationale == ""


def test_advice_requests_go_after_five_years(vt_workers):
    with time_machine.travel(T0, tick=False):
        advice = _closed_advice_request(vt_workers[0])
        report = _closed_report(*vt_workers)
    with time_machine.travel(_years(5, days=2), tick=False):
        run = apply_retention()
    assert run.counts == run.counts | {"advice_request": 1, "report": 0}
    advice.refresh_from_db()
    report.refresh_from_db()
    assert advice.anonymised_at is not None and report.anonymised_at is None


def test_open_reports_are_never_touched(vt_workers):
    with time_machine.travel(T0, tick=False):
        report = register(vt_workers[0], persons=[person(first_name="Open")])
    with time_machine.travel(_years(40), tick=False):
        apply_retention()
    assert Report.objects.get(pk=report.pk).anonymised_at is None
    assert ReportPerson.objects.get(report=report).first_name == "Open"


def test_statistics_per_municipality_and_month_stay_the_same(vt_workers):
    with time_machine.travel(T0, tick=False):
        for _ in range(3):
            _closed_report(*vt_workers, first_name="A")
        _closed_advice_request(vt_workers[0])
    with time_machine.travel(T0 + datetime.timedelta(days=40), tick=False):
        _closed_report(*vt_workers, first_name="B")
    before = _statistics()
    with time_machine.travel(_years(21), tick=False):
        run = apply_retention()
    assert run.counts["report"] == 4 and run.counts["advice_request"] == 1
    assert _statistics() == before
    assert Report.objects.filter(anonymised_at__isnull=True).count() == 0


def test_cases_and_their_persons_are_anonymised_after_closure():
    with time_machine.travel(T0, tick=False):
        case = open_case()
        coordinator = case.members.get(case_role="coordinator").user
        cases.add_note(coordinator, case, "Moeder vertelt over de avond van het incident.")
        cases.close_case(
            coordinator, case, "Veilig", SafetyJudgement.SAFE_ENOUGH, "Rust in huis", []
        )
        persons = [m.person_id for m in case.household.members.all()]
    with time_machine.travel(_years(20, days=2), tick=False):
        run = apply_retention()
    assert run.counts["case"] == 1 and run.counts["person"] == len(persons)
    case.refresh_from_db()
    assert case.anonymised_at is not None
    assert not CaseEvent.objects.filter(case=case).exclude(text="").exists()
    assert case.assessments.exclude(rationale="").count() == 0
    for anonymous in Person.objects.filter(pk__in=persons):
        assert (anonymous.first_name, anonymous.bsn, anonymous.date_of_birth) == ("", "", None)
        assert anonymous.gender  # kept for statistics


def test_persons_with_a_live_case_are_kept():
    with time_machine.travel(T0, tick=False):
        case = open_case()
    with time_machine.travel(_years(30), tick=False):
        run = apply_retention()
    assert run.counts["person"] == 0
    assert all(m.person.last_name for m in case.household.members.select_related("person"))


def test_audit_entries_are_deleted_after_their_period_and_the_run_is_recorded(vt_workers):
    with time_machine.travel(T0, tick=False):
        register(vt_workers[0])
    old = AuditEntry.objects.count()
    assert old > 0
    with time_machine.travel(_years(5, days=-2), tick=False):
        register(vt_workers[0])
    with time_machine.travel(_years(5, days=2), tick=False):
        run = apply_retention()
    assert run.counts["audit_entry"] == old
    assert not AuditEntry.objects.filter(timestamp__lt=T0 + datetime.timedelta(days=1)).exists()
    entry = AuditEntry.objects.get(event="retention_applied")
    assert entry.object_id == str(run.pk) and entry.user is None
    assert set(run.counts) == {"report", "advice_request", "case", "person", "audit_entry"}
    assert all(isinstance(v, int) for v in run.counts.values())  # counts, no personal data


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL")
def test_outside_the_job_postgresql_still_refuses_deletion(vt_workers):
    register(vt_workers[0])
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM audit_auditentry")
    # After the job's transaction the setting is off again.
    apply_retention()
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM audit_auditentry")


def test_the_command_prints_counts(capsys):
    call_command("apply_retention")
    out = capsys.readouterr().out
    assert "audit_entry: 0" in out and RetentionRun.objects.count() == 1


def test_retention_runs_page_shows_counts(login, make_user):
    apply_retention()
    response = login(make_user(role="functional_admin")).get("/privacy/retention/")
    assert response.status_code == 200 and "audit_entry" in response.content.decode()

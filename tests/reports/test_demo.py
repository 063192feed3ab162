"""The synthetic demo reports: deterministic, consistent with the rules, realistic mix."""

import datetime

import pytest
import time_machine
from django.db import transaction
from django.urls import reverse

from tests.reports.factories import drifted_copies, veilig_thuis, worker
from veilignet.accounts.models import Role
from veilignet.audit.models import AuditEntry
from veilignet.deadlines import AMSTERDAM
from veilignet.reports.demo import seed_reports
from veilignet.reports.models import Kind, Report, SafetyAssessment, Status, TriageDecision

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2026, 6, 15, 12, tzinfo=AMSTERDAM)


@pytest.fixture
def team():
    vt = veilig_thuis()
    return vt, [worker(vt), worker(vt), worker(vt, role=Role.TEAM_LEAD)]


def signature():
    # Sorted on every column: rows received in the same minute must not depend on the
    # order in which the database happens to return them.
    return sorted(
        Report.objects.values_list(
            "received_at", "kind", "status", "reporter_sector", "is_re_report"
        )
    )


@time_machine.travel(NOW, tick=False)
def test_same_seed_gives_the_same_data(team):
    vt, workers = team
    runs = []
    for _ in range(2):
        with transaction.atomic():
            seed_reports(vt, workers, seed=7, years=0.1)
            runs.append(signature())
            transaction.set_rollback(True)
    assert runs[0] == runs[1] and len(runs[0]) > 100


@time_machine.travel(NOW, tick=False)
def test_demo_reports_follow_the_rules_and_proportions(team, login):
    vt, workers = team
    count = seed_reports(vt, workers, seed=7, years=0.25)
    reports = Report.objects.filter(kind=Kind.REPORT)
    advice = Report.objects.filter(kind=Kind.ADVICE_REQUEST)
    # ~480,000 inhabitants: ~1,300 advice requests and ~2,600 reports a year.
    assert count == Report.objects.count()
    assert 280 <= advice.count() <= 370 and 600 <= reports.count() <= 720
    police = reports.filter(reporter_sector="police").count() / reports.count()
    assert 0.5 < police < 0.7
    linked = reports.exclude(household=None)
    assert 0.2 < linked.filter(is_re_report=True).count() / linked.count() < 0.4
    for decision in TriageDecision.objects.select_related("assessment"):
        assert decision.assessment.confirmed_by_id not in (None, decision.assessment.assessed_by_id)
    assert not SafetyAssessment.objects.filter(confirmed_by=None, report__decision__isnull=False)
    assert drifted_copies() == []  # the report's columns on its rows, for monitoring
    assert reports.filter(status__in=[Status.REGISTERED, Status.IN_TRIAGE]).exists()
    assert AuditEntry.objects.filter(event="demo_record_created").count() >= count
    response = login(workers[0]).get(reverse("reports:worklist"))
    assert response.status_code == 200 and response.context["page"].paginator.count > 10

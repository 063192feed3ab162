"""The report's columns copied onto the rows monitoring counts (children, forms of
violence, triage decisions) follow the report on every write path."""

import datetime
import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection

from tests.reports.factories import (
    assessed,
    drifted_copies,
    person,
    register,
    veilig_thuis,
    worker,
)
from veilignet.people.models import MemberRole
from veilignet.regions.models import Municipality
from veilignet.reports import services
from veilignet.reports.models import (
    REPORT_COPY_MODELS,
    Kind,
    Outcome,
    Report,
    ReportPerson,
    ReportViolence,
    TriageDecision,
    ViolenceForm,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice():
    return worker(veilig_thuis())


@pytest.fixture
def decided(alice):
    """A report with a child, two forms of violence and a triage decision."""
    report = register(
        alice,
        persons=[person(MemberRole.CHILD, first_name="Sem")],
        violence_forms=[ViolenceForm.PARTNER, ViolenceForm.CHILD_ABUSE],
    )
    assessed(report, alice, worker(alice.organisation))
    services.decide(alice, report, Outcome.INVESTIGATION, "Onderzoek nodig.")
    return report


@pytest.fixture
def tilburg():
    return Municipality.objects.get(cbs_code="GM0855")


@pytest.fixture
def breda():
    return Municipality.objects.get(cbs_code="GM0758")


def copies(report, column):
    """The values its rows hold of their copies of the report's `column`."""
    return {
        value
        for model in REPORT_COPY_MODELS
        for copy, source in model.REPORT_COPIES.items()
        if source == column
        for value in model.objects.filter(report=report).values_list(copy, flat=True)
    }


def test_the_services_write_the_copies(decided):
    assert ReportPerson.objects.filter(report=decided).count() == 1
    assert ReportViolence.objects.filter(report=decided).count() == 2
    assert TriageDecision.objects.filter(report=decided).count() == 1
    assert drifted_copies() == []
    decision = TriageDecision.objects.get(report=decided)
    assert decision.report_triage_deadline == decided.triage_deadline
    assert decision.report_municipality_id == decided.municipality_id


def test_conversion_copies_the_new_reports_columns(alice):
    advice = register(alice, kind=Kind.ADVICE_REQUEST, persons=[person(MemberRole.CHILD)])
    report = services.convert_to_report(alice, advice)
    assert report.received_at != advice.received_at
    assert copies(report, "kind") == {Kind.REPORT}
    assert copies(advice, "kind") == {Kind.ADVICE_REQUEST}
    assert drifted_copies() == []


@pytest.mark.parametrize("update_fields", [None, ["municipality", "received_at"]])
def test_saving_a_changed_report_updates_its_copies(decided, breda, update_fields):
    report = Report.objects.get(pk=decided.pk)
    report.municipality = breda
    report.received_at -= datetime.timedelta(days=3)
    report.save(update_fields=update_fields)
    assert copies(report, "municipality_id") == {breda.pk}
    assert copies(report, "received_at") == {report.received_at}
    assert drifted_copies() == []


def test_a_change_not_saved_is_not_copied(decided, breda, tilburg):
    decided.municipality = breda
    decided.save(update_fields=["status"])
    assert copies(decided, "municipality_id") == {tilburg.pk}
    assert drifted_copies() == []


# A new value for each report column that is copied.
CHANGES = {
    "municipality": lambda: Municipality.objects.get(cbs_code="GM0758"),
    "kind": lambda: Kind.ADVICE_REQUEST,
    "received_at": lambda: datetime.datetime(2025, 3, 1, 9, tzinfo=datetime.UTC),
    "triage_deadline": lambda: datetime.date(2025, 3, 8),
}


@pytest.mark.parametrize("field", CHANGES)
def test_updating_reports_in_bulk_updates_their_copies(decided, field):
    # Filtered on a column the update changes: the reports are taken before the update.
    reports = Report.objects.filter(municipality=decided.municipality, kind=decided.kind)
    assert reports.update(**{field: CHANGES[field]()}) == 1
    assert drifted_copies() == []


def test_bulk_updating_reports_updates_their_copies(decided):
    report = Report.objects.get(pk=decided.pk)
    for field, value in CHANGES.items():
        setattr(report, field, value())
    assert Report.objects.bulk_update([report], list(CHANGES)) == 1
    assert drifted_copies() == []


def test_the_migrations_backfill_fills_every_copy(decided, breda):
    for model in REPORT_COPY_MODELS:
        model.objects.update(report_municipality=breda)
    ReportPerson.objects.update(report_kind=Kind.ADVICE_REQUEST)
    assert len(drifted_copies()) == 4
    migration = importlib.import_module("veilignet.reports.migrations.0008_report_copies")
    migration.backfill(apps, SimpleNamespace(connection=connection))
    assert drifted_copies() == []

"""The audit trail: written on every personal-data view, append-only, searchable by auditors."""

import datetime

import pytest
import time_machine
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from tests.factories import UserFactory, household_with_members
from veilignet.accounts.models import Role
from veilignet.audit.models import AppendOnlyError, AuditEntry


def test_household_view_writes_one_entry_per_person_shown(login, case_worker):
    household = household_with_members(case_worker, size=3)
    login(case_worker).get(reverse("people:household_detail", args=[household.pk]))
    entries = AuditEntry.objects.filter(event="household_viewed")
    assert entries.count() == 3
    assert set(entries.values_list("person_id", flat=True)) == set(
        household.members.values_list("person_id", flat=True)
    )
    entry = entries.first()
    assert entry.user == case_worker
    assert entry.username == case_worker.username
    assert entry.organisation == case_worker.organisation.name
    assert entry.role == Role.CASE_WORKER
    assert entry.action == "view"
    assert entry.purpose == "case_work"
    assert entry.object_type == "people.household"
    assert entry.object_id == str(household.pk)


@pytest.mark.parametrize(
    ("url_name", "event", "of"),
    [
        ("people:household_list", "household_list_viewed", None),
        ("people:household_detail", "household_viewed", "household"),
        ("people:person_detail", "person_viewed", "person"),
    ],
)
def test_every_personal_data_view_is_audited(login, case_worker, url_name, event, of):
    household = household_with_members(case_worker)
    person = household.members.first().person
    args = {"household": [household.pk], "person": [person.pk], None: []}[of]
    before = AuditEntry.objects.count()
    response = login(case_worker).get(reverse(url_name, args=args))
    assert response.status_code == 200
    assert AuditEntry.objects.filter(event=event, user=case_worker).exists()
    assert AuditEntry.objects.count() > before


def test_team_lead_reads_are_audited_as_supervision(login, case_worker):
    lead = UserFactory(role=Role.TEAM_LEAD, organisation=case_worker.organisation)
    household = household_with_members(case_worker)
    login(lead).get(reverse("people:household_detail", args=[household.pk]))
    assert set(AuditEntry.objects.filter(user=lead).values_list("purpose", flat=True)) == {
        "supervision"
    }


def _entry(user):
    household = household_with_members(user, size=1)
    from veilignet.audit import events

    events.household_created(user, household)
    return AuditEntry.objects.get(event="household_created")


def test_entries_cannot_be_changed_or_deleted_through_the_orm(case_worker):
    entry = _entry(case_worker)
    entry.detail = "tampered"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).update(detail="tampered")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.bulk_update([entry], ["detail"])
    assert AuditEntry.objects.get(pk=entry.pk).detail == ""


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="database-level guard exists on PostgreSQL only"
)
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_auditentry SET detail = 'tampered' WHERE id = %s",
        "DELETE FROM audit_auditentry WHERE id = %s",
    ],
)
def test_raw_sql_cannot_change_or_delete_entries_on_postgresql(case_worker, sql):
    entry = _entry(case_worker)
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql, [entry.pk])
    assert AuditEntry.objects.get(pk=entry.pk).detail == ""


def test_auditor_searches_by_person_user_and_period(login, case_worker):
    auditor = UserFactory(role=Role.AUDITOR, organisation=case_worker.organisation)
    colleague = UserFactory(organisation=case_worker.organisation)
    household = household_with_members(case_worker, size=2)
    first, second = (m.person for m in household.members.all())
    with time_machine.travel(datetime.datetime(2026, 1, 10, 10, tzinfo=datetime.UTC)):
        login(case_worker).get(reverse("people:person_detail", args=[first.pk]))
    household.access.create(user=colleague, organisation=colleague.organisation, reason="report")
    with time_machine.travel(datetime.datetime(2026, 2, 10, 10, tzinfo=datetime.UTC)):
        login(colleague).get(reverse("people:person_detail", args=[second.pk]))
    client = login(auditor)
    url = reverse("audit:search")

    def events(**params):
        page = client.get(url, params).context["page"]
        return [(e.username, e.person_id) for e in page.object_list if e.event == "person_viewed"]

    assert events(person=first.pk) == [(case_worker.username, first.pk)]
    assert events(bsn=second.bsn) == [(colleague.username, second.pk)]
    assert events(username=colleague.username) == [(colleague.username, second.pk)]
    assert events(start="2026-02-01", end="2026-02-28") == [(colleague.username, second.pk)]
    assert events(start="2026-01-01", end="2026-01-31") == [(case_worker.username, first.pk)]
    invalid = client.get(url, {"start": "2026-02-01", "end": "2026-01-01"})
    assert "De einddatum ligt vóór de begindatum." in invalid.content.decode()
    # Searching the trail is itself recorded.
    assert AuditEntry.objects.filter(event="audit_trail_searched", user=auditor).count() >= 5


@pytest.mark.parametrize("role", [Role.CASE_WORKER, Role.TEAM_LEAD, Role.POLICY_OFFICER])
def test_only_auditors_read_the_trail(login, role):
    assert login(UserFactory(role=role)).get(reverse("audit:search")).status_code == 403

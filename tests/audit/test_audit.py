"""The audit trail: written on every personal-data view, append-only, searchable by auditors."""

import datetime

import pytest
import time_machine
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from tests.factories import UserFactory, household_with_members
from tests.schema import indexes
from veilignet.accounts.models import Role
from veilignet.audit import events
from veilignet.audit.models import AppendOnlyError, AuditEntry, Purpose


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


def test_entries_of_a_list_are_written_in_batches_with_one_time(case_worker):
    """`_insert` writes plain multi-row INSERTs of at most BATCH rows: every entry of a
    long list arrives, stamped with the same time, and the time compares with ORM-written
    times (SQLite stores them as text)."""
    households = [household_with_members(case_worker, size=1) for _ in range(3)]
    objects = households * (events.BATCH // 3 + 1)  # more entries than one batch holds
    moment = datetime.datetime(2026, 3, 2, 9, 5, 7, 123456, tzinfo=datetime.UTC)
    with time_machine.travel(moment, tick=False):
        events.household_list_viewed(case_worker, objects, Purpose.CASE_WORK)
    entries = AuditEntry.objects.filter(event="household_list_viewed")
    assert len(objects) > events.BATCH and entries.count() == len(objects)
    assert set(entries.values_list("timestamp", flat=True)) == {moment}
    assert entries.filter(timestamp__gte=moment, timestamp__lt=moment.replace(second=8)).count()
    entry = entries.filter(object_id=str(households[1].pk)).first()
    assert (entry.user, entry.username, entry.organisation, entry.role) == (
        case_worker,
        case_worker.username,
        case_worker.organisation.name,
        Role.CASE_WORKER,
    )
    assert (entry.action, entry.purpose, entry.object_type, entry.person_id, entry.detail) == (
        "list",
        "case_work",
        "people.household",
        None,
        "",
    )


def test_alike_entries_are_each_written(case_worker):
    """Entries that share every value (one person shown twice) are still one row each."""
    household = household_with_members(case_worker, size=1)
    person = household.members.get().person
    events.household_viewed(case_worker, household, [person, person], Purpose.CASE_WORK)
    entries = AuditEntry.objects.filter(event="household_viewed", person_id=person.pk)
    assert entries.count() == 2


def test_a_batch_without_persons_before_one_with_a_person(case_worker):
    """A column NULL in a whole batch is sent as a shared NULL (a VALUES column of NULLs
    has no type on PostgreSQL), and as values in the next batch."""
    household = household_with_members(case_worker, size=1)
    person = household.members.get().person
    events.demo_records_created(case_worker, [household] * events.BATCH + [person])
    entries = AuditEntry.objects.filter(event="demo_record_created")
    assert entries.count() == events.BATCH + 1
    assert list(entries.exclude(person_id=None).values_list("person_id", flat=True)) == [person.pk]


def test_entries_carry_no_index_that_another_covers():
    """Every page view inserts entries: the user's and the person's entries are found
    through the (column, timestamp) indexes, with no single-column index beside them."""
    indexed = list(indexes("audit_auditentry").values())
    assert ["user_id", "timestamp"] in indexed and ["person_id", "timestamp"] in indexed
    assert ["user_id"] not in indexed and ["person_id"] not in indexed

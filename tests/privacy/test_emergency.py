"""Emergency access: role, reason, expiry, notifications, review; all audited."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.cases.factories import open_case
from tests.factories import OrganisationFactory, UserFactory
from veilignet.accounts.models import OrganisationType, Role
from veilignet.audit.models import AuditEntry
from veilignet.cases.models import Case, Notification, NotificationKind
from veilignet.privacy import services
from veilignet.privacy.models import EmergencyAccess
from veilignet.regions.models import Municipality

REASON = "Moeder belt in paniek, coördinator is onbereikbaar."
NOW = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture
def vt():
    return OrganisationFactory(type=OrganisationType.VEILIG_THUIS)


@pytest.fixture
def worker(vt):
    return UserFactory(organisation=vt, role=Role.CASE_WORKER)


@pytest.fixture
def officer(vt):
    return UserFactory(organisation=vt, role=Role.PRIVACY_OFFICER)


@pytest.fixture
def case():
    return open_case()


def test_without_grant_the_case_is_closed_to_a_non_member(worker, case):
    assert not Case.objects.for_user(worker).filter(pk=case.pk).exists()


def test_a_reason_is_required(worker, case):
    with pytest.raises(ValidationError, match="minstens 20 tekens"):
        services.grant_emergency_access(worker, case, "dringend")
    assert not EmergencyAccess.objects.exists()


@pytest.mark.parametrize("role", [Role.DIRECTOR, Role.AUDITOR, Role.PRIVACY_OFFICER])
def test_other_roles_cannot_break_the_glass(vt, case, role):
    with pytest.raises(ValidationError):
        services.grant_emergency_access(UserFactory(organisation=vt, role=role), case, REASON)


def test_only_veilig_thuis_staff_can_break_the_glass(case):
    school = OrganisationFactory(type=OrganisationType.SCHOOL)
    with pytest.raises(ValidationError):
        services.grant_emergency_access(UserFactory(organisation=school), case, REASON)


def test_not_in_another_region(case):
    other = OrganisationFactory(
        type=OrganisationType.VEILIG_THUIS,
        region=Municipality.objects.exclude(region=case.household.municipality.region)
        .first()
        .region,
    )
    with pytest.raises(ValidationError, match="eigen regio"):
        services.grant_emergency_access(UserFactory(organisation=other), case, REASON)


def test_access_lasts_the_configured_hours(worker, case, settings):
    settings.VEILIGNET_EMERGENCY_ACCESS_HOURS = 4
    with time_machine.travel(NOW, tick=False):
        services.grant_emergency_access(worker, case, REASON)
        assert Case.objects.for_user(worker).filter(pk=case.pk).exists()
    with time_machine.travel(NOW + datetime.timedelta(hours=3, minutes=59), tick=False):
        assert Case.objects.for_user(worker).filter(pk=case.pk).exists()
    with time_machine.travel(NOW + datetime.timedelta(hours=4), tick=False):
        assert not Case.objects.for_user(worker).filter(pk=case.pk).exists()


def test_coordinator_and_privacy_officer_are_notified(worker, officer, case):
    coordinator = case.members.get(case_role="coordinator").user
    services.grant_emergency_access(worker, case, REASON)
    notified = Notification.objects.filter(kind=NotificationKind.EMERGENCY_ACCESS, case=case)
    assert set(notified.values_list("user", flat=True)) == {coordinator.pk, officer.pk}
    assert notified.get(user=officer).path == "/privacy/emergency/review/"


def test_the_grant_is_audited(worker, case):
    grant = services.grant_emergency_access(worker, case, REASON)
    entry = AuditEntry.objects.get(event="emergency_access_granted")
    assert (entry.user, entry.object_id, entry.purpose) == (worker, str(case.pk), "privacy")
    assert REASON not in entry.detail and f"grant={grant.pk}" in entry.detail


def test_through_the_page_the_case_opens(login, worker, case):
    client = login(worker)
    assert client.get(f"/cases/{case.pk}/").status_code == 404
    response = client.post("/privacy/emergency/", {"case": case.reference, "reason": REASON})
    assert response.status_code == 302 and response.url == f"/cases/{case.pk}/"
    assert client.get(f"/cases/{case.pk}/").status_code == 200


def test_the_page_answers_bad_input_in_dutch_and_saves_nothing(login, worker, case):
    response = login(worker).post("/privacy/emergency/", {"case": "onzin", "reason": "kort"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "Vul een casusnummer in" in content and "minstens 20 tekens" in content
    assert not EmergencyAccess.objects.exists()


def test_review_list_shows_unreviewed_until_reviewed(login, worker, officer, case):
    grant = services.grant_emergency_access(worker, case, REASON)
    other_org_grant = services.grant_emergency_access(
        UserFactory(organisation=OrganisationFactory(type=OrganisationType.VEILIG_THUIS)),
        open_case(),
        REASON,
    )
    client = login(officer)
    page = client.get("/privacy/emergency/review/")
    assert list(page.context["page"].object_list) == [grant]
    assert other_org_grant not in page.context["page"].object_list
    client.post(f"/privacy/emergency/{grant.pk}/review/", {"note": "Terecht gebruikt."})
    grant.refresh_from_db()
    assert grant.reviewed_by == officer and grant.review_note == "Terecht gebruikt."
    assert list(client.get("/privacy/emergency/review/").context["page"].object_list) == []
    assert grant in client.get("/privacy/emergency/review/?all=1").context["page"].object_list
    assert AuditEntry.objects.filter(event="emergency_access_reviewed", user=officer).exists()


def test_a_review_is_recorded_once(worker, officer, case):
    grant = services.grant_emergency_access(worker, case, REASON)
    services.review_emergency_access(officer, grant, "Terecht.")
    with pytest.raises(ValidationError):
        services.review_emergency_access(officer, grant, "Nog eens.")


def test_review_list_query_count_does_not_grow(login, officer, vt, django_assert_max_num_queries):
    client = login(officer)
    for _ in range(3):
        services.grant_emergency_access(UserFactory(organisation=vt), open_case(), REASON)
    with django_assert_max_num_queries(12):
        client.get("/privacy/emergency/review/")
    for _ in range(10):
        services.grant_emergency_access(UserFactory(organisation=vt), open_case(), REASON)
    with django_assert_max_num_queries(12):
        assert len(client.get("/privacy/emergency/review/").context["page"].object_list) == 13


def test_expired_grants_stay_on_the_review_list(worker, officer, case):
    with time_machine.travel(timezone.now() - datetime.timedelta(days=2)):
        grant = services.grant_emergency_access(worker, case, REASON)
    assert not grant.is_active
    assert list(EmergencyAccess.objects.for_reviewer(officer).unreviewed()) == [grant]

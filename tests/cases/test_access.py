"""Need-to-know: non-members never see a case, in detail, lists, search or counts."""

import pytest

from tests.cases.factories import agreed_plan, open_case, professional
from veilignet.accounts.models import Role
from veilignet.audit.models import AuditEntry
from veilignet.cases import services
from veilignet.cases.models import Case, CaseRole, LeaveReason, SafetyPlanVersion


@pytest.fixture
def case():
    return open_case()


def coordinator_of(case):
    return case.members.get(case_role=CaseRole.COORDINATOR, left_at__isnull=True).user


def test_non_member_gets_404_and_the_attempt_is_audited(case, login):
    outsider = professional()
    client = login(outsider)
    for url in (f"/cases/{case.pk}/", f"/cases/{case.pk}/timeline/", f"/cases/{case.pk}/plan/"):
        assert client.get(url).status_code == 404
    denied = AuditEntry.objects.filter(user=outsider, event="access_denied")
    assert denied.count() == 3
    assert set(denied.values_list("object_id", flat=True)) == {str(case.pk)}


def test_non_member_sees_nothing_in_list_search_or_counts(case, login):
    outsider = professional()
    open_case(outsider)
    client = login(outsider)
    listing = client.get("/cases/")
    assert f"/cases/{case.pk}/".encode() not in listing.content
    assert b"1 case" in listing.content or b"1 casus" in listing.content
    search = client.get("/cases/", {"q": case.reference})
    assert f"/cases/{case.pk}/".encode() not in search.content
    assert search.context["page"].paginator.count == 0
    counts = dict((v, n) for v, _label, n in search.context["phases"])
    assert counts["direct_safety"] == 1
    assert Case.objects.for_user(outsider).count() == 1


def test_non_member_cannot_open_the_plan_print_view(case, login):
    plan = agreed_plan(coordinator_of(case), case)
    outsider = professional()
    assert login(outsider).get(f"/cases/plans/{plan.pk}/print/").status_code == 404
    assert not SafetyPlanVersion.objects.for_user(outsider).exists()
    assert AuditEntry.objects.filter(user=outsider, event="access_denied").exists()


def test_member_sees_and_view_is_audited_with_persons(case, login):
    coordinator = coordinator_of(case)
    response = login(coordinator).get(f"/cases/{case.pk}/")
    assert response.status_code == 200
    entries = AuditEntry.objects.filter(user=coordinator, event="case_viewed")
    assert entries.count() == case.household.members.count()


def test_team_lead_supervises_cases_of_her_organisation_only(case, make_user):
    coordinator = coordinator_of(case)
    lead = make_user(role=Role.TEAM_LEAD, organisation=coordinator.organisation)
    other_lead = make_user(role=Role.TEAM_LEAD)
    assert list(Case.objects.for_user(lead)) == [case]
    assert not Case.objects.for_user(other_lead).exists()


def test_leaving_ends_access(case):
    therapist = professional()
    member = services.add_member(coordinator_of(case), case, therapist, CaseRole.THERAPIST)
    assert Case.objects.for_user(therapist).exists()
    services.leave_case(therapist, member, LeaveReason.TASK_DONE)
    assert not Case.objects.for_user(therapist).exists()


def test_roles_without_case_work_see_no_cases(case, make_user):
    for role in (Role.DIRECTOR, Role.POLICY_OFFICER, Role.AUDITOR, Role.BOARD_MEMBER):
        user = make_user(role=role, organisation=coordinator_of(case).organisation)
        assert not Case.objects.for_user(user).exists()


def test_policy_officer_cannot_reach_the_case_pages(case, login, make_user):
    user = make_user(role=Role.POLICY_OFFICER)
    assert login(user).get("/cases/").status_code == 403

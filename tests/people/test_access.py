"""Need-to-know: households and persons only through an access grant (or team lead of it)."""

import pytest
from django.urls import reverse

from tests.factories import OrganisationFactory, UserFactory, household_with_members
from veilignet.accounts.models import Role
from veilignet.audit.models import AuditEntry
from veilignet.people.models import Household, Person


def test_worker_sees_only_households_with_a_grant(login, case_worker):
    mine = household_with_members(case_worker)
    colleague = UserFactory(organisation=case_worker.organisation)
    theirs = household_with_members(colleague)
    assert list(Household.objects.for_user(case_worker)) == [mine]
    listing = login(case_worker).get(reverse("people:household_list")).content.decode()
    assert mine.reference in listing
    assert theirs.reference not in listing
    assert "1 huishouden" in listing  # the count does not leak others either


def test_non_member_gets_404_and_the_attempt_is_audited(login, case_worker):
    other = household_with_members(UserFactory())
    person = other.members.first().person
    client = login(case_worker)
    assert client.get(reverse("people:household_detail", args=[other.pk])).status_code == 404
    assert client.get(reverse("people:person_detail", args=[person.pk])).status_code == 404
    assert client.get(reverse("people:person_update", args=[person.pk])).status_code == 404
    assert client.get(reverse("people:member_add", args=[other.pk])).status_code == 404
    denied = AuditEntry.objects.filter(event="access_denied", user=case_worker)
    assert denied.count() == 4


def test_team_lead_supervises_own_organisation_only(case_worker):
    lead = UserFactory(role=Role.TEAM_LEAD, organisation=case_worker.organisation)
    other_lead = UserFactory(role=Role.TEAM_LEAD, organisation=OrganisationFactory())
    household = household_with_members(case_worker)
    assert list(Household.objects.for_user(lead)) == [household]
    assert not Household.objects.for_user(other_lead).exists()
    assert Person.objects.for_user(lead).count() == 3
    assert not Person.objects.for_user(other_lead).exists()


@pytest.mark.parametrize(
    "role",
    [Role.DIRECTOR, Role.POLICY_OFFICER, Role.BOARD_MEMBER, Role.FUNCTIONAL_ADMIN, Role.AUDITOR],
)
def test_roles_without_household_work_are_refused(login, role):
    user = UserFactory(role=role)
    household = household_with_members(user)  # even a stray grant opens nothing
    assert not Household.objects.for_user(user).exists()
    client = login(user)
    assert client.get(reverse("people:household_list")).status_code == 403
    assert client.get(reverse("people:household_detail", args=[household.pk])).status_code == 403


def test_anonymous_user_sees_nothing():
    from django.contrib.auth.models import AnonymousUser

    household_with_members(UserFactory())
    assert not Household.objects.for_user(AnonymousUser()).exists()
    assert not Person.objects.for_user(AnonymousUser()).exists()

"""Onboarding: new members are pointed to their page; the platform sees who has not."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from tests.factories import OrganisationFactory, UserFactory
from tests.governance import factories as f
from veilignet.accounts.models import OrganisationType, Role
from veilignet.governance import services
from veilignet.governance.models import Membership, Notification, OnboardingVisit
from veilignet.governance.services import GovernanceError


def test_a_new_member_sees_onboarding_and_the_platform_knows(login, client):
    board = f.board_member()
    net = f.network(board)
    net.ambition = "Geweld eerder in beeld"
    net.save()
    organisation = OrganisationFactory(type=OrganisationType.SCHOOL)
    newcomer = UserFactory(organisation=organisation, role=Role.TEAM_LEAD)
    membership = services.add_member(board, net, organisation=organisation, representative=newcomer)
    f.action(board, net, owner=UserFactory(organisation=organisation), title="Scholing meldcode")
    url = reverse("governance:onboarding", args=[net.pk])
    assert Notification.objects.get(user=newcomer).url == url

    overview = login(board).get(reverse("governance:overview")).content.decode()
    # As the page shows the name: escaped (Faker's Dutch names include "'s Gravensande").
    assert escape(str(newcomer)) in overview.split("inwerkpagina nog niet hebben gezien")[1]

    page = login(newcomer).get(url).content.decode()
    assert "Geweld eerder in beeld" in page and "Scholing meldcode" in page
    login(newcomer).get(url)  # a second visit is not a second row
    assert OnboardingVisit.objects.filter(membership=membership).count() == 1
    seen = Membership.objects.with_onboarding_seen().get(pk=membership.pk)
    assert seen.onboarding_seen


def test_onboarding_is_for_members_only(login):
    board = f.board_member()
    net = f.network(board)
    url = reverse("governance:onboarding", args=[net.pk])
    assert login(UserFactory()).get(url).status_code == 404


def test_a_municipal_lead_must_represent_a_municipality():
    board = f.board_member()
    net = f.network(board)
    police = OrganisationFactory(type=OrganisationType.POLICE)
    user = UserFactory(organisation=police)
    with pytest.raises(GovernanceError):
        services.add_member(
            board, net, organisation=police, representative=user, lead_role="municipal_lead"
        )
    with pytest.raises(GovernanceError):
        services.add_member(board, net, organisation=police, representative=board)

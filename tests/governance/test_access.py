"""Every governance view declares its policy; governance pages are for governance roles."""

import pytest
from django.urls import get_resolver, reverse

from tests.factories import UserFactory
from tests.governance import factories as f
from veilignet.accounts.models import Role
from veilignet.core.access import policy_of
from veilignet.governance.models import GOVERNANCE_ROLES
from veilignet.regions.models import Region

GOVERNANCE_ONLY = [
    "governance:network_create",
    "governance:objective_list",
    "governance:objective_create",
    "governance:work_agenda",
    "governance:evaluation_list",
    "governance:evaluation_send",
    "governance:questionnaire_create",
]


def test_every_governance_view_declares_a_policy():
    resolver = get_resolver()
    patterns = resolver.url_patterns
    governance = next(p for p in patterns if getattr(p, "namespace", None) == "governance")
    for pattern in governance.url_patterns:
        assert policy_of(pattern.callback) is not None, pattern.name


@pytest.mark.parametrize("name", GOVERNANCE_ONLY)
@pytest.mark.parametrize("role", [Role.CASE_WORKER, Role.TEAM_LEAD, Role.AUDITOR])
def test_governance_pages_refuse_other_roles(login, name, role):
    assert login(UserFactory(role=role)).get(reverse(name)).status_code == 403


@pytest.mark.parametrize("role", GOVERNANCE_ROLES)
def test_governance_roles_run_governance(login, role):
    client = login(UserFactory(role=role))
    for name in GOVERNANCE_ONLY:
        assert client.get(reverse(name)).status_code == 200, name


def test_every_role_can_report_and_open_the_overview(login):
    for role in Role:
        client = login(UserFactory(role=role))
        assert client.get(reverse("governance:overview")).status_code == 200
        assert client.get(reverse("governance:bottleneck_create")).status_code == 200


def test_another_region_is_invisible(login):
    board = f.board_member()
    net = f.network(board)
    bottleneck = f.bottleneck(board, net)
    west = UserFactory(
        role=Role.BOARD_MEMBER, organisation__region=Region.objects.get(slug="west-brabant")
    )
    client = login(west)
    assert client.get(reverse("governance:network_detail", args=[net.pk])).status_code == 404
    url = reverse("governance:bottleneck_detail", args=[bottleneck.pk])
    assert client.get(url).status_code == 404


def test_navigation_offers_governance_to_everyone(login, case_worker):
    page = login(case_worker).get("/").content.decode()
    assert reverse("governance:overview") in page


def test_form_pages_render(login):
    board = f.board_member()
    net = f.network(board)
    bottleneck = f.bottleneck(board, net)
    action = f.action(board, net)
    client = login(board)
    for url in [
        reverse("governance:network_edit", args=[net.pk]),
        reverse("governance:member_add", args=[net.pk]),
        reverse("governance:meeting_create", args=[net.pk]),
        reverse("governance:bottleneck_close", args=[bottleneck.pk]),
        reverse("governance:bottleneck_reopen", args=[bottleneck.pk]),
        reverse("governance:action_create") + f"?bottleneck={bottleneck.pk}",
        reverse("governance:action_move", args=[action.pk]),
        reverse("governance:action_check", args=[action.pk]),
        reverse("governance:notifications"),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "<label" in response.content.decode() or "Berichten" in response.content.decode()

"""Confidentiality: justice information is visible only to the team's members — not to a
member of the case who is not in the team (page, list, export) — and the pages."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.cases.factories import professional
from tests.mda.factories import TeamSetup, accepted_case, referred_case
from veilignet.audit.models import AuditEntry
from veilignet.cases import services as cases
from veilignet.cases.models import CaseRole
from veilignet.mda import services
from veilignet.mda.models import JusticeInfo, Referral, TeamRole

SECRET = "Verdachte in voorlopige hechtenis"


@pytest.fixture
def setup():
    return TeamSetup(coordinators=1, max_cases=10)


@pytest.fixture
def referral(setup):
    referral = accepted_case(setup)
    services.record_justice_info(
        setup.justice, referral, kind="prosecution", status=SECRET, details="Zitting in juni"
    )
    return referral


def test_for_user_is_team_only(setup, referral):
    assert JusticeInfo.objects.for_user(setup.justice).count() == 1
    assert JusticeInfo.objects.for_user(referral.referred_by).count() == 0
    outsider = professional()
    assert JusticeInfo.objects.for_user(outsider).count() == 0


def test_case_member_outside_the_team_sees_the_referral_but_not_the_justice_info(
    setup, referral, login
):
    partner = professional()
    cases.add_member(referral.referred_by, referral.case, partner, CaseRole.CASE_WORKER)
    client = login(partner)
    page = client.get(reverse("mda:referral_detail", args=[referral.pk]))
    assert page.status_code == 200
    assert referral.reference in page.content.decode()
    assert SECRET not in page.content.decode()
    listing = client.get(reverse("mda:referral_list"))
    assert referral.reference in listing.content.decode()
    assert SECRET not in listing.content.decode()
    export = client.get(reverse("mda:referral_export"))
    assert referral.reference in export.content.decode()
    assert SECRET not in export.content.decode()


def test_team_member_sees_the_justice_info_on_page_list_and_export(setup, referral, login):
    client = login(setup.coordinators[0])
    for name, args in (
        ("mda:referral_detail", [referral.pk]),
        ("mda:referral_list", []),
        ("mda:referral_export", []),
    ):
        assert SECRET in client.get(reverse(name, args=args)).content.decode()
    assert AuditEntry.objects.filter(event="mda_referrals_exported", action="export").exists()


def test_team_pages_are_closed_to_case_members(setup, referral, login):
    client = login(referral.referred_by)
    conference = services.schedule_conference(setup.chair, setup.team, datetime.date(2026, 5, 7))
    assert client.get(reverse("mda:conference_detail", args=[conference.pk])).status_code == 404
    assert client.get(reverse("mda:justice_add", args=[referral.pk])).status_code == 404
    assert AuditEntry.objects.filter(event="access_denied", user=referral.referred_by).exists()


def test_outsider_sees_no_referral(setup, referral, login):
    client = login(professional())
    assert client.get(reverse("mda:referral_detail", args=[referral.pk])).status_code == 404
    assert Referral.objects.for_user(professional()).count() == 0


def test_referral_page_is_audited_with_the_household_members(setup, referral, login):
    login(setup.chair).get(reverse("mda:referral_detail", args=[referral.pk]))
    persons = referral.case.household.members.count()
    entries = AuditEntry.objects.filter(event="mda_referral_viewed", user=setup.chair)
    assert entries.count() == persons


def test_refer_accept_and_decide_through_the_pages(setup, login):
    referral = referred_case(setup.team)
    vt_client = login(referral.referred_by)
    assert vt_client.get(reverse("mda:referral_new", args=[referral.case.pk])).status_code == 200
    conference = services.schedule_conference(setup.chair, setup.team, datetime.date(2026, 5, 7))
    chair = login(setup.chair)
    membership = setup.team.memberships.get(user=setup.coordinators[0])
    url = reverse("mda:conference_decide", args=[conference.pk, referral.pk, "accept"])
    response = chair.post(url, {"coordinator": membership.pk})
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.coordinator == setup.coordinators[0]
    page = chair.get(reverse("mda:conference_detail", args=[conference.pk]))
    assert page.status_code == 200
    overview = chair.get(reverse("mda:overview"))
    assert "Veiligheidsteam" in overview.content.decode()


def test_planning_a_conference_goes_to_the_new_conference(setup, login):
    chair = login(setup.chair)
    url = reverse("mda:conference_new", args=[setup.team.pk])
    response = chair.post(url, {"date": "2026-05-07"})
    conference = setup.team.conferences.get()
    assert conference.date == datetime.date(2026, 5, 7)
    assert response.status_code == 302
    assert response.url == reverse("mda:conference_detail", args=[conference.pk])


def test_refer_page_shows_missing_criteria(setup, login):
    referral = referred_case(setup.team)
    services.decline_referral(setup.chair, referral, "Advies")
    client = login(referral.referred_by)
    url = reverse("mda:referral_new", args=[referral.case.pk])
    response = client.post(url, {"team": setup.team.pk, "motivation": "Zorgen"})
    assert response.status_code == 200
    assert "Zorgen" in response.content.decode()  # nothing typed is lost
    assert not Referral.objects.filter(status="referred").exists()


@pytest.mark.parametrize("cases_on_agenda", [1, 8])
def test_conference_page_queries_do_not_grow(
    setup, login, django_assert_max_num_queries, cases_on_agenda
):
    for _ in range(cases_on_agenda):
        referred_case(setup.team)
    conference = services.schedule_conference(setup.chair, setup.team, datetime.date(2026, 5, 7))
    client = login(setup.chair)
    with django_assert_max_num_queries(20):
        assert client.get(reverse("mda:conference_detail", args=[conference.pk])).status_code == 200


@pytest.mark.parametrize("referrals", [1, 8])
def test_list_and_overview_queries_do_not_grow(
    setup, login, django_assert_max_num_queries, referrals
):
    for _ in range(referrals):
        accepted_case(setup)
    client = login(setup.chair)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("mda:referral_list")).status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get(reverse("mda:overview")).status_code == 200


def test_conference_pages_refuse_a_referral_not_on_its_agenda(setup, login):
    """A member of two teams cannot record a decision, scenario or action for one team's
    referral under the other team's conference."""
    other = TeamSetup(coordinators=1, max_cases=10)
    services.add_team_member(other.chair, other.team, setup.chair, TeamRole.CHAIR)
    foreign = accepted_case(other)
    waiting = referred_case(other.team)
    conference = services.schedule_conference(setup.chair, setup.team, datetime.date(2026, 5, 7))
    client = login(setup.chair)
    for name, args in (
        ("mda:conference_scenario", [conference.pk, foreign.pk]),
        ("mda:conference_action", [conference.pk, foreign.pk]),
        ("mda:conference_decide", [conference.pk, waiting.pk, "decline"]),
    ):
        assert client.get(reverse(name, args=args)).status_code == 404
        assert client.post(reverse(name, args=args), {"advice": "Elders"}).status_code == 404
    with pytest.raises(ValidationError):
        services.decline_referral(setup.chair, waiting, "Elders", conference)
    with pytest.raises(ValidationError):
        services.add_action(
            setup.chair,
            foreign,
            description="Gesprek",
            owner=other.coordinators[0],
            due_on=datetime.date(2026, 6, 1),
            conference=conference,
        )
    waiting.refresh_from_db()
    assert waiting.status == "referred"
    assert not foreign.actions.exists()


def test_only_the_case_coordinator_gets_the_handover_page(setup, referral, login):
    partner = professional()
    cases.add_member(referral.referred_by, referral.case, partner, CaseRole.CASE_WORKER)
    url = reverse("mda:referral_handover", args=[referral.pk])
    assert login(partner).post(url, {"summary": "Overdracht"}).status_code == 404
    assert not referral.case.handovers.exists()
    assert AuditEntry.objects.filter(event="access_denied", user=partner).exists()
    coordinator = login(referral.referred_by)
    assert coordinator.get(url).status_code == 200
    assert coordinator.post(url, {"summary": "Overdracht"}).status_code == 302
    referral.refresh_from_db()
    assert referral.handover is not None
    assert coordinator.get(url).status_code == 404  # proposed once


def test_marking_an_action_done_never_redirects_off_site(setup, referral, login):
    def action():
        return services.add_action(
            setup.chair,
            referral,
            description="Gesprek",
            owner=setup.coordinators[0],
            due_on=datetime.date(2026, 6, 1),
        )

    client = login(setup.coordinators[0])
    url = reverse("mda:referral_detail", args=[referral.pk])
    first, second = action(), action()
    response = client.post(
        reverse("mda:action_done", args=[first.pk]), {"next": "https://elders.example/"}
    )
    assert response.status_code == 302 and response.url == url
    response = client.post(reverse("mda:action_done", args=[second.pk]), {"next": "/mda/"})
    assert response.status_code == 302 and response.url == "/mda/"

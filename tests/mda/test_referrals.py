"""Referral criteria, the decision (accept with a coordinator, decline with advice),
capacity and the warm handover of coordination to the team's coordinator."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from tests.cases.factories import open_case, professional
from tests.factories import OrganisationFactory
from tests.mda.factories import ALL_CRITERIA, TeamSetup, accepted_case, referred_case
from veilignet.accounts.models import OrganisationType
from veilignet.audit.models import AuditEntry
from veilignet.cases import services as cases
from veilignet.cases.models import CaseRole
from veilignet.mda import services
from veilignet.mda.models import Referral, ReferralStatus


@pytest.fixture
def setup():
    return TeamSetup()


def vt_case():
    worker = professional(OrganisationFactory(type=OrganisationType.VEILIG_THUIS))
    return worker, open_case(coordinator=worker)


@pytest.mark.parametrize("missing", list(ALL_CRITERIA))
def test_every_criterion_must_be_met(setup, missing):
    worker, case = vt_case()
    criteria = ALL_CRITERIA | {missing: False}
    with pytest.raises(ValidationError, match="criteria"):
        services.refer(worker, case, setup.team, motivation="x", **criteria)
    assert not Referral.objects.exists()


def test_referral_with_all_criteria_is_registered_with_history(setup):
    referral = referred_case(setup.team)
    assert referral.status == ReferralStatus.REFERRED
    assert list(referral.changes.values_list("status", flat=True)) == ["referred"]
    assert AuditEntry.objects.filter(event="mda_referral_created", object_id=referral.pk).exists()


def test_only_veilig_thuis_refers(setup):
    worker = professional(OrganisationFactory(type=OrganisationType.LOCAL_TEAM))
    case = open_case(coordinator=worker)
    with pytest.raises(ValidationError, match="Veilig Thuis"):
        services.refer(worker, case, setup.team, motivation="x", **ALL_CRITERIA)


def test_a_case_is_referred_once_at_a_time(setup):
    referral = referred_case(setup.team)
    with pytest.raises(ValidationError, match="al naar het MDA"):
        services.refer(
            referral.referred_by, referral.case, setup.team, motivation="x", **ALL_CRITERIA
        )


def test_decline_needs_advice_and_keeps_it_for_the_referrer(setup):
    referral = referred_case(setup.team)
    with pytest.raises(ValidationError, match="advies"):
        services.decline_referral(setup.chair, referral, "  ")
    services.decline_referral(setup.chair, referral, "Zet voorwaarden en vervolg in.")
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.DECLINED
    assert referral.advice == "Zet voorwaarden en vervolg in."


def test_decline_mails_the_referrer_without_personal_data(
    setup, django_capture_on_commit_callbacks
):
    referral = referred_case(setup.team)
    with django_capture_on_commit_callbacks(execute=True):
        services.decline_referral(setup.chair, referral, "Advies: wijkteam.")
    assert [m.to for m in mail.outbox] == [[referral.referred_by.email]]
    assert "Advies" not in mail.outbox[0].body
    assert f"/mda/referrals/{referral.pk}/" in mail.outbox[0].body


def test_only_team_members_decide(setup):
    referral = referred_case(setup.team)
    with pytest.raises(ValidationError, match="leden van het MDA"):
        services.accept_referral(referral.referred_by, referral, setup.coordinators[0])


def test_accept_names_a_coordinator_and_a_review_date(setup):
    referral = accepted_case(setup)
    assert referral.status == ReferralStatus.ACCEPTED
    assert referral.coordinator == setup.coordinators[0]
    assert referral.next_review_on is not None


def test_the_coordinator_must_be_a_coordinator_of_the_team(setup):
    referral = referred_case(setup.team)
    with pytest.raises(ValidationError, match="coördinator van dit team"):
        services.accept_referral(setup.chair, referral, setup.justice)


def test_a_full_coordinator_refuses_intake():
    setup = TeamSetup(coordinators=1, max_cases=2)
    accepted_case(setup)
    accepted_case(setup)
    referral = referred_case(setup.team)
    with pytest.raises(ValidationError, match="maximale caseload"):
        services.accept_referral(setup.chair, referral, setup.coordinators[0])
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.REFERRED


def test_closing_a_case_frees_capacity():
    setup = TeamSetup(coordinators=1, max_cases=1)
    first = accepted_case(setup)
    services.close_referral(setup.chair, first)
    assert accepted_case(setup).status == ReferralStatus.ACCEPTED


def test_declined_referral_cannot_be_accepted(setup):
    referral = referred_case(setup.team)
    services.decline_referral(setup.chair, referral, "Advies")
    with pytest.raises(ValidationError, match="kan niet"):
        services.accept_referral(setup.chair, referral, setup.coordinators[0])


def test_coordination_moves_to_the_team_by_warm_handover(setup):
    referral = accepted_case(setup)
    vt_worker = referral.referred_by
    handover = services.propose_coordinator_handover(vt_worker, referral, "Overdracht aan MDA++")
    coordinator = referral.case.members.active().get(case_role=CaseRole.COORDINATOR)
    assert coordinator.user == vt_worker  # the sender stays coordinator until accepted
    cases.accept_handover(setup.coordinators[0], handover)
    coordinator = referral.case.members.active().get(case_role=CaseRole.COORDINATOR)
    assert coordinator.user == setup.coordinators[0]

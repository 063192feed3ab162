"""A triage decision opens the joint case; reports on a known household join its case."""

import pytest
from django.core.exceptions import ValidationError

from tests.reports.factories import ASSESSMENT, assessed, register, veilig_thuis, worker
from veilignet.cases.models import Case, CaseOrigin, CaseReportLink, CaseRole, Phase
from veilignet.reports import services
from veilignet.reports.models import Outcome


@pytest.fixture
def vt():
    return veilig_thuis()


@pytest.mark.parametrize(
    ("outcome", "origin"),
    [
        (Outcome.LOCAL_TEAM, CaseOrigin.TRIAGE_LOCAL_TEAM),
        (Outcome.CONDITIONS_AND_FOLLOW_UP, CaseOrigin.CONDITIONS_AND_FOLLOW_UP),
        (Outcome.INVESTIGATION, CaseOrigin.INVESTIGATION),
        (Outcome.MDA, CaseOrigin.MDA_PLUS),
    ],
)
def test_case_outcomes_open_the_joint_case_coordinated_by_the_decider(vt, outcome, origin):
    alice, bob = worker(vt), worker(vt)
    report = register(alice)
    assessed(report, alice, confirmer=bob)
    services.decide(bob, report, outcome, "Samen verder.")
    case = Case.objects.get(household=report.household)
    assert case.origin == origin
    assert case.phase == Phase.DIRECT_SAFETY
    assert case.source_report == report
    assert CaseReportLink.objects.filter(case=case, report=report).exists()
    coordinator = case.members.get(case_role=CaseRole.COORDINATOR, left_at__isnull=True)
    assert coordinator.user == bob


@pytest.mark.parametrize(
    "outcome", [Outcome.ADVICE_ONLY, Outcome.NO_FURTHER_ACTION, Outcome.CRISIS]
)
def test_other_outcomes_open_no_case(vt, outcome):
    alice, bob = worker(vt), worker(vt)
    report = register(alice)
    assessed(report, alice, confirmer=bob)
    services.decide(bob, report, outcome, "Geen casus.")
    assert not Case.objects.exists()


def test_a_case_decision_needs_a_household(vt):
    alice, bob = worker(vt), worker(vt)
    report = register(alice)
    assessment = services.record_assessment(alice, report, **ASSESSMENT)
    services.confirm_assessment(bob, assessment)
    with pytest.raises(ValidationError, match="huishouden"):
        services.decide(bob, report, Outcome.INVESTIGATION, "Onderzoek.")
    assert not Case.objects.exists()


def test_a_second_report_joins_the_open_case_instead_of_opening_another(vt):
    alice, bob = worker(vt), worker(vt)
    first = register(alice)
    assessed(first, alice, confirmer=bob)
    services.decide(bob, first, Outcome.INVESTIGATION, "Onderzoek.")
    case = Case.objects.get()
    second = register(alice)
    services.link_household(alice, second, first.household)
    assessed(second, alice, confirmer=bob)
    services.decide(bob, second, Outcome.LOCAL_TEAM, "Wijkteam.")
    assert Case.objects.get() == case
    assert set(case.report_links.values_list("report_id", flat=True)) == {first.pk, second.pk}

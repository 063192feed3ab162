"""Phases: one transitions table, a fresh assessment each change, the safety gate."""

import pytest
from django.core.exceptions import ValidationError

from tests.cases.factories import agreed_plan, open_case, to_risk_guided_care
from veilignet.cases import services
from veilignet.cases.models import CaseRole, Phase, PhaseChange, SafetyJudgement


@pytest.fixture
def case():
    return open_case()


@pytest.fixture
def coordinator(case):
    return case.members.get(case_role=CaseRole.COORDINATOR).user


def test_risk_guided_care_is_refused_without_a_safety_plan(case, coordinator):
    with pytest.raises(ValidationError, match="veiligheidsplan"):
        to_risk_guided_care(coordinator, case)
    case.refresh_from_db()
    assert case.phase == Phase.DIRECT_SAFETY
    assert not PhaseChange.objects.exists()


def test_risk_guided_care_is_refused_with_a_draft_plan(case, coordinator):
    agreed_plan(coordinator, case, agreed_on=None)
    with pytest.raises(ValidationError, match="veiligheidsplan"):
        to_risk_guided_care(coordinator, case)


def test_risk_guided_care_is_refused_when_not_safe_enough(case, coordinator):
    agreed_plan(coordinator, case)
    with pytest.raises(ValidationError, match="voldoende veilig"):
        services.change_phase(
            coordinator, case, Phase.RISK_GUIDED_CARE, SafetyJudgement.NOT_SAFE_ENOUGH, "Nee"
        )
    case.refresh_from_db()
    assert case.phase == Phase.DIRECT_SAFETY


def test_risk_guided_care_with_plan_and_safe_enough(case, coordinator):
    agreed_plan(coordinator, case)
    to_risk_guided_care(coordinator, case)
    case.refresh_from_db()
    assert case.phase == Phase.RISK_GUIDED_CARE
    change = PhaseChange.objects.get()
    assert change.assessment.judgement == SafetyJudgement.SAFE_ENOUGH
    assert (change.from_phase, change.to_phase) == (Phase.DIRECT_SAFETY, Phase.RISK_GUIDED_CARE)


def test_every_phase_change_has_its_own_fresh_assessment(case, coordinator):
    agreed_plan(coordinator, case)
    to_risk_guided_care(coordinator, case)
    services.change_phase(coordinator, case, Phase.RECOVERY, SafetyJudgement.SAFE_ENOUGH, "Ok")
    changes = list(PhaseChange.objects.order_by("pk"))
    assert len(changes) == 2
    assert len({c.assessment_id for c in changes}) == 2


def test_the_case_phase_is_always_its_latest_phase_change(case, coordinator):
    """Monitoring reads a case's phase at a past moment from `Case.phase` when nothing
    changed since (monitoring.indicators.phase_at): it must mirror the latest change."""
    agreed_plan(coordinator, case)
    to_risk_guided_care(coordinator, case)
    services.change_phase(coordinator, case, Phase.RECOVERY, SafetyJudgement.SAFE_ENOUGH, "Ok")
    case.refresh_from_db()
    latest = PhaseChange.objects.filter(case=case).order_by("-changed_at", "-pk").first()
    assert case.phase == latest.to_phase == Phase.RECOVERY


def test_a_case_carries_its_households_municipality(case):
    """Copied when the case opens, for monitoring's counts per municipality."""
    assert case.municipality_id == case.household.municipality_id is not None


def test_transitions_outside_the_table_are_refused(case, coordinator):
    agreed_plan(coordinator, case)
    with pytest.raises(ValidationError):
        services.change_phase(coordinator, case, Phase.RECOVERY, SafetyJudgement.SAFE_ENOUGH, "x")
    with pytest.raises(ValidationError):
        services.change_phase(coordinator, case, Phase.CLOSED, SafetyJudgement.SAFE_ENOUGH, "x")


def test_new_incident_sends_the_case_back_to_direct_safety(case, coordinator):
    agreed_plan(coordinator, case)
    to_risk_guided_care(coordinator, case)
    services.record_incident(
        coordinator, case, "Nieuwe mishandeling", SafetyJudgement.ACUTELY_UNSAFE, "Politie"
    )
    case.refresh_from_db()
    assert case.phase == Phase.DIRECT_SAFETY
    latest = PhaseChange.objects.first()
    assert latest.to_phase == Phase.DIRECT_SAFETY
    assert latest.assessment.judgement == SafetyJudgement.ACUTELY_UNSAFE
    assert case.events.filter(kind="incident").exists()


def test_non_members_cannot_change_phase(case, coordinator):
    from tests.cases.factories import professional

    agreed_plan(coordinator, case)
    with pytest.raises(ValidationError):
        to_risk_guided_care(professional(), case)

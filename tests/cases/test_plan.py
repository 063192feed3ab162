"""Safety plan: versions as rows, visible diff, print view in plain Dutch."""

from tests.cases.factories import agreed_plan, open_case
from veilignet.audit.models import AuditEntry
from veilignet.cases import services
from veilignet.cases.models import CaseRole, SafetyPlanVersion
from veilignet.cases.plans import plan_diff


def setup_case():
    case = open_case()
    return case, case.members.get(case_role=CaseRole.COORDINATOR).user


def test_versions_are_new_rows_and_the_diff_shows_changes():
    case, coordinator = setup_case()
    first = agreed_plan(coordinator, case)
    second = agreed_plan(coordinator, case, who_to_call="Oma, daarna 112.")
    assert (first.number, second.number) == (1, 2)
    assert SafetyPlanVersion.objects.filter(household=case.household).count() == 2
    diff = plan_diff(first, second)
    assert ("-", "Buurvrouw, daarna 112.") in diff
    assert ("+", "Oma, daarna 112.") in diff


def test_history_page_shows_the_diff(login):
    case, coordinator = setup_case()
    agreed_plan(coordinator, case)
    agreed_plan(coordinator, case, who_to_call="Oma, daarna 112.")
    response = login(coordinator).get(f"/cases/{case.pk}/plan/")
    assert response.status_code == 200
    assert "<ins>+ Oma, daarna 112.</ins>" in response.content.decode()


def test_print_view_is_plain_dutch_and_audited(login):
    case, coordinator = setup_case()
    plan = agreed_plan(coordinator, case)
    response = login(coordinator).get(f"/cases/plans/{plan.pk}/print/")
    text = response.content.decode()
    assert "Ons veiligheidsplan" in text
    assert "Geen alcohol in huis" in text
    assert AuditEntry.objects.filter(event="safety_plan_viewed", detail="print").exists()


def test_plan_form_saves_a_new_version_with_conditions(login):
    case, coordinator = setup_case()
    response = login(coordinator).post(
        f"/cases/{case.pk}/plan/new/",
        {
            "unsafe_who_why": "Ruzie escaleert",
            "early_warning_signs": "",
            "who_to_call": "",
            "network_agreements": "",
            "agreed_on": "2026-02-01",
            "agreed_by": "Moeder",
            "c-TOTAL_FORMS": "2",
            "c-INITIAL_FORMS": "0",
            "c-0-what": "Vader slaapt bij zijn broer",
            "c-0-responsible": "Vader",
            "c-0-check": "Wijkteam belt wekelijks",
            "c-1-what": "",
            "c-1-responsible": "",
            "c-1-check": "",
        },
    )
    assert response.status_code == 302
    version = services.current_plan(case.household)
    assert version.conditions == [
        {
            "what": "Vader slaapt bij zijn broer",
            "responsible": "Vader",
            "check": "Wijkteam belt wekelijks",
        }
    ]

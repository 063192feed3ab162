"""Issue 4 end to end: the triage decision opens the joint case with the deciding Veilig
Thuis worker as coordinator; she makes the safety plan and moves the case to risk-guided
care, then hands it over warmly to a local-team worker who accepts in her own session,
moves it to recovery, closes it and records the first follow-up check."""

import datetime

from playwright.sync_api import expect

from tests.browser.helpers import check_axe, login, screenshot
from tests.cases.factories import agreed_plan, open_case, professional
from tests.factories import OrganisationFactory
from tests.reports.factories import ASSESSMENT, person, register
from veilignet.accounts.models import OrganisationType
from veilignet.cases import services as cases
from veilignet.cases.models import (
    Case,
    CaseOrigin,
    CaseRole,
    FollowUpCheck,
    HelpAsked,
    Phase,
    SafetyJudgement,
)
from veilignet.people.models import MemberRole
from veilignet.regions.models import Municipality
from veilignet.reports import services as reports
from veilignet.reports.models import Outcome


def _organisation(name, kind):
    region = Municipality.objects.get(cbs_code="GM0855").region
    return OrganisationFactory(name=name, type=kind, region=region)


def _triaged_report(worker, colleague):
    """A report with a new household and a confirmed safety assessment, ready for decision."""
    report = register(
        worker,
        persons=[
            person(MemberRole.VICTIM, first_name="Fatima", last_name="El Amrani"),
            person(MemberRole.PERPETRATOR, first_name="Youssef", last_name="El Amrani"),
            person(MemberRole.CHILD, first_name="Lina", last_name="El Amrani"),
        ],
    )
    reports.link_new_household(worker, report)
    assessment = reports.record_assessment(worker, report, **ASSESSMENT)
    reports.confirm_assessment(colleague, assessment)
    return report


def _other_work(local_worker, vt_colleague):
    """Tasks already on the local-team worker's list: follow-up checks of a case she closed,
    a case she was added to, and an escalation of hers that waits for the team leads."""
    closed = open_case(local_worker, origin=CaseOrigin.OWN_SIGNALS)
    agreed_plan(local_worker, closed)
    cases.close_case(
        local_worker, closed, "Hulp afgerond.", SafetyJudgement.SAFE_ENOUGH, "Rustig thuis."
    )
    joined = open_case(vt_colleague, origin=CaseOrigin.INVESTIGATION)
    cases.add_member(vt_colleague, joined, local_worker, CaseRole.CASE_WORKER)
    cases.escalate(
        local_worker, joined, "Geen plek bij de traumabehandeling.", HelpAsked.CAPACITY, "Voorrang."
    )


def test_joint_case_from_triage_to_follow_up_check(page, second_page):
    vt = _organisation("Veilig Thuis Hart van Brabant", OrganisationType.VEILIG_THUIS)
    local_team = _organisation("Wijkteam Tilburg", OrganisationType.LOCAL_TEAM)
    coordinator, colleague = professional(vt), professional(vt)
    local_worker = professional(local_team)
    report = _triaged_report(coordinator, colleague)
    _other_work(local_worker, colleague)

    # The triage decision opens the joint case; the deciding worker coordinates.
    login(page, coordinator.username)
    page.click("nav a[href='/reports/']")
    page.get_by_role("link", name=report.reference, exact=True).click()
    check_axe(page)
    page.get_by_role("link", name="Triagebesluit nemen").click()
    check_axe(page)
    page.check(f"input[name=outcome][value={Outcome.INVESTIGATION}]")
    page.fill("#id_rationale", "Zorgen over de veiligheid van Lina; onderzoek nodig.")
    page.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.get_by_text("Het triagebesluit is vastgelegd.")).to_be_visible()
    case = Case.objects.get(source_report=report)
    page.click("nav a[href='/cases/']")
    row = page.locator("tbody tr", has_text=case.reference)
    expect(row).to_contain_text("Directe veiligheid")
    expect(row).to_contain_text(str(coordinator))
    check_axe(page)
    row.get_by_role("link", name=case.reference).click()
    expect(page.locator("h1")).to_have_text(f"Casus {case.reference}")
    check_axe(page)

    # Phase 2 is refused while there is no safety plan.
    page.get_by_role("link", name="Fase wijzigen").click()
    check_axe(page)
    page.select_option("#id_to_phase", Phase.RISK_GUIDED_CARE)
    page.check(f"input[name=judgement][value={SafetyJudgement.SAFE_ENOUGH}]")
    page.fill("#id_rationale", "Vader woont tijdelijk bij zijn broer.")
    page.get_by_role("button", name="Fase wijzigen").click()
    expect(page.locator("[role=alert]")).to_contain_text("veiligheidsplan")
    page.get_by_role("link", name="Annuleren").click()

    # The safety plan, agreed with the family, with two conditions.
    page.get_by_role("link", name="Het veiligheidsplan maken").click()
    check_axe(page)
    page.fill("#id_unsafe_who_why", "Youssef slaat Fatima als hij gedronken heeft; Lina ziet het.")
    conditions = [
        ("Youssef drinkt geen alcohol thuis.", "Youssef", "Wekelijks huisbezoek."),
        ("Lina slaapt bij oma als er ruzie is.", "Fatima", "Navraag bij oma."),
    ]
    for index, (what, who, how) in enumerate(conditions):
        page.fill(f"#id_c-{index}-what", what)
        page.fill(f"#id_c-{index}-responsible", who)
        page.fill(f"#id_c-{index}-check", how)
    page.fill("#id_early_warning_signs", "Youssef komt laat thuis en is prikkelbaar.")
    page.fill("#id_who_to_call", "Oma (06-12345678); bij gevaar 112.")
    page.fill("#id_network_agreements", "Oma haalt Lina op als Fatima belt.")
    page.fill("#id_agreed_on", datetime.date.today().isoformat())
    page.fill("#id_agreed_by", "Fatima en Youssef")
    page.get_by_role("button", name="Opslaan als nieuwe versie").click()
    expect(page.locator("h1")).to_contain_text("Veiligheidsplan van huishouden")
    expect(page.locator(".vn-diff")).to_contain_text("Youssef drinkt geen alcohol thuis.")
    check_axe(page)
    page.get_by_role("link", name="Printversie voor het gezin").click()
    expect(page.locator("h1")).to_have_text("Ons veiligheidsplan")
    expect(page.locator("ol li")).to_have_count(2)
    check_axe(page)
    screenshot(page, "safety_plan_print")
    page.go_back()

    page.get_by_role("link", name=f"← Casus {case.reference}").click()
    page.get_by_role("link", name="Fase wijzigen").click()
    page.select_option("#id_to_phase", Phase.RISK_GUIDED_CARE)
    page.check(f"input[name=judgement][value={SafetyJudgement.SAFE_ENOUGH}]")
    page.fill("#id_rationale", "De afspraken worden nagekomen; geen nieuwe incidenten.")
    page.fill("#id_reason", "De directe veiligheid is geborgd.")
    page.get_by_role("button", name="Fase wijzigen").click()
    expect(page.locator("dl")).to_contain_text("Risicogestuurde zorg")

    # Warm handover: the coordinator proposes, and stays coordinator until it is accepted.
    page.get_by_role("link", name="Overdracht voorstellen").click()
    check_axe(page)
    page.select_option("#id_to_organisation", label=local_team.name)
    page.select_option("#id_to_user", str(local_worker.pk))
    page.fill("#id_summary", "Veiligheid staat; het wijkteam begeleidt de oorzaken en het herstel.")
    page.get_by_role("button", name="Overdracht voorstellen").click()
    expect(page.get_by_text("Wacht op antwoord")).to_be_visible()
    expect(page.locator("dl")).to_contain_text(f"{coordinator} ({vt.name})")
    check_axe(page)

    # The local-team worker, in her own session, sees the handover among her tasks.
    login(second_page, local_worker.username)
    second_page.click("nav a[href='/cases/tasks/']")
    handover_link = second_page.get_by_role("link", name=f"Casus {case.reference}")
    expect(handover_link).to_be_visible()
    expect(second_page.get_by_text("Een overdracht wacht op je antwoord")).to_be_visible()
    check_axe(second_page)
    screenshot(second_page, "my_tasks")
    handover_link.click()
    check_axe(second_page)
    second_page.check("input[name=decision][value=accept]")
    second_page.get_by_role("button", name="Antwoord versturen").click()
    expect(second_page.locator("h1")).to_have_text(f"Casus {case.reference}")
    expect(second_page.locator("dl")).to_contain_text(f"{local_worker} ({local_team.name})")
    check_axe(second_page)

    # The former coordinator has handed the case over: it is no longer among hers.
    page.click("nav a[href='/cases/']")
    expect(page.locator("tbody tr", has_text=case.reference)).to_have_count(0)

    second_page.get_by_role("link", name="Fase wijzigen").click()
    second_page.select_option("#id_to_phase", Phase.RECOVERY)
    second_page.check(f"input[name=judgement][value={SafetyJudgement.SAFE_ENOUGH}]")
    second_page.fill(
        "#id_rationale", "Drie maanden geen geweld; Youssef volgt een plegerprogramma."
    )
    second_page.get_by_role("button", name="Fase wijzigen").click()
    expect(second_page.locator("dl")).to_contain_text("Herstel")

    # Closing needs a reason, a closing assessment and an explicit confirmation.
    second_page.get_by_role("link", name="Casus afsluiten").click()
    check_axe(second_page)
    second_page.fill("#id_reason", "Het gezin is stabiel; het herstel loopt via de huisarts.")
    second_page.check(f"input[name=judgement][value={SafetyJudgement.SAFE_ENOUGH}]")
    second_page.fill("#id_rationale", "Geen incidenten sinds de start van de hulp.")
    expect(second_page.locator("#id_follow_up_months")).to_have_value("3, 12, 24")
    second_page.get_by_role("button", name="Casus afsluiten").click()
    expect(second_page.locator("[role=alert]")).to_be_visible()
    assert Case.objects.get(pk=case.pk).phase == Phase.RECOVERY
    second_page.check("#confirm")
    second_page.get_by_role("button", name="Casus afsluiten").click()
    expect(second_page.locator("dl")).to_contain_text("Afgesloten")
    check_axe(second_page)

    # The first follow-up check is a task of the local team.
    second_page.click("nav a[href='/cases/tasks/']")
    second_page.get_by_role("link", name=f"Casus {case.reference}, 3 maanden na afsluiten").click()
    check_axe(second_page)
    second_page.check("input[name=contact_made][value=yes]")
    second_page.check(f"input[name=judgement][value={SafetyJudgement.SAFE_ENOUGH}]")
    second_page.fill(
        "#id_rationale", "Fatima vertelt dat het rustig is; Lina gaat graag naar school."
    )
    second_page.get_by_role("button", name="De controle vastleggen").click()
    expect(second_page.locator("h1")).to_have_text("Mijn taken")
    check_axe(second_page)
    check = FollowUpCheck.objects.get(case=case, months_after_closure=3)
    assert check.done_by == local_worker and check.contact_made and not check.reopen
    assert Case.objects.get(pk=case.pk).phase == Phase.FOLLOW_UP

    second_page.click("nav a[href='/cases/']")
    second_page.get_by_role("link", name=case.reference).click()
    expect(second_page.locator("dl")).to_contain_text("Nazorg")
    check_axe(second_page)
    screenshot(second_page, "case")

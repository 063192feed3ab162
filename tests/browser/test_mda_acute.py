"""Issue 8 end to end. MDA++: the chair plans the weekly conference, the agenda is
generated, a new referral is accepted and another declined with advice, attendance, the
scenario and an action are recorded, the minutes written and sent. Crisis intake: a
Meldpunt worker registers a concern, triages it and forwards it to a local team with a warm
handover; a local-team worker accepts in her own session and the lead moves."""

import datetime

from playwright.sync_api import expect

from tests.acute.factories import intake
from tests.browser.helpers import check_axe, login, screenshot
from tests.cases.factories import professional
from tests.factories import OrganisationFactory
from tests.mda.factories import TeamSetup, accepted_case, referred_case
from veilignet.accounts.models import OrganisationType
from veilignet.acute import services as acute
from veilignet.acute.models import CrisisForward, CrisisIntake, ForwardStatus, IntakeStatus
from veilignet.mda.models import Conference, MinutesRecipient, ReferralStatus, Scenario
from veilignet.regions.models import Municipality


def _team():
    """The team with two coordinators, a case due for review and two new referrals."""
    setup = TeamSetup(coordinators=2, max_cases=5)
    review = accepted_case(setup)
    review.next_review_on = datetime.date.today() - datetime.timedelta(days=1)
    review.save(update_fields=["next_review_on"])
    return setup, review, referred_case(setup.team), referred_case(setup.team)


def test_conference_from_agenda_to_minutes(page):
    setup, review, new, unsuitable = _team()
    today = datetime.date.today()

    login(page, setup.chair.username)
    page.click("nav a[href='/mda/']")
    expect(page.get_by_text("2 verwijzingen wachten op het besluit van het team.")).to_be_visible()
    check_axe(page)
    page.get_by_role("link", name="Casusoverleg plannen").click()
    check_axe(page)
    page.fill("#id_date", today.isoformat())
    page.get_by_role("button", name="Plan").click()
    conference = Conference.objects.get(team=setup.team)
    expect(page.locator("h1")).to_contain_text(f"Casusoverleg van {setup.team.name}")

    # The agenda: the new referrals first, then the case due for review.
    page.get_by_role("button", name="Agenda opnieuw samenstellen").click()
    agenda = page.locator("main section h3")
    expect(agenda).to_have_count(3)
    expect(agenda.nth(2)).to_contain_text(review.reference)
    for position, referral in enumerate([new, unsuitable]):
        expect(agenda.nth(position)).to_contain_text(referral.reference)
    check_axe(page)

    # The team decides on the new referrals during the conference.
    page.locator("section", has_text=new.reference).get_by_role("link", name="Aannemen").click()
    check_axe(page)
    coordinator = setup.coordinators[1]
    page.select_option("#id_coordinator", str(coordinator.mda_memberships.get().pk))
    page.get_by_role("button", name="Aannemen").click()
    section = page.locator("section", has_text=new.reference)
    expect(section).to_contain_text(f"coördinator: {coordinator}")

    page.locator("section", has_text=unsuitable.reference).get_by_role(
        "link", name="Afwijzen met advies"
    ).click()
    page.fill("#id_advice", "Eerst het wijkteam laten aansluiten; geen justitiële component.")
    page.get_by_role("button", name="Weigeren").click()
    expect(page.locator("[role=alert]")).to_be_visible()  # the confirmation is missing
    expect(page.locator("#id_advice")).to_have_value(
        "Eerst het wijkteam laten aansluiten; geen justitiële component."
    )
    check_axe(page)
    page.check("#confirm")
    page.get_by_role("button", name="Weigeren").click()
    expect(page.locator("h1")).to_contain_text("Casusoverleg van")

    # The scenario and an action for the accepted case.
    section.get_by_role("link", name="Afgesproken scenario vastleggen").click()
    check_axe(page)
    page.fill("#id_care_steps", "Het wijkteam start traumabehandeling voor moeder en kinderen.")
    page.fill("#id_justice_steps", "De politie legt het huisverbod op; de reclassering volgt.")
    page.fill("#id_sequence", "Eerst het huisverbod, daarna de behandeling.")
    page.get_by_role("button", name="Opslaan").click()
    expect(section).to_contain_text("Eerst het huisverbod, daarna de behandeling.")

    section.get_by_role("link", name="Actie toevoegen").click()
    check_axe(page)
    page.fill("#id_description", "Huisverbod aanvragen bij de burgemeester")
    page.select_option("#id_owner", str(setup.justice.pk))
    page.fill("#id_due_on", (today + datetime.timedelta(days=7)).isoformat())
    page.get_by_role("button", name="Opslaan").click()
    expect(section).to_contain_text("Huisverbod aanvragen bij de burgemeester")

    # Sending is refused until attendance is recorded.
    page.get_by_role("link", name="Verslag schrijven").click()
    check_axe(page)
    page.fill("#id_minutes", "Drie casussen besproken; één aangenomen, één afgewezen met advies.")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_role("button", name="Verslag naar de deelnemers sturen").click()
    expect(page.locator("[role=alert]")).to_contain_text("aanwezig")
    check_axe(page)
    page.get_by_role("link", name="Terug").click()

    page.get_by_role("link", name="Aanwezigheid vastleggen").click()
    check_axe(page)
    present = [setup.chair, coordinator, setup.justice]
    for user in present:
        membership = user.mda_memberships.get(team=setup.team)
        page.check(f"input[name=memberships][value='{membership.pk}']")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("dl").first).to_contain_text(str(setup.justice))

    page.get_by_role("button", name="Verslag naar de deelnemers sturen").click()
    expect(page.locator("dl").first).to_contain_text("verstuurd op")
    expect(page.get_by_text("Verstuurd aan")).to_be_visible()
    check_axe(page)
    screenshot(page, "mda_conference")

    new.refresh_from_db()
    unsuitable.refresh_from_db()
    assert new.status == ReferralStatus.ACCEPTED and new.coordinator == coordinator
    assert unsuitable.status == ReferralStatus.DECLINED
    assert Scenario.objects.get(referral=new).conference == conference
    recipients = MinutesRecipient.objects.filter(conference=conference)
    assert {r.user_id for r in recipients} == {user.pk for user in present}


def _shift_so_far(meldpunt_worker):
    """Intakes already on the shift: one waiting for triage, one taken during the night."""
    now = datetime.datetime.now(datetime.UTC)
    intake(meldpunt_worker, received_at=now - datetime.timedelta(minutes=40), first_name="Sven")
    night = (now - datetime.timedelta(days=1)).replace(hour=1, minute=15)
    acute.triage(
        meldpunt_worker,
        intake(meldpunt_worker, received_at=night, channel="police", first_name="Noor"),
        "non_acute",
    )


def test_crisis_concern_is_forwarded_and_accepted(page, second_page):
    region = Municipality.objects.get(cbs_code="GM0855").region
    meldpunt = OrganisationFactory(
        name="Meldpunt Zorg en Overlast", type=OrganisationType.MENTAL_HEALTH, region=region
    )
    local_team = OrganisationFactory(
        name="Wijkteam Tilburg-Noord", type=OrganisationType.LOCAL_TEAM, region=region
    )
    worker, local_worker = professional(meldpunt), professional(local_team)
    _shift_so_far(worker)

    login(page, worker.username)
    page.click("nav a[href='/acute/']")
    check_axe(page)
    page.get_by_role("link", name="Nieuwe crisismelding").click()
    check_axe(page)
    page.select_option("#id_channel", "phone")
    page.fill("#id_caller", "Buurvrouw op de derde verdieping")
    page.fill("#id_first_name", "Eva")
    page.fill("#id_last_name", "Jansen")
    page.select_option("#id_municipality", label="Tilburg")
    page.fill("#id_concern", "Hoort al een uur geschreeuw en slaan; een kind huilt.")
    page.get_by_role("button", name="Registreren").click()
    new = CrisisIntake.objects.get(first_name="Eva")
    expect(page.locator("h1")).to_have_text(f"Crisismelding {new.reference}")
    check_axe(page)

    page.get_by_role("link", name="Prioriteren").click()
    check_axe(page)
    page.check("input[name=urgency][value=acute]")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("dl")).to_contain_text("Acuut")

    # The warm handover: the Meldpunt keeps the lead until the local team accepts.
    page.get_by_role("link", name="Doorzetten met een warme overdracht").click()
    check_axe(page)
    page.select_option("#id_target", "local_team")
    page.select_option("#id_to_organisation", label=local_team.name)
    page.fill("#id_summary", "Acute zorg om moeder en kind; vandaag een huisbezoek nodig.")
    page.get_by_role("button", name="Doorzetten").click()
    expect(page.locator("dl")).to_contain_text(meldpunt.name)
    expect(page.locator("main ul").first).to_contain_text("Wacht op aanname")
    page.get_by_role("link", name="← Dienstoverzicht").click()
    expect(page.locator("main ul").first).to_contain_text(new.reference)
    expect(page.locator("tbody tr")).to_have_count(3)
    check_axe(page)
    screenshot(page, "crisis_shift")

    # The local-team worker accepts in her own session.
    login(second_page, local_worker.username)
    second_page.click("nav a[href='/acute/']")
    second_page.get_by_role("link", name=new.reference).click()
    expect(second_page.locator("h1")).to_contain_text(new.reference)
    check_axe(second_page)
    second_page.check("input[name=accept][value=yes]")
    second_page.get_by_role("button", name="Antwoord versturen").click()
    expect(
        second_page.get_by_text("Er wachten geen overdrachten op jouw organisatie.")
    ).to_be_visible()
    check_axe(second_page)

    # The intake shows the accepted handover; the lead has moved.
    page.get_by_role("link", name=new.reference).first.click()
    expect(page.locator("dl")).to_contain_text("Afgesloten")
    expect(page.locator("dl")).to_contain_text(local_team.name)
    expect(page.locator("main ul").first).to_contain_text("Geaccepteerd")
    check_axe(page)
    screenshot(page, "crisis_intake")

    handover = CrisisForward.objects.get(intake=new)
    assert handover.status == ForwardStatus.ACCEPTED and handover.answered_by == local_worker
    new.refresh_from_db()
    assert new.status == IntakeStatus.CLOSED

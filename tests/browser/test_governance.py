"""Issue 6 end to end: a board member triages a bottleneck from practice as high priority
and gives it an action owned by another organisation; the owner, in her own session, does
the work and records the check; the board adopts the action and closes the bottleneck with
a check that it is solved, which feeds back to the practitioner who reported it."""

import datetime
import random

from playwright.sync_api import expect

from tests.browser.helpers import check_axe, login, screenshot
from tests.factories import OrganisationFactory, UserFactory
from veilignet.accounts.models import Role
from veilignet.core.management.commands.seed_demo import ORGANISATIONS
from veilignet.governance.demo import seed_governance
from veilignet.governance.models import (
    ActionStatus,
    Bottleneck,
    BottleneckStatus,
    ClosureOutcome,
    Notification,
    Priority,
)
from veilignet.regions.models import Region

TITLE = "Het uitblijven van opvolging door Veilig Thuis bij een melding"
NETWORK = "Specifieke groep: Ouderenmishandeling"
DUE = datetime.date.today() + datetime.timedelta(days=60)
# The demo's governance needs these logins (username, organisation slug, role).
USERS = [
    ("bestuur.lid", "gemeente-tilburg", Role.BOARD_MEMBER),
    ("gemeente.beleid", "gemeente-tilburg", Role.POLICY_OFFICER),
    ("vt.directeur", "vt-hvb", Role.DIRECTOR),
    ("vt.teamleider", "vt-hvb", Role.TEAM_LEAD),
    ("wijkteam.medewerker", "wijkteam-tilburg", Role.CASE_WORKER),
]


def _demo_region():
    """The demo region's organisations and governance (networks, bottlenecks in every
    state, actions, objectives, meetings), made through the governance services."""
    region = Region.objects.get(slug="hart-van-brabant")
    organisations = {
        slug: OrganisationFactory(slug=slug, name=name, type=kind, region=region)
        for slug, name, kind in ORGANISATIONS
    }
    users = {
        username: UserFactory(username=username, organisation=organisations[slug], role=role)
        for username, slug, role in USERS
    }
    seed_governance(region, organisations, users, random.Random(2026))
    return users


def test_bottleneck_is_triaged_gets_an_owned_action_and_is_closed_as_solved(page, second_page):
    users = _demo_region()
    board, owner = users["bestuur.lid"], users["vt.teamleider"]
    bottleneck = Bottleneck.objects.get(title=TITLE)
    assert bottleneck.status == BottleneckStatus.SUBMITTED

    login(page, board.username)
    page.click("nav a[href='/governance/']")
    expect(page.locator("h1")).to_have_text("Bestuur")
    check_axe(page)
    page.get_by_role("link", name="Geweld stoppen en duurzaam oplossen").click()
    expect(page.locator("h1")).to_contain_text("Geweld stoppen en duurzaam oplossen")
    check_axe(page)
    screenshot(page, "network")

    # Triage: high priority, in the network on elder abuse.
    page.get_by_role("link", name="Knelpunten", exact=True).click()
    check_axe(page)
    page.get_by_role("link", name=f"{bottleneck.reference} {TITLE}").click()
    check_axe(page)
    page.check(f"input[name=priority][value={Priority.HIGH}]")
    page.select_option("#id_network", label=NETWORK)
    page.fill("#id_note", "Melders haken af als ze niets horen; dit raakt de hele keten.")
    page.get_by_role("button", name="Prioriteit opslaan").click()
    expect(page.locator("dl")).to_contain_text("Geprioriteerd — Hoge prioriteit")
    check_axe(page)

    # An action owned by a team lead of Veilig Thuis (another organisation than the board's).
    page.get_by_role("link", name="Actie toevoegen").click()
    check_axe(page)
    page.fill("#id_title", "Terugkoppeling aan melders binnen de termijn borgen")
    page.select_option("#id_owner", str(owner.pk))
    page.fill("#id_due_date", DUE.isoformat())
    page.fill("#id_expected_effect", "Iedere melder die erom vraagt hoort binnen tien weken iets.")
    page.fill("#id_success_check", "Steekproef van twintig meldingen na twee maanden.")
    page.get_by_role("button", name="Actie aanmaken").click()
    expect(page.locator("h1")).to_contain_text("Terugkoppeling aan melders")
    action = bottleneck.actions.get()
    assert action.owner == owner and action.owner_organisation == owner.organisation
    assert action.owner_organisation != board.organisation
    check_axe(page)
    page.get_by_role("link", name=f"{bottleneck.reference} {TITLE}").click()
    expect(page.locator("dl")).to_contain_text("Acties lopen — Hoge prioriteit")
    page.get_by_role("link", name="Knelpunten", exact=True).click()
    expect(page.locator("tbody tr", has_text=TITLE)).to_contain_text("Hoge prioriteit")
    check_axe(page)
    screenshot(page, "bottlenecks")

    # The owner, in her own session, finds the action and works it through do and check.
    login(second_page, owner.username)
    second_page.click("nav a[href='/governance/']")
    check_axe(second_page)
    second_page.get_by_role("link", name=str(action)).first.click()
    check_axe(second_page)
    second_page.check(f"input[name=status][value={ActionStatus.DO}]")
    second_page.fill("#id_note", "Werkinstructie terugkoppeling geschreven; teams ingelicht.")
    second_page.get_by_role("button", name="Opslaan").click()
    expect(second_page.locator("dl")).to_contain_text("Do")
    second_page.check(f"input[name=status][value={ActionStatus.CHECK}]")
    second_page.fill("#id_note", "Twee maanden gewerkt volgens de instructie.")
    second_page.get_by_role("button", name="Opslaan").click()
    second_page.check("input[name=effect_reached][value=yes]")
    second_page.fill("#id_evidence", "Steekproef: 19 van 20 melders kregen op tijd bericht.")
    second_page.get_by_role("button", name="Check vastleggen").click()
    expect(second_page.locator("li", has_text="Cyclus 1")).to_contain_text("effect bereikt")
    expect(second_page.get_by_role("button", name="Besluit opslaan")).to_have_count(0)
    check_axe(second_page)

    # The board adopts the action and closes the bottleneck with the check that it is solved.
    page.get_by_role("link", name=f"{bottleneck.reference} {TITLE}").click()
    page.get_by_role("link", name=str(action)).click()
    page.check("input[name=decision][value=adopt]")
    page.get_by_role("button", name="Besluit opslaan").click()
    expect(page.locator("dl")).to_contain_text("Afgerond (geborgd)")
    check_axe(page)
    page.get_by_role("link", name=f"{bottleneck.reference} {TITLE}").click()
    page.get_by_role("link", name="Afsluiten met check").click()
    check_axe(page)
    page.check(f"input[name=outcome][value={ClosureOutcome.SOLVED}]")
    page.fill("#id_check_evidence", "Steekproef van twintig meldingen: 19 keer op tijd bericht.")
    page.fill("#id_feedback", "Melders horen voortaan binnen de termijn wat er met hun melding is.")
    page.get_by_role("button", name="Afsluiten en terugkoppelen").click()
    expect(page.locator("dl")).to_contain_text("Afgesloten — Hoge prioriteit")
    expect(page.locator(".utrecht-alert--ok")).to_contain_text("Opgelost (gecheckt)")
    check_axe(page)
    bottleneck.refresh_from_db()
    assert bottleneck.status == BottleneckStatus.CLOSED
    assert bottleneck.closures.get().outcome == ClosureOutcome.SOLVED
    assert Notification.objects.filter(
        user=users["wijkteam.medewerker"], url__endswith=f"/bottlenecks/{bottleneck.pk}/"
    ).exists()

    page.get_by_role("link", name="Werkagenda").click()
    page.get_by_role("link", name=str(DUE.year), exact=True).click()
    expect(page.locator("h1")).to_have_text(f"Werkagenda {DUE.year}")
    expect(page.locator("tbody tr", has_text="Terugkoppeling aan melders")).to_contain_text(
        "Afgerond (geborgd)"
    )
    check_axe(page)
    screenshot(page, "work_agenda")

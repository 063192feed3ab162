"""The foundation end to end: login with second factor, households, persons, audit trail."""

from playwright.sync_api import expect

from tests.browser.helpers import check_axe, login, screenshot
from tests.factories import UserFactory, household_with_members
from veilignet.accounts.models import Role
from veilignet.people.models import Person

INVALID_BSN = "123456789"  # fails the eleven-test


def test_case_worker_and_auditor_pages_are_accessible(page):
    worker = UserFactory(role=Role.CASE_WORKER)
    household = household_with_members(worker)
    auditor = UserFactory(role=Role.AUDITOR, organisation=worker.organisation)

    page.goto("/accounts/login/")
    check_axe(page)
    screenshot(page, "login")

    login(page, worker.username)
    expect(page.locator("h1")).to_contain_text(worker.first_name)
    check_axe(page)

    page.click("nav a[href='/households/']")
    row = page.locator("tbody tr", has_text=household.reference)
    expect(row).to_have_count(1)
    check_axe(page)

    row.get_by_role("link").click()
    expect(page.locator("h1")).to_contain_text(household.reference)
    expect(page.locator("tbody tr")).to_have_count(3)
    check_axe(page)
    screenshot(page, "household")

    page.click(f"a[href='/households/{household.pk}/members/new/']")
    check_axe(page)
    page.fill("#id_first_name", "Testpersoon")
    page.fill("#id_last_name", "Browser")
    page.fill("#id_bsn", INVALID_BSN)
    page.click("main button[type=submit]")
    expect(page.locator("#id_bsn_error")).to_be_visible()
    expect(page.locator("#id_first_name")).to_have_value("Testpersoon")
    expect(page.locator("[role=alert]")).to_be_visible()
    check_axe(page)
    assert not Person.objects.filter(first_name="Testpersoon").exists()

    page.fill("#id_bsn", "")
    page.click("main button[type=submit]")
    expect(page.locator("tbody tr")).to_have_count(4)
    page.get_by_role("link", name="Testpersoon Browser").click()
    expect(page.locator("h1")).to_have_text("Testpersoon Browser")
    check_axe(page)

    page.click("form.vn-header__logout button")
    login(page, auditor.username)
    page.click("nav a[href='/audit/']")
    expect(page.locator("tbody tr", has_text=worker.username).first).to_be_visible()
    check_axe(page)

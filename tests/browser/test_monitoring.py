"""Issue 5: the dashboard renders with charts, tables and filters, and passes axe-core."""

from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.helpers import check_axe, login, screenshot
from tests.factories import OrganisationFactory, UserFactory
from veilignet.accounts.models import OrganisationType, Role
from veilignet.regions.models import Region
from veilignet.reports.demo import seed_reports


def test_policy_officer_filters_the_dashboard_with_charts_and_tables(page):
    region = Region.objects.get(slug="hart-van-brabant")
    veilig_thuis = OrganisationFactory(type=OrganisationType.VEILIG_THUIS, region=region)
    workers = [UserFactory(organisation=veilig_thuis) for _ in range(2)]
    seed_reports(veilig_thuis, workers, seed=5, years=1)
    municipality = OrganisationFactory(type=OrganisationType.MUNICIPALITY, region=region)
    officer = UserFactory(organisation=municipality, role=Role.POLICY_OFFICER)

    login(page, officer.username)
    page.get_by_role("link", name="Monitoring").first.click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    # Every chart has an accessible table with the same figures behind it.
    charts = page.locator("canvas[data-chart]")
    expect(charts.first).to_be_visible()
    assert charts.count() >= 1
    assert page.locator("table.utrecht-table").count() >= charts.count()
    check_axe(page)
    screenshot(page, "dashboard")

    # Filter on a year and one municipality: the page answers with the same structure.
    year = str(timezone.localdate().year)
    page.locator("#id_period").select_option(year)
    page.locator("#id_municipality").select_option(label="Tilburg")
    page.get_by_role("button", name="Tonen").click()
    assert "municipality=" in page.url and f"period={year}" in page.url
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Tilburg, {year}")
    expect(page.locator("canvas[data-chart]").first).to_be_visible()
    check_axe(page)

    # The municipality comparison and the trends over quarters.
    for name, shot in (("Gemeenten vergelijken", "dashboard_comparison"), ("Trends", None)):
        page.get_by_role("link", name=name, exact=True).click()
        expect(page.locator("table.utrecht-table").first).to_be_visible()
        check_axe(page)
        if shot:
            screenshot(page, shot)

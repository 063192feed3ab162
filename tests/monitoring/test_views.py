"""Dashboard pages, exports, the half-year report, the API and the StatLine import."""

import io

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from tests.factories import OrganisationFactory
from tests.monitoring.factories import GOIRLE, Registry, at, municipality
from veilignet.accounts.models import OrganisationType, Role
from veilignet.api.services import issue_token
from veilignet.monitoring import statline
from veilignet.monitoring.dashboard import Figure
from veilignet.monitoring.indicators import REGISTRY
from veilignet.monitoring.models import NationalFigure
from veilignet.monitoring.periods import Period
from veilignet.monitoring.report import commentary
from veilignet.regions.models import Municipality
from veilignet.reports.models import Kind

pytestmark = pytest.mark.django_db
PAGES = ["/monitoring/", "/monitoring/municipalities/", "/monitoring/trends/"]


@pytest.fixture
def officer(make_user, login):
    return login(make_user(role=Role.POLICY_OFFICER))


def registry(size):
    vt = Registry()
    vt.reports(size, at(2025, 2, 1))
    vt.reports(size, at(2025, 2, 1), kind=Kind.ADVICE_REQUEST, code=GOIRLE)
    return vt


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.POLICY_OFFICER, 200),
        (Role.BOARD_MEMBER, 200),
        (Role.DIRECTOR, 200),
        (Role.TEAM_LEAD, 200),
        (Role.CASE_WORKER, 403),
        (Role.AUDITOR, 403),
    ],
)
def test_dashboard_roles(role, status, make_user, login):
    client = login(make_user(role=role))
    assert client.get("/monitoring/").status_code == status


@pytest.mark.parametrize("url", PAGES)
def test_pages_show_filters_tables_and_chart_data_without_inline_scripts(url, officer):
    registry(6)
    response = officer.get(url, {"period": "2025-Q1", "indicator": "reports"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'type="application/json"' in html and "data-chart=" in html
    assert "<table" in html and "monitoring/charts.js" in html
    for script in html.split("<script")[1:]:
        assert 'src="' in script.split(">")[0] or 'type="application/json"' in script


@pytest.mark.parametrize("url", PAGES)
def test_query_count_does_not_grow_with_rows(url, officer, settings, django_assert_max_num_queries):
    settings.VEILIGNET_MONITORING_CACHE_SECONDS = 0  # compute the figures every time
    registry(2)
    with django_assert_max_num_queries(150) as small:
        officer.get(url, {"period": "2025-Q1"})
    registry(30)
    with django_assert_max_num_queries(len(small.captured_queries)):
        officer.get(url, {"period": "2025-Q1"})


def test_figures_are_computed_once_per_selection_and_language(officer, settings):
    def advice_requests(**params):
        with CaptureQueriesContext(connection) as queries:
            response = officer.get("/monitoring/", {"period": "2025-Q1", **params})
        row = next(r for r in response.context["tables"][0].rows if r[0].value == "advice_requests")
        reads = sum("reports_report" in q["sql"] for q in queries.captured_queries)
        return row[1].value, reads

    registry(6)
    assert advice_requests()[0] == 6 and advice_requests()[1] == 0  # the second from cache
    registry(6)
    assert advice_requests() == (6, 0)  # until the entry expires
    assert advice_requests(violence_form="child_abuse")[1] > 0  # another selection
    officer.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    assert advice_requests()[1] > 0  # titles and labels in English
    settings.VEILIGNET_MONITORING_CACHE_SECONDS = 0
    assert advice_requests()[0] == 12


def test_bad_filter_input_falls_back_to_defaults(officer):
    response = officer.get("/monitoring/", {"period": "not-a-period"})
    assert response.status_code == 200
    assert response.context["form"].errors


def test_municipality_filter_shows_that_municipalitys_figures(officer):
    registry(6)
    goirle = municipality(GOIRLE)
    response = officer.get("/monitoring/", {"period": "2025-Q1", "municipality": goirle.pk})
    overview = response.context["tables"][0]
    advice = next(row for row in overview.rows if row[0].value == "advice_requests")
    assert advice[1].value == 6


def test_xlsx_export_has_numbers(officer):
    registry(6)
    response = officer.get(
        "/monitoring/export/comparison.xlsx", {"period": "2025-Q1", "indicator": "reports"}
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = {row[0]: row for row in sheet.iter_rows(min_row=3, values_only=True)}
    assert rows["Tilburg"][1] == 6


def test_unknown_export_is_404(officer):
    assert officer.get("/monitoring/export/nope.csv").status_code == 404
    assert officer.get("/monitoring/export/overview.pdf").status_code == 404


def test_half_year_report_is_a_pdf(officer):
    registry(6)
    response = officer.get("/monitoring/report/", {"period": "2025-H1"})
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "2025-H1" in response["Content-Disposition"]


def test_commentary_says_what_moved_and_by_how_much():
    ind = REGISTRY["re_report_share"]
    text = commentary(ind, Figure(ind, 0.20, 20, 100, False), Figure(ind, 0.25, 25, 100, False))
    assert "25,0%" in text and "20,0%" in text and "5,0" in text
    assert "gewenste richting" in text or "desired direction" in text
    hidden = commentary(ind, Figure(ind, None, None, None, True), Figure(ind, 0.2, 5, 25, False))
    assert "%" not in hidden


# API ---------------------------------------------------------------------------------


def _token(org_type, code="GM0855"):
    organisation = OrganisationFactory(
        type=org_type, region=Municipality.objects.get(cbs_code=code).region
    )
    return organisation, issue_token(organisation)[1]


def test_api_returns_one_object_per_indicator(client):
    registry(6)
    organisation, raw = _token(OrganisationType.MUNICIPALITY)
    response = client.get(
        "/api/v1/indicators/",
        {"region": organisation.region.slug, "period": "2025-Q1"},
        HTTP_AUTHORIZATION=f"Token {raw}",
    )
    assert response.status_code == 200
    body = {item["key"]: item for item in response.json()}
    assert body["advice_request_share"]["value"] == pytest.approx(0.5)
    assert body["advice_request_share"]["unit"] == "share"
    reports = body["reports"]
    assert (reports["numerator"], reports["denominator"], reports["suppressed"]) == (6, None, False)
    assert body["re_report_share"]["direction"] == "fall"
    assert body["reports_per_10k"]["unit"] == "per_10k"
    assert {"key", "value", "numerator", "denominator", "unit", "direction", "definition"} <= set(
        body["reports"]
    )


def test_api_refuses_other_regions_and_other_organisation_types(client):
    mine, _ = _token(OrganisationType.MUNICIPALITY)
    _, other_region = _token(OrganisationType.MUNICIPALITY, code="GM0744")
    _, police = _token(OrganisationType.POLICE)
    for raw in (other_region, police):
        response = client.get(
            "/api/v1/indicators/",
            {"region": mine.region.slug, "period": "2025"},
            HTTP_AUTHORIZATION=f"Token {raw}",
        )
        assert response.status_code == 403
    assert client.get("/api/v1/indicators/", {"period": "2025"}).status_code in (401, 403)


def test_api_validates_period_and_municipality(client):
    organisation, raw = _token(OrganisationType.VEILIG_THUIS)
    auth = {"HTTP_AUTHORIZATION": f"Token {raw}"}
    region = organisation.region.slug
    bad_period = client.get("/api/v1/indicators/", {"region": region, "period": "2025-Q5"}, **auth)
    assert bad_period.status_code == 400
    elsewhere = client.get(
        "/api/v1/indicators/",
        {"region": region, "period": "2025", "municipality": "GM0744"},
        **auth,
    )
    assert elsewhere.status_code == 400


def test_openapi_schema_lists_the_indicators_endpoint(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").content.decode()
    assert "/api/v1/indicators/" in schema


# StatLine ----------------------------------------------------------------------------

STATLINE = (
    '"ID";"Perioden";"RegioS";"Adviezen_1";"Meldingen_2";"Hermeldingen_3";"Bevolking_4"\n'
    '0;"2025HJ01";"NL01  ";"   40000";"   60000";"   15000";"18000000"\n'
    '1;"2025HJ01";"GM0855";"    1000";"    1500";"     300";"  230000"\n'
    '2;"2025KW01";"NL01  ";"   20000";"       .";"       .";"18000000"\n'
    '3;"2025JJ00";"NL01  ";"   80000";"  120000";"   30000";"18000000"\n'
)


def test_statline_period_codes():
    assert statline.period_code("2025HJ02") == "2025-H2"
    assert statline.period_code("2025KW03") == "2025-Q3"
    assert statline.period_code("2025JJ00") == "2025"
    assert statline.period_code("2025MM01") is None


def test_import_statline_command_stores_national_rows_only(tmp_path, officer):
    path = tmp_path / "84849NED.csv"
    path.write_text(STATLINE, encoding="utf-8")
    out = io.StringIO()
    call_command("import_statline", str(path), "--table", "84849NED", stdout=out)
    assert NationalFigure.objects.count() == 4 + 2 + 4  # "." is no figure
    assert NationalFigure.objects.get(period="2025-H1", measure="reports").value == 60000
    # Shown beside the region's figures where the definition matches.
    response = officer.get("/monitoring/", {"period": str(Period.parse("2025-H1"))})
    overview = response.context["tables"][0]
    share = next(row for row in overview.rows if row[0].value == "advice_request_share")
    assert share[4].text == "40,0%"  # 40000 / (40000 + 60000)
    children = next(row for row in overview.rows if row[0].value == "unique_children")
    assert children[4].value is None  # CBS has no matching figure


def test_import_statline_rejects_other_csv(tmp_path):
    path = tmp_path / "other.csv"
    path.write_text('"a";"b"\n1;2\n', encoding="utf-8")
    with pytest.raises(Exception, match="StatLine"):
        call_command("import_statline", str(path), "--table", "X")

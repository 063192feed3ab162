"""Small-number protection: the rules, and that no page, export or API answer ever
shows a person count between 1 and 4 or lets it be derived from a total."""

import csv
import io
import re

import pytest

from tests.factories import OrganisationFactory
from tests.monitoring.factories import GOIRLE, TILBURG, Registry, at, municipality
from veilignet.accounts.models import OrganisationType, Role
from veilignet.api.services import issue_token
from veilignet.monitoring import tables
from veilignet.monitoring.periods import Period
from veilignet.monitoring.suppression import TOTAL, protect
from veilignet.reports.models import Kind

pytestmark = pytest.mark.django_db


def test_primary_small_counts_are_hidden_and_zero_is_shown():
    safe = protect({"n": {"a": 3, "b": 0, "c": 7}})
    assert safe["n"] == {"a": None, "b": 0, "c": 7}
    assert safe.small["n"] == {"a"}


def test_threshold_is_configurable(settings):
    settings.MONITORING_SMALL_NUMBER_THRESHOLD = 10
    assert protect({"n": {"a": 7}})["n"] == {"a": None}


def test_secondary_hides_the_next_smallest_cell_so_the_small_one_cannot_be_derived():
    # 3 = 40 - 12 - 25 would be derivable: 12 (the smallest other cell) is hidden as well.
    safe = protect({"n": {"a": 3, "b": 12, "c": 25, TOTAL: 40}})["n"]
    assert safe == {"a": None, "b": None, "c": 25, TOTAL: 40}


def test_secondary_hides_more_when_hidden_cells_add_up_to_a_small_number():
    safe = protect({"n": {"a": 1, "b": 2, "c": 9, "d": 30, TOTAL: 42}})["n"]
    assert safe["a"] is None and safe["b"] is None and safe["c"] is None and safe["d"] == 30


def test_total_is_hidden_when_no_other_cell_can_be():
    safe = protect({"n": {"a": 3, "b": 0, TOTAL: 3}})["n"]
    assert safe == {"a": None, "b": 0, TOTAL: None}


def test_complement_of_a_share_is_protected():
    # 20 of 22 reports not from the police reveals 2 police reports.
    safe = protect({"part": {"a": 20}, "all": {"a": 22}}, pairs=[("part", "all")])
    assert safe["part"]["a"] is None and safe["all"]["a"] == 22


def test_population_is_never_suppressed():
    assert protect({"population": {"a": 3}}, public={"population"})["population"] == {"a": 3}


# End to end: Goirle has 3 reports, Tilburg 40 -------------------------------------------


@pytest.fixture
def small_goirle():
    vt = Registry()
    vt.reports(40, at(2025, 5, 1), code=TILBURG)
    vt.reports(3, at(2025, 5, 1), code=GOIRLE)
    vt.reports(6, at(2025, 5, 1), code=TILBURG, kind=Kind.ADVICE_REQUEST)
    return vt


def _selection():
    return tables.Selection(municipality().region, Period.parse("2025-H1"))


def _numbers(text):
    return [int(n.replace(".", "")) for n in re.findall(r"\d[\d.]*", text)]


def test_no_table_shows_a_small_count_or_lets_it_be_derived(small_goirle):
    selection = _selection()
    comparison = tables.build(
        "comparison", tables.Selection(**{**selection.__dict__, "indicator": "reports"})
    )
    rows = {row[0].text: row for row in comparison.rows}
    assert rows["Goirle"][1].text == "<5"
    hidden = [row for row in comparison.rows if row[1].value is None]
    assert len(hidden) >= 2  # Goirle and one more, so 43 - 40 does not give Goirle's 3
    for key in ("overview", "comparison", "trends", "violence_forms", "reporter_sectors"):
        for row in tables.build(key, selection).rows:
            for cell in row[1:]:
                if cell.unit == "count":
                    assert cell.value == 0 or cell.value >= 5, (key, row[0].text, cell.text)
                if "/" in cell.text:
                    assert all(n == 0 or n >= 5 for n in _numbers(cell.text)), (key, cell.text)


def test_csv_export_shows_the_same_protection(small_goirle, login, make_user):
    user = make_user(role=Role.POLICY_OFFICER)
    client = login(user)
    response = client.get(
        "/monitoring/export/comparison.csv", {"period": "2025-H1", "indicator": "reports"}
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    goirle = next(row for row in rows if row[0] == "Goirle")
    assert goirle[1] == "<5" and "3" not in goirle


def test_api_answer_hides_the_small_count(small_goirle, client):
    municipal = OrganisationFactory(type=OrganisationType.MUNICIPALITY)
    _, raw = issue_token(municipal)
    response = client.get(
        "/api/v1/indicators/",
        {"region": municipal.region.slug, "period": "2025-H1", "municipality": GOIRLE},
        HTTP_AUTHORIZATION=f"Token {raw}",
    )
    body = {item["key"]: item for item in response.json()}
    assert body["reports"] == body["reports"] | {
        "value": None,
        "numerator": None,
        "suppressed": True,
    }
    for item in body.values():
        for part in ("numerator", "denominator"):
            assert item[part] is None or item[part] == 0 or item[part] >= 5

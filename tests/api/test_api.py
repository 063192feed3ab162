"""The partner API: token per organisation, 201 with the registration, 400 saves nothing."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.factories import MemberFactory, OrganisationFactory, PersonFactory
from tests.reports.factories import veilig_thuis
from veilignet.accounts.models import OrganisationType
from veilignet.api.models import ApiToken
from veilignet.api.services import issue_token
from veilignet.audit.models import AuditEntry
from veilignet.people.models import Person
from veilignet.reports.models import Report, ReportPerson

pytestmark = pytest.mark.django_db
URL = "/api/v1/reports/"


@pytest.fixture
def vt():
    return veilig_thuis()


@pytest.fixture
def police(vt):
    return OrganisationFactory(type=OrganisationType.POLICE, region=vt.region, slug="politie-test")


@pytest.fixture
def api(client, police):
    _, raw = issue_token(police)
    client.defaults["HTTP_AUTHORIZATION"] = f"Token {raw}"
    return client


def payload(**overrides):
    data = {
        "kind": "report",
        "received_at": "2026-04-24T16:30:00+02:00",
        "channel": "police",
        "municipality": "GM0855",
        "reporter": {
            "sector": "police",
            "anonymous": False,
            "name": "Agent Bakker",
            "phone": "0900-8844",
            "wants_feedback": True,
        },
        "violence_forms": ["partner_violence", "child_abuse"],
        "complex_divorce": False,
        "persons": [
            {
                "role": "victim",
                "first_name": "Fatima",
                "last_name": "El Amrani",
                "date_of_birth": "1988-06-12",
            },
            {"role": "perpetrator", "last_name": "Visser"},
            {"role": "child"},
        ],
        "concern": "Zorgmelding na huiselijk geweld; twee kinderen aanwezig.",
    }
    data.update(overrides)
    return data


def test_post_registers_a_report_at_the_regions_veilig_thuis(api, vt, police):
    response = api.post(URL, payload(), content_type="application/json")
    assert response.status_code == 201, response.json()
    body = response.json()
    report = Report.objects.get()
    assert body["id"] == report.pk
    assert body["status"] == "registered"
    assert body["triage_deadline"] == "2026-05-04"
    assert body["household_id"] is None and body["is_re_report"] is False
    assert report.handling_organisation == vt and report.submitted_by_organisation == police
    assert report.persons.count() == 3
    entry = AuditEntry.objects.get(event="report_registered")
    assert entry.username == "api.politie-test" and entry.organisation == police.name


def test_post_with_a_known_bsn_links_the_household(api):
    member = MemberFactory(person=PersonFactory(bsn="111222333"))
    persons = [{"role": "victim", "bsn": "111222333"}]
    body = api.post(URL, payload(persons=persons), content_type="application/json").json()
    assert body["household_id"] == member.household_id and body["is_re_report"] is True


def test_name_and_birth_date_alone_never_link(api):
    MemberFactory(
        person=PersonFactory(
            bsn="", last_name="El Amrani", date_of_birth=datetime.date(1988, 6, 12)
        )
    )
    body = api.post(URL, payload(), content_type="application/json").json()
    assert body["household_id"] is None and body["is_re_report"] is False


def test_anonymous_advice_request_without_persons(api):
    data = payload(
        kind="advice_request", reporter={"sector": "citizen", "anonymous": True}, persons=[]
    )
    response = api.post(URL, data, content_type="application/json")
    assert response.status_code == 201
    assert Report.objects.get().reporter_anonymous


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"municipality": "GM9999"}, "municipality"),
        ({"kind": "complaint"}, "kind"),
        ({"received_at": "gisteren"}, "received_at"),
        ({"violence_forms": ["shouting"]}, "violence_forms"),
        ({"concern": ""}, "concern"),
        ({"reporter": {"sector": "police", "anonymous": True, "name": "Agent"}}, "reporter"),
        ({"persons": [{"role": "victim", "bsn": "123456789"}]}, "persons"),
    ],
)
def test_invalid_input_gives_400_per_field_in_dutch_and_saves_nothing(api, change, field):
    response = api.post(URL, payload(**change), content_type="application/json")
    assert response.status_code == 400
    errors = response.json()
    assert set(errors) == {field}
    assert not Report.objects.exists() and not ReportPerson.objects.exists()
    assert not Person.objects.exists()


def test_validation_messages_are_dutch(api):
    data = payload(municipality="GM9999", persons=[{"role": "victim", "bsn": "123456789"}])
    del data["concern"]
    errors = api.post(URL, data, content_type="application/json").json()
    assert errors["concern"] == ["Dit veld is vereist."]
    assert "Onbekende gemeente" in errors["municipality"][0]
    assert "geen geldig BSN" in errors["persons"]["0"]["bsn"][0]


def test_duplicate_bsn_in_one_report_is_invalid(api):
    persons = [{"role": "victim", "bsn": "111222333"}, {"role": "child", "bsn": "111222333"}]
    response = api.post(URL, payload(persons=persons), content_type="application/json")
    assert response.status_code == 400
    assert response.json()["persons"]["1"]["bsn"]


def test_get_returns_the_same_fields_for_own_reports_only(api, vt):
    created = api.post(URL, payload(), content_type="application/json").json()
    response = api.get(f"{URL}{created['id']}/")
    assert response.status_code == 200 and response.json() == created
    other = OrganisationFactory(type=OrganisationType.HOSPITAL, region=vt.region)
    _, raw = issue_token(other)
    response = api.get(f"{URL}{created['id']}/", HTTP_AUTHORIZATION=f"Token {raw}")
    assert response.status_code == 404


def test_requests_without_a_valid_token_are_refused(client):
    assert client.post(URL, payload(), content_type="application/json").status_code == 401
    response = client.post(
        URL, payload(), content_type="application/json", HTTP_AUTHORIZATION="Token nope"
    )
    assert response.status_code == 401
    assert not Report.objects.exists()


def test_revoked_token_is_refused(api, police):
    ApiToken.objects.update(revoked_at=datetime.datetime.now(datetime.UTC))
    assert api.post(URL, payload(), content_type="application/json").status_code == 401


def test_issue_api_token_prints_a_working_token_once(client, police):
    out = io.StringIO()
    call_command("issue_api_token", police.slug, stdout=out, stderr=io.StringIO())
    raw = out.getvalue().strip()
    token = ApiToken.objects.get()
    assert raw and raw not in token.key_hash and token.organisation == police
    response = client.post(
        URL, payload(), content_type="application/json", HTTP_AUTHORIZATION=f"Token {raw}"
    )
    assert response.status_code == 201


def test_schema_and_docs_need_nothing_from_the_internet(client):
    schema = client.get(reverse("api:schema"))
    assert schema.status_code == 200 and b"/api/v1/reports/" in schema.content
    docs = client.get(reverse("api:docs"))
    content = docs.content.decode()
    assert docs.status_code == 200
    assert "reporter.sector" in content and "persons[].bsn" in content
    assert "cdn" not in content.lower() and "https://" not in content

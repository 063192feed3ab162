"""Policy outputs carry no direct identifiers: pages, CSV/XLSX exports and the API show
figures only, never a name, BSN, date of birth, contact detail or case reference."""

import io
import re

import pytest
from openpyxl import load_workbook

from tests.factories import OrganisationFactory, UserFactory
from veilignet.accounts.models import OrganisationType, Role
from veilignet.api.services import issue_token
from veilignet.monitoring.indicators import BREAKDOWNS
from veilignet.monitoring.tables import TABLES
from veilignet.people.models import Household, Person
from veilignet.regions.models import Region
from veilignet.reports.demo import seed_reports
from veilignet.reports.models import Report, ReportPerson

pytestmark = pytest.mark.django_db


def _identifiers():
    """Every direct identifier the synthetic registry holds."""
    values = set()
    for person in [*Person.objects.all(), *ReportPerson.objects.all()]:
        if person.first_name and person.last_name:
            values.add(f"{person.first_name} {person.last_name}")
        if person.bsn:
            values.add(person.bsn)
        if person.date_of_birth:
            values.add(person.date_of_birth.isoformat())
            values.add(person.date_of_birth.strftime("%d-%m-%Y"))
    for report in Report.objects.all():
        values |= {report.reporter_name, report.reporter_phone, report.reporter_email}
        values.add(report.reference)
    values |= {household.reference for household in Household.objects.all()}
    return {value for value in values if value}


def _xlsx_text(content):
    sheet = load_workbook(io.BytesIO(content)).active
    return " ".join(str(cell) for row in sheet.iter_rows(values_only=True) for cell in row)


def test_policy_pages_exports_and_api_contain_no_direct_identifiers(client, login):
    region = Region.objects.get(slug="hart-van-brabant")
    veilig_thuis = OrganisationFactory(type=OrganisationType.VEILIG_THUIS, region=region)
    workers = [UserFactory(organisation=veilig_thuis) for _ in range(2)]
    seed_reports(veilig_thuis, workers, seed=11, years=1)
    identifiers = _identifiers()
    assert len(identifiers) > 1000  # the registry really is full of personal data

    municipality = OrganisationFactory(type=OrganisationType.MUNICIPALITY, region=region)
    # A name no synthetic person can have: the page header shows the officer's own name.
    officer = login(
        UserFactory(
            organisation=municipality,
            role=Role.POLICY_OFFICER,
            first_name="Beleidsmedewerker",
            last_name="Monitoring",
        )
    )
    year = str(Report.objects.latest("received_at").received_at.year)
    outputs = []
    for page in ("/monitoring/", "/monitoring/municipalities/", "/monitoring/trends/"):
        outputs.append(officer.get(page, {"period": year}).content.decode())
    for key in [*TABLES, *BREAKDOWNS]:
        csv = officer.get(f"/monitoring/export/{key}.csv", {"period": year})
        assert csv.status_code == 200, key
        outputs.append(csv.content.decode())
        xlsx = officer.get(f"/monitoring/export/{key}.xlsx", {"period": year})
        outputs.append(_xlsx_text(xlsx.content))
    _row, token = issue_token(municipality)
    api = client.get(
        "/api/v1/indicators/",
        {"region": region.slug, "period": year},
        headers={"authorization": f"Token {token}"},
    )
    assert api.status_code == 200
    outputs.append(api.content.decode())

    text = "\n".join(outputs)
    leaked = sorted(value for value in identifiers if value in text)
    assert leaked == []
    assert not re.search(r"\b\d{9}\b", text)  # nothing that looks like a BSN

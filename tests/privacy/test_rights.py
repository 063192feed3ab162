"""A person's rights: subject access export (JSON and PDF), rectification, restriction."""

import json

import pytest
from django.utils import translation

from tests.cases.factories import agreed_plan, open_case
from tests.factories import OrganisationFactory, UserFactory
from tests.reports.factories import person as named
from tests.reports.factories import register
from veilignet.accounts.models import OrganisationType, Role
from veilignet.audit.models import AuditEntry
from veilignet.people.models import Person
from veilignet.privacy import export, services
from veilignet.privacy.models import Rectification, Restriction
from veilignet.regions.models import Region


@pytest.fixture
def officer():
    vt = OrganisationFactory(type=OrganisationType.VEILIG_THUIS)
    return UserFactory(organisation=vt, role=Role.PRIVACY_OFFICER)


@pytest.fixture
def case():
    return open_case()


@pytest.fixture
def victim(case):
    return case.household.members.get(role="victim").person


def _export(client, person):
    response = client.get(f"/privacy/persons/{person.pk}/export.json")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    return json.loads(response.content)


def test_export_holds_person_reports_cases_and_who_accessed(login, officer, case, victim):
    coordinator = case.members.get(case_role="coordinator").user
    vt_worker = UserFactory(organisation=officer.organisation)
    report = register(
        vt_worker,
        persons=[named(first_name=victim.first_name, last_name=victim.last_name, bsn=victim.bsn)],
        concern="Zorgen om moeder en kinderen.",
    )
    login(coordinator).get(f"/cases/{case.pk}/")
    data = _export(login(officer), victim)
    assert data["person"]["bsn"] == victim.bsn
    assert data["person"]["last_name"] == victim.last_name
    assert [h["reference"] for h in data["households"]] == [case.household.reference]
    assert [r["reference"] for r in data["reports"]] == [report.reference]
    assert data["reports"][0]["concern"] == "Zorgen om moeder en kinderen."
    assert data["reports"][0]["as_named"][0]["bsn"] == victim.bsn
    assert [c["reference"] for c in data["cases"]] == [case.reference]
    with translation.override("nl"):
        role = str(Role(coordinator.role).label)
    viewers = {(a["organisation"], a["role"]) for a in data["accessed_by"]}
    assert (coordinator.organisation.name, role) in viewers
    assert all(a["when"] and a["action"] for a in data["accessed_by"])


def test_export_names_only_this_person_of_a_report_that_names_others(officer, victim):
    register(
        UserFactory(organisation=officer.organisation),
        persons=[
            named(first_name=victim.first_name, last_name=victim.last_name, bsn=victim.bsn),
            named("perpetrator", first_name="Piet", last_name="Jansen"),
        ],
    )
    data = export.subject_access_data(victim)
    assert [p["last_name"] for p in data["reports"][0]["as_named"]] == [victim.last_name]


def test_export_is_audited_per_format(login, officer, victim):
    client = login(officer)
    _export(client, victim)
    pdf = client.get(f"/privacy/persons/{victim.pk}/export.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    details = set(
        AuditEntry.objects.filter(event="subject_access_exported", person=victim).values_list(
            "detail", flat=True
        )
    )
    assert details == {"json", "pdf"}


def test_the_pdf_lists_every_section(officer, victim):
    data = export.subject_access_data(victim)
    lines = list(export._lines(data))
    assert f"bsn: {victim.bsn}" in [line.strip() for line in lines]
    assert export.as_pdf(data, "Inzage").startswith(b"%PDF")


def test_officer_of_another_region_cannot_export(login, victim):
    other = OrganisationFactory(region=Region.objects.get(slug="west-brabant"))
    client = login(UserFactory(organisation=other, role=Role.PRIVACY_OFFICER))
    assert client.get(f"/privacy/persons/{victim.pk}/export.json").status_code == 404
    assert client.get(f"/privacy/persons/{victim.pk}/").status_code == 404
    assert not AuditEntry.objects.filter(event="subject_access_exported").exists()
    denied = AuditEntry.objects.filter(event="access_denied", object_type="people.person")
    assert list(denied.values_list("object_id", flat=True)) == [str(victim.pk)] * 2


def test_search_by_bsn_uses_post_and_is_audited(login, officer, victim):
    response = login(officer).post("/privacy/persons/", {"bsn": victim.bsn})
    assert response.context["results"] == [victim]
    entry = AuditEntry.objects.get(event="privacy_person_searched")
    assert entry.detail == "bsn" and victim.bsn not in entry.detail


def test_rectification_changes_the_person_and_records_the_fields(login, officer, victim):
    data = {f: getattr(victim, f) or "" for f in ("first_name", "last_name", "gender")}
    data |= {"address": "Nieuwe straat 1", "request_note": "Verhuisd."}
    data["date_of_birth"] = victim.date_of_birth.isoformat()
    data["bsn"] = victim.bsn
    response = login(officer).post(f"/privacy/persons/{victim.pk}/rectify/", data)
    assert response.status_code == 302
    victim.refresh_from_db()
    assert victim.address == "Nieuwe straat 1"
    rectification = Rectification.objects.get(person=victim)
    assert rectification.fields == "address"
    entry = AuditEntry.objects.get(event="person_rectified")
    assert "Nieuwe straat" not in entry.detail


def test_rectification_with_bad_input_saves_nothing(login, officer, victim):
    before = Person.objects.get(pk=victim.pk).address
    response = login(officer).post(
        f"/privacy/persons/{victim.pk}/rectify/",
        {"bsn": "123456789", "address": "Elders", "gender": "unknown", "request_note": "x"},
    )
    assert response.status_code == 200
    assert "11-proef" in response.content.decode() or response.context["form"].errors["bsn"]
    assert Person.objects.get(pk=victim.pk).address == before
    assert not Rectification.objects.exists()


def test_restriction_hides_the_person_from_normal_views(login, officer, case, victim):
    coordinator = case.members.get(case_role="coordinator").user
    worker_client = login(coordinator)
    assert worker_client.get(f"/households/persons/{victim.pk}/").status_code == 200
    services.restrict_processing(officer, victim, "Bezwaar ingediend.")
    assert worker_client.get(f"/households/persons/{victim.pk}/").status_code == 404
    household = worker_client.get(f"/households/{case.household.pk}/")
    assert victim not in [m.person for m in household.context["members"]]
    case_page = worker_client.get(f"/cases/{case.pk}/")
    assert victim not in [m.person for m in case_page.context["members"]]
    assert not Person.objects.for_user(coordinator).filter(pk=victim.pk).exists()
    # Nor on the printed safety plan, and its view is not logged as a read of her data.
    plan = agreed_plan(coordinator, case)
    printed = worker_client.get(f"/cases/plans/{plan.pk}/print/")
    assert printed.status_code == 200
    assert victim not in [m.person for m in printed.context["members"]]
    assert victim.first_name not in printed.content.decode()
    assert printed.context["members"]
    assert not AuditEntry.objects.filter(
        person=victim, event="safety_plan_viewed", detail="print"
    ).exists()
    # The privacy officer still sees and can export it.
    assert login(officer).get(f"/privacy/persons/{victim.pk}/").status_code == 200


def test_restriction_is_recorded_once_and_lifted_with_history(officer, victim):
    services.restrict_processing(officer, victim, "Bezwaar.")
    with pytest.raises(Exception, match="al beperkt"):
        services.restrict_processing(officer, victim, "Nog eens.")
    services.lift_restriction(officer, victim)
    assert Restriction.objects.filter(person=victim, lifted_by=officer).count() == 1
    assert not Restriction.objects.active().exists()
    events = list(
        AuditEntry.objects.filter(person=victim, purpose="privacy")
        .order_by("pk")
        .values_list("event", flat=True)
    )
    assert events == ["processing_restricted", "restriction_lifted"]


def test_restriction_through_the_page(login, officer, victim):
    client = login(officer)
    client.post(f"/privacy/persons/{victim.pk}/restrict/", {"reason": "Bezwaar."})
    assert Restriction.objects.active().filter(person=victim).exists()
    client.post(f"/privacy/persons/{victim.pk}/lift/")
    assert not Restriction.objects.active().exists()

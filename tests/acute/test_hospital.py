"""The hospital one-stop shop: one registration gives exactly one Veilig Thuis report and
one household, and the case team reads the same story."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.cases.factories import open_case, professional
from tests.factories import OrganisationFactory
from veilignet.accounts.models import OrganisationType
from veilignet.acute import services
from veilignet.acute.models import HospitalRegistration, SafeHome
from veilignet.cases.models import CaseReportLink
from veilignet.people.models import Household
from veilignet.regions.models import Municipality
from veilignet.reports.models import Report, Sector

STORY = "Mijn partner sloeg mij met een stoel."


@pytest.fixture
def hospital_worker():
    return professional(OrganisationFactory(type=OrganisationType.HOSPITAL))


@pytest.fixture
def veilig_thuis():
    return OrganisationFactory(type=OrganisationType.VEILIG_THUIS)


def register(actor, veilig_thuis, **victim):
    return services.register_at_hospital(
        actor,
        veilig_thuis=veilig_thuis,
        municipality=Municipality.objects.get(cbs_code="GM0855"),
        victim={"first_name": "Fatma", "last_name": "Yilmaz"} | victim,
        violence_forms=["partner_violence"],
        story=STORY,
        injuries="Kneuzing linkerarm",
        safe_home=SafeHome.NO,
        forensic_examination=True,
        wants_police_report=False,
    )


def test_one_registration_makes_exactly_one_report_and_one_household(hospital_worker, veilig_thuis):
    registration = register(hospital_worker, veilig_thuis)
    assert Report.objects.count() == 1
    assert Household.objects.count() == 1
    report = registration.report
    assert report.handling_organisation == veilig_thuis
    assert report.reporter_sector == Sector.HOSPITAL
    assert report.household.members.get().person.first_name == "Fatma"
    assert STORY in report.concern and "Kneuzing" in report.concern


def test_a_known_victim_is_linked_to_her_household_not_a_new_one(hospital_worker, veilig_thuis):
    coordinator = professional()
    case = open_case(coordinator)
    victim = case.household.members.first().person
    registration = register(hospital_worker, veilig_thuis, bsn=victim.bsn)
    assert Household.objects.count() == 1
    assert registration.report.household == case.household
    assert registration.report.is_re_report
    assert CaseReportLink.objects.filter(case=case, report_id=registration.report_id).exists()


def test_the_case_team_and_veilig_thuis_read_the_same_story(hospital_worker, veilig_thuis, login):
    coordinator = professional()
    case = open_case(coordinator)
    victim = case.household.members.first().person
    registration = register(hospital_worker, veilig_thuis, bsn=victim.bsn)
    vt_worker = professional(veilig_thuis)
    url = reverse("acute:hospital_detail", args=[registration.pk])
    for user in (hospital_worker, coordinator, vt_worker):
        page = login(user).get(url)
        assert page.status_code == 200
        assert STORY in page.content.decode()
    assert login(professional()).get(url).status_code == 404


def test_only_a_hospital_registers(veilig_thuis):
    with pytest.raises(ValidationError, match="ziekenhuis"):
        register(professional(), veilig_thuis)
    assert not HospitalRegistration.objects.exists()


def test_registration_page(hospital_worker, veilig_thuis, login):
    client = login(hospital_worker)
    response = client.post(
        reverse("acute:hospital_new"),
        {
            "veilig_thuis": veilig_thuis.pk,
            "municipality": Municipality.objects.get(cbs_code="GM0855").pk,
            "first_name": "Fatma",
            "date_of_birth": datetime.date(1990, 1, 1).isoformat(),
            "violence_forms": ["partner_violence"],
            "story": STORY,
            "injuries": "Kneuzing",
            "safe_home": "unsure",
        },
    )
    registration = HospitalRegistration.objects.get()
    assert response.url == reverse("acute:hospital_detail", args=[registration.pk])
    assert not registration.forensic_examination
    assert Report.objects.count() == 1

"""Registering households and persons; partial data; BSN validation in Dutch."""

from django.urls import reverse

from tests.factories import (
    HouseholdFactory,
    MemberFactory,
    PersonFactory,
    grant,
    household_with_members,
)
from veilignet.audit.models import AuditEntry
from veilignet.people.models import Household, HouseholdAccess, Person
from veilignet.regions.models import Municipality


def test_register_household_grants_access_to_registrar(login, case_worker):
    client = login(case_worker)
    tilburg = Municipality.objects.get(cbs_code="GM0855")
    response = client.post(reverse("people:household_create"), {"municipality": tilburg.pk})
    household = Household.objects.get()
    assert response.url == reverse("people:household_detail", args=[household.pk])
    assert HouseholdAccess.objects.filter(household=household, user=case_worker).exists()
    assert AuditEntry.objects.filter(event="household_created", object_id=household.pk).exists()


def test_household_form_offers_only_own_region(login, case_worker):
    breda = Municipality.objects.get(cbs_code="GM0758")  # West-Brabant
    response = login(case_worker).post(
        reverse("people:household_create"), {"municipality": breda.pk}
    )
    assert response.status_code == 200
    assert not Household.objects.exists()
    assert "Selecteer een geldige keuze" in response.content.decode()


def test_invalid_bsn_is_refused_in_dutch(login, case_worker):
    household = household_with_members(case_worker, size=1)
    response = login(case_worker).post(
        reverse("people:member_add", args=[household.pk]),
        {"role": "child", "first_name": "Sanne", "last_name": "Jansen", "bsn": "123456789"},
    )
    assert response.status_code == 200
    assert "Dit is geen geldig BSN" in response.content.decode()
    assert 'aria-invalid="true"' in response.content.decode()
    assert not Person.objects.filter(first_name="Sanne").exists()
    # What was typed is kept so nothing is lost.
    assert 'value="Sanne"' in response.content.decode()


def test_person_without_bsn_and_with_partial_data_is_saved(login, case_worker):
    household = household_with_members(case_worker, size=1)
    response = login(case_worker).post(
        reverse("people:member_add", args=[household.pk]),
        {"role": "network", "first_name": "Oom Kees", "gender": "unknown"},
    )
    assert response.url == reverse("people:household_detail", args=[household.pk])
    person = Person.objects.get(first_name="Oom Kees")
    assert person.bsn == ""
    assert person.last_name == ""
    assert person.date_of_birth is None
    assert household.members.filter(person=person, role="network").exists()


def test_two_persons_without_bsn_are_allowed_but_a_bsn_only_once(login, case_worker):
    PersonFactory(bsn="")
    PersonFactory(bsn="")
    existing = PersonFactory(bsn="111222333")
    household = household_with_members(case_worker, size=1)
    response = login(case_worker).post(
        reverse("people:member_add", args=[household.pk]),
        {"role": "child", "first_name": "Tim", "gender": "male", "bsn": existing.bsn},
    )
    assert response.status_code == 200
    assert Person.objects.filter(bsn="111222333").count() == 1


def test_bsn_never_whole_in_lists_but_on_the_person_page(login, case_worker):
    household = household_with_members(case_worker, size=2)
    person = household.members.first().person
    client = login(case_worker)
    listing = client.get(reverse("people:household_list")).content.decode()
    detail = client.get(reverse("people:household_detail", args=[household.pk])).content.decode()
    assert person.bsn not in listing
    assert person.bsn not in detail
    assert person.masked_bsn in detail
    assert (
        person.bsn in client.get(reverse("people:person_detail", args=[person.pk])).content.decode()
    )


def test_update_person_audits_field_names_not_values(login, case_worker):
    household = household_with_members(case_worker, size=1)
    person = household.members.get().person
    response = login(case_worker).post(
        reverse("people:person_update", args=[person.pk]),
        {
            "first_name": person.first_name,
            "last_name": "Nieuwenhuis",
            "gender": person.gender,
            "date_of_birth": person.date_of_birth.isoformat(),
            "bsn": person.bsn,
        },
    )
    assert response.url == reverse("people:person_detail", args=[person.pk])
    entry = AuditEntry.objects.get(event="person_updated")
    assert entry.person_id == person.pk
    assert entry.detail == "last_name"
    assert "Nieuwenhuis" not in entry.detail
    person.refresh_from_db()
    assert person.last_name == "Nieuwenhuis"
    assert person.last_name_key == "nieuwenhuis"


def test_household_search_by_surname_and_reference(login, case_worker):
    household = HouseholdFactory()
    MemberFactory(household=household, person__last_name="van den Bérg")
    grant(household, case_worker)
    other = HouseholdFactory()
    MemberFactory(household=other, person__last_name="Jansen")
    grant(other, case_worker)
    client = login(case_worker)
    by_name = client.get(reverse("people:household_list"), {"q": "VANDEN berg"}).content.decode()
    assert household.reference in by_name
    assert other.reference not in by_name
    by_reference = client.get(reverse("people:household_list"), {"q": other.reference})
    assert other.reference in by_reference.content.decode()
    assert household.reference not in by_reference.content.decode()
    empty = client.get(reverse("people:household_list"), {"q": "Pietersen"}).content.decode()
    assert "Geen huishoudens gevonden" in empty
    # A digit to str.isdigit(), not to int(): no match, no error.
    superscript = client.get(reverse("people:household_list"), {"q": "HH-²"}).content.decode()
    assert "Geen huishoudens gevonden" in superscript

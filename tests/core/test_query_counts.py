"""Main pages use a fixed number of queries, whatever the amount of data."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory, household_with_members
from veilignet.accounts.models import Role


def _count_queries(client, url, django_assert_max_num_queries, limit):
    with django_assert_max_num_queries(limit) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("households", [1, 30])
def test_household_list(login, case_worker, django_assert_max_num_queries, households):
    for _ in range(households):
        household_with_members(case_worker, size=4)
    client = login(case_worker)
    _count_queries(client, reverse("people:household_list"), django_assert_max_num_queries, 12)


@pytest.mark.parametrize("members", [1, 12])
def test_household_detail(login, case_worker, django_assert_max_num_queries, members):
    household = household_with_members(case_worker, size=members)
    client = login(case_worker)
    url = reverse("people:household_detail", args=[household.pk])
    _count_queries(client, url, django_assert_max_num_queries, 10)


def test_household_list_count_is_independent_of_size(
    login, case_worker, django_assert_max_num_queries
):
    client = login(case_worker)
    household_with_members(case_worker)
    url = reverse("people:household_list")
    small = _count_queries(client, url, django_assert_max_num_queries, 12)
    for _ in range(20):
        household_with_members(case_worker, size=4)
    assert _count_queries(client, url, django_assert_max_num_queries, 12) == small


def test_person_detail(login, case_worker, django_assert_max_num_queries):
    household = household_with_members(case_worker)
    person = household.members.first().person
    url = reverse("people:person_detail", args=[person.pk])
    _count_queries(login(case_worker), url, django_assert_max_num_queries, 10)


def test_audit_search(login, django_assert_max_num_queries):
    auditor = UserFactory(role=Role.AUDITOR)
    _count_queries(login(auditor), reverse("audit:search"), django_assert_max_num_queries, 10)


def test_home(login, case_worker, django_assert_max_num_queries):
    _count_queries(login(case_worker), "/", django_assert_max_num_queries, 8)

"""Compiled queries give exactly the ORM's rows, compile once per shape and refuse what
could make the cached SQL wrong (core.compiled)."""

import datetime
from concurrent.futures import ThreadPoolExecutor

import pytest
import time_machine
from django.core.paginator import Paginator
from django.db import connections
from django.db.models.expressions import RawSQL
from django.utils import timezone

from tests.cases.factories import open_case, professional
from veilignet.accounts.models import Role
from veilignet.cases.models import Case, CaseMember
from veilignet.core.compiled import CompiledQuery, counted
from veilignet.core.pagination import LazyRows
from veilignet.privacy.models import EmergencyAccess

NOW = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=datetime.UTC)


def visible_cases(user, pk, now):
    return Case.objects.for_user(user, at=now).filter(pk=pk).select_related("household")


visible = CompiledQuery(visible_cases)


@pytest.fixture
def no_check(settings):
    """Calls as in production: the cached SQL only, no comparison compile."""
    settings.COMPILED_QUERY_CHECK = False


def expected(user, pk, now):
    return list(Case.objects.for_user(user, at=now).filter(pk=pk))


@time_machine.travel(NOW, tick=False)
def test_rows_equal_the_orm_for_every_kind_of_user(no_check):
    case, other = open_case(), open_case()
    coordinator = case.members.get().user
    lead = professional(coordinator.organisation, role=Role.TEAM_LEAD)
    stranger_lead = professional(role=Role.TEAM_LEAD)
    officer = professional(coordinator.organisation, role=Role.POLICY_OFFICER)
    outsider = professional()
    EmergencyAccess.objects.create(
        case=other,
        user=outsider,
        organisation=outsider.organisation,
        reason="r" * 30,
        granted_at=NOW,
        expires_at=NOW + datetime.timedelta(hours=1),
    )
    later = NOW + datetime.timedelta(hours=2)
    seen = {}
    for user in (coordinator, lead, stranger_lead, officer, outsider):
        for pk in (case.pk, other.pk, other.pk + 1000):
            for now in (NOW, later):
                rows = visible(user, pk, now)
                assert rows == expected(user, pk, now)
                seen[user.role, pk == case.pk, now] = bool(rows)
    assert visible(coordinator, case.pk, NOW)[0].household == case.household
    assert visible(lead, case.pk, NOW) and not visible(stranger_lead, case.pk, NOW)
    assert visible(outsider, other.pk, NOW) and not visible(outsider, other.pk, later)
    assert not visible(officer, case.pk, NOW)


def test_select_related_objects_come_with_the_one_query(django_assert_num_queries, no_check):
    case = open_case()
    user = case.members.get().user
    visible(user, case.pk, timezone.now())  # compiled
    with django_assert_num_queries(1):
        (found,) = visible(user, case.pk, timezone.now())
        assert found.household.pk == case.household_id


def test_compiled_once_per_shape(no_check):
    builds = []

    @CompiledQuery
    def members(case_id):
        builds.append(case_id)
        return CaseMember.objects.filter(case_id=case_id)

    first, second = open_case(), open_case()
    assert [m.case_id for m in members(first.pk)] == [first.pk]
    assert [m.case_id for m in members(second.pk)] == [second.pk]
    assert len(builds) == 1 and builds[0] not in (first.pk, second.pk)  # with a stand-in


def test_users_of_other_roles_or_without_organisation_get_their_own_sql(no_check):
    case = open_case()
    worker = case.members.get().user
    lead = professional(worker.organisation, role=Role.TEAM_LEAD)
    visible = CompiledQuery(visible_cases)
    visible(worker, case.pk, timezone.now())
    visible(lead, case.pk, timezone.now())
    worker.organisation = None
    visible(worker, case.pk, timezone.now())
    shapes = {key[1] for key in visible.compiled}
    assert shapes == {
        ("user", Role.CASE_WORKER, False),
        ("user", Role.TEAM_LEAD, False),
        ("user", Role.CASE_WORKER, True),
    }


def test_reading_more_of_a_user_than_allowed_fails():
    @CompiledQuery
    def by_email(user):
        return Case.objects.filter(opened_by__email=user.email)

    with pytest.raises(AttributeError):
        by_email(professional())


@pytest.mark.parametrize(
    "value", [None, True, [1, 2], 1.5, datetime.datetime(2026, 1, 1), datetime.date(2026, 1, 1)]
)
def test_values_that_could_change_the_sql_are_refused(value):
    @CompiledQuery
    def cases(pk):
        return Case.objects.filter(pk=pk)

    with pytest.raises(TypeError):
        cases(value)


def test_querysets_it_cannot_run_the_same_are_refused():
    case = open_case()
    for build in (
        lambda pk: Case.objects.filter(pk=pk).values("pk"),
        lambda pk: Case.objects.filter(pk=pk).prefetch_related("members"),
        lambda pk: case.members.filter(pk=pk),
    ):
        with pytest.raises(TypeError):
            CompiledQuery(build)(case.pk)


def test_an_argument_in_the_sql_text_is_refused():
    @CompiledQuery
    def literal(pk):
        inlined = RawSQL(str(pk), ())  # noqa: S611 (the point of the test)
        return Case.objects.annotate(n=inlined).filter(pk=1)

    with pytest.raises(TypeError, match="SQL text"):
        literal(5)


def test_the_check_catches_sql_that_depends_on_a_value():
    @CompiledQuery
    def branching(pk):
        return Case.objects.filter(pk=pk) if pk > 10**6 else Case.objects.filter(pk__gte=pk)

    with pytest.raises(AssertionError, match="differs"):
        branching(open_case().pk)


def test_the_check_catches_a_clock_read_inside_the_function():
    case = open_case()
    user = case.members.get().user

    @CompiledQuery
    def frozen(user, pk):
        return Case.objects.for_user(user).filter(pk=pk)  # now() at compile time

    with time_machine.travel(NOW, tick=False) as traveller:
        frozen(user, case.pk)
        traveller.shift(datetime.timedelta(minutes=1))
        with pytest.raises(AssertionError, match="differs"):
            frozen(user, case.pk)


def test_a_user_none_of_whose_cases_exist_gets_no_rows_and_no_query(
    django_assert_num_queries, no_check
):
    officer = professional(role=Role.POLICY_OFFICER)  # for_user() is .none()
    visible(officer, 1, timezone.now())
    with django_assert_num_queries(0):
        assert visible(officer, 1, timezone.now()) == []


@pytest.mark.django_db(transaction=True)
def test_each_thread_runs_it_on_its_own_connection(no_check):
    """Django refuses a connection of another thread: the rows prove the SQL compiled on
    this thread ran on the other thread's connection."""
    case = open_case()
    user = case.members.get().user
    visible(user, case.pk, timezone.now())

    def in_thread():
        try:
            return visible(user, case.pk, timezone.now())
        finally:
            connections.close_all()

    with ThreadPoolExecutor(1) as pool:
        assert pool.submit(in_thread).result() == [case]


def test_an_id_no_column_can_hold_finds_nothing(client, login):
    """A URL's id is any number of digits: beyond 64 bits the case page is a 404, as
    Django's own lookup gives, not a database error."""
    case = open_case()
    user = case.members.get().user
    assert visible(user, 10**30, timezone.now()) == []
    assert login(user).get(f"/cases/{10**30}/").status_code == 404


def team_of(case_id):
    return CaseMember.objects.filter(case_id=case_id).order_by("pk")


def add_members(case, count):
    for _ in range(count):
        partner = professional()
        CaseMember.objects.create(case=case, user=partner, organisation=partner.organisation)


def test_values_lists_slices_and_counts_equal_the_orm(no_check):
    case = open_case()
    add_members(case, 4)
    pairs = CompiledQuery(lambda case_id: team_of(case_id).values_list("pk", "user_id"))
    ids = CompiledQuery(lambda case_id: team_of(case_id).values_list("pk", flat=True))
    members, count = CompiledQuery(team_of), CompiledQuery(lambda pk: counted(team_of(pk)))
    team = team_of(case.pk)
    assert pairs(case.pk) == list(team.values_list("pk", "user_id"))
    assert ids(case.pk) == list(team.values_list("pk", flat=True)) and len(ids(case.pk)) == 5
    for rows in (slice(0, 2), slice(2, 4), slice(4, 6), slice(1, None)):
        assert members(case.pk, rows=rows) == list(team[rows])
        assert ids(case.pk, rows=rows) == list(team.values_list("pk", flat=True)[rows])
    assert count(case.pk) == [5] and count(case.pk + 1000) == [0]
    # One SQL per slice: a page's LIMIT and OFFSET are part of the SQL text.
    assert sorted(key[-1] or (None,) for key in members.compiled) == [
        (0, 2),
        (1, None),
        (2, 4),
        (4, 6),
    ]


def test_slices_with_a_step_values_dicts_and_counts_needing_a_subquery_are_refused():
    case = open_case()
    with pytest.raises(TypeError, match="step"):
        CompiledQuery(team_of)(case.pk, rows=slice(0, 4, 2))
    with pytest.raises(TypeError):
        CompiledQuery(lambda pk: team_of(pk).values("pk"))(case.pk)
    for uncountable in (team_of(case.pk).distinct(), team_of(case.pk)[:2]):
        with pytest.raises(TypeError, match="plain"):
            counted(uncountable)


def test_a_paginator_pages_a_compiled_list_as_the_queryset():
    """With the check on (as in the whole suite): every page's SQL is Django's own."""
    case = open_case()
    add_members(case, 4)
    rows, count = CompiledQuery(team_of), CompiledQuery(lambda pk: counted(team_of(pk)))
    listed = LazyRows(lambda page: rows(case.pk, rows=page), lambda: sum(count(case.pk)))
    compiled, orm = Paginator(listed, 2), Paginator(team_of(case.pk), 2)
    assert compiled.count == orm.count == 5 and compiled.num_pages == 3
    for number in (1, 2, 3):
        assert list(compiled.page(number)) == list(orm.page(number))

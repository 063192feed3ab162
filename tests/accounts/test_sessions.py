"""A request's session, user and device are read in one query (accounts.sessions), and
every check of Django and django-otp still holds on what that query returns."""

import datetime
import io

import pytest
import time_machine
from django.contrib.auth import SESSION_KEY
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY

from tests.factories import UserFactory, household_with_members
from veilignet.accounts.models import Role, Session

LOGIN = reverse("accounts:login")


@pytest.fixture
def verified(login, client, case_worker):
    """A case worker's client after password and second factor, and a page of hers."""
    household = household_with_members(case_worker)
    return login(case_worker), f"/households/{household.pk}/"


def _tables(queries):
    return [q["sql"] for q in queries if "accounts_" in q["sql"] or "demodevice" in q["sql"]]


def test_the_session_row_holds_its_user_and_device(verified, case_worker):
    row = Session.objects.get()
    device = case_worker.demodevice_set.get()
    assert row.user_id == case_worker.pk
    assert (row.device_model, row.device_pk) == ("accounts.demodevice", device.pk)
    assert row.get_decoded()[SESSION_KEY] == str(case_worker.pk)


def test_one_query_reads_session_user_and_device(verified):
    client, page = verified
    client.get(page)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(page).status_code == 200
    auth = _tables(queries.captured_queries)
    assert len(auth) == 1 and "accounts_session" in auth[0]
    assert '"accounts_user"' in auth[0] and "demodevice" in auth[0]


def test_row_with_another_user_counts_for_nothing(verified, case_worker):
    # The session's data decides whose session it is; a column naming someone else
    # (written by no code path) is not used: her own row is read instead.
    client, page = verified
    other = UserFactory(role=Role.CASE_WORKER)
    Session.objects.update(user=other)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(page)
    assert response.status_code == 200
    assert response.wsgi_request.user.pk == case_worker.pk
    assert any('FROM "accounts_user"' in sql for sql in _tables(queries.captured_queries))


def test_row_without_columns_falls_back_to_own_queries(verified, case_worker):
    client, page = verified
    Session.objects.update(user=None, device_model="", device_pk=None)
    response = client.get(page)
    assert response.status_code == 200
    assert response.wsgi_request.user.pk == case_worker.pk
    assert response.wsgi_request.user.is_verified()


def test_deactivated_user_is_logged_out(verified, case_worker):
    client, page = verified
    case_worker.is_active = False
    case_worker.save()
    assert client.get(page).url.startswith(LOGIN)


def test_changed_password_ends_other_sessions(verified, case_worker):
    client, page = verified
    case_worker.set_password("another-Password-2026")
    case_worker.save()
    assert client.get(page).url.startswith(LOGIN)


def test_device_named_by_the_data_decides(verified, case_worker):
    # The data names a colleague's device and the row the user's own (written by no
    # code path): the colleague's is checked, and it is not hers.
    client, page = verified
    colleague = UserFactory(role=Role.CASE_WORKER)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = colleague.demodevice_set.get().persistent_id
    session.save()
    Session.objects.update(device_pk=case_worker.demodevice_set.get().pk)
    assert client.get(page).url == LOGIN
    assert DEVICE_ID_SESSION_KEY not in client.session


def test_deleting_a_user_ends_her_sessions(verified, case_worker):
    case_worker.delete()
    assert not Session.objects.exists()


def test_expired_sessions_are_cleared_daily(verified, login, case_worker):
    # The case worker's session (idle from now) has ended by 45 minutes on; her
    # colleague's, from 20 minutes on, has not.
    start = timezone.now()
    colleague = UserFactory(role=Role.CASE_WORKER)
    with time_machine.travel(start + datetime.timedelta(minutes=20), tick=False):
        login(colleague, Client())
    with time_machine.travel(start + datetime.timedelta(minutes=45), tick=False):
        call_command("clear_expired_sessions", stdout=io.StringIO())
    assert list(Session.objects.values_list("user", flat=True)) == [colleague.pk]

"""Two app server processes on one PostgreSQL database, with no memory in common.

Sessions live in the database, the cache (the API rate limit) is the database cache and
the coordinator race from tests/cases/test_coordinator.py is decided by the database,
so requests may land on either server.
"""

import threading

import pytest
from django.test import Client
from django.utils.crypto import get_random_string

from tests import processes
from tests.cases.factories import open_case, professional, racing_handover
from tests.factories import OrganisationFactory
from veilignet.api.services import issue_token
from veilignet.cases.models import CaseRole

pytestmark = [processes.postgresql_only, pytest.mark.django_db(transaction=True)]
API_RATE = 4


@pytest.fixture(scope="module")
def servers(django_db_setup):
    with processes.app_servers(2, API_RATE=f"{API_RATE}/minute") as ports:
        yield ports


@pytest.fixture
def session_cookie(login):
    """The key of a session after password and second factor, stored in the database."""
    return lambda user: login(user, Client()).session.session_key


def test_a_session_from_one_server_is_valid_on_the_other(servers, session_cookie):
    worker = professional()
    cookie = {"Cookie": f"sessionid={session_cookie(worker)}"}
    for port in servers:
        # Anonymous visitors are redirected to the login page; this session is served.
        assert processes.request(port, "GET", "/cases/", headers=cookie)[0] == 200


def test_two_servers_accepting_racing_handovers_leave_exactly_one_coordinator(
    servers, session_cookie
):
    case = open_case()
    sender = case.members.get(case_role=CaseRole.COORDINATOR).user
    receivers = [professional(), professional()]
    handovers = [racing_handover(sender, case, user) for user in receivers]
    sessions = [session_cookie(user) for user in receivers]
    barrier = threading.Barrier(2)
    statuses = []

    def accept(port, session, handover):
        token = get_random_string(32)
        headers = {
            "Cookie": f"sessionid={session}; csrftoken={token}",
            "Content-Type": "application/x-www-form-urlencoded",
        }
        body = f"csrfmiddlewaretoken={token}&decision=accept"
        barrier.wait(timeout=10)
        status, _h, _b = processes.request(
            port, "POST", f"/cases/handovers/{handover.pk}/", body, headers
        )
        statuses.append(status)

    threads = [
        threading.Thread(target=accept, args=args)
        for args in zip(servers, sessions, handovers, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    # The winner is redirected to the case; the loser sees the form with the refusal.
    assert sorted(statuses) == [200, 302]
    coordinators = case.members.active().filter(case_role=CaseRole.COORDINATOR)
    assert coordinators.count() == 1
    assert coordinators.get().user in receivers


def test_the_api_rate_limit_counts_across_both_servers(servers):
    _token, raw = issue_token(OrganisationFactory())
    headers = {"Authorization": f"Token {raw}"}
    statuses = [
        processes.request(servers[i % 2], "GET", "/api/v1/reports/999999/", headers=headers)[0]
        for i in range(API_RATE + 1)
    ]
    # Each server alone has seen at most three requests; together they reach the limit.
    assert statuses == [404] * API_RATE + [429]

"""Schemathesis against the OpenAPI schema at /api/schema/: every generated request,
valid or not, gets an answer that is not a server error. The WSGI application is called
in-process (same database transaction as the test). The number of generated cases is
printed at the end of the run (conftest.py)."""

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from tests.api.conftest import GENERATED
from tests.factories import OrganisationFactory
from tests.reports.factories import veilig_thuis
from veilignet.accounts.models import OrganisationType
from veilignet.api.services import issue_token
from veilignet.reports.models import Report
from veilignet.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/schema/", application)


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Like Django's test client: a WSGI request must not close the connection that
    holds the test's transaction (request_started/finished close old connections)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def token(db):
    vt = veilig_thuis()
    police = OrganisationFactory(type=OrganisationType.POLICE, region=vt.region)
    return issue_token(police)[1]


@schema.parametrize()
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_never_answers_with_a_server_error(case, token):
    cache.clear()  # the rate limit would otherwise answer most cases with 429
    GENERATED[case.operation.label] += 1
    before = Report.objects.count()
    response = case.call(headers={"Authorization": f"Token {token}"})
    case.validate_response(response, checks=(schemathesis.checks.not_a_server_error,))
    assert response.status_code < 500
    if response.status_code >= 400:
        assert Report.objects.count() == before  # refused input saves nothing

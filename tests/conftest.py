"""Shared fixtures: the region data, users per role and logged-in (2FA-verified) clients."""

import time

import pytest
from django.core.cache import caches
from django_otp import DEVICE_ID_SESSION_KEY

from tests.factories import UserFactory
from veilignet.accounts.models import Role
from veilignet.core.middleware import SessionRenewalMiddleware
from veilignet.regions.models import Municipality
from veilignet.regions.services import load_municipalities


@pytest.fixture(autouse=True)
def _test_settings(settings):
    """Fast password hashing; every compiled query checked against Django's own SQL."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.COMPILED_QUERY_CHECK = True


@pytest.fixture(autouse=True)
def _local_cache():
    """Each test starts with an empty process cache (its entries would outlive the
    test's rolled-back rows, and ids repeat on SQLite)."""
    caches["local"].clear()


@pytest.fixture(autouse=True)
def _regions(db):
    """The shipped CBS regions, loaded once per database (flushes remove them)."""
    if not Municipality.objects.exists():
        load_municipalities()


@pytest.fixture
def make_user():
    return UserFactory


@pytest.fixture
def case_worker():
    return UserFactory(role=Role.CASE_WORKER)


@pytest.fixture
def login(client):
    """Log `user` in as after password and second factor; returns the client."""

    def _login(user, target=None):
        target = target or client
        target.force_login(user, backend="veilignet.accounts.backends.UserBackend")
        device = user.demodevice_set.get()
        session = target.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        # As the login view's response leaves it: renewed (no write on the next request).
        session[SessionRenewalMiddleware.RENEWED_AT] = int(time.time())
        session.save()
        return target

    return _login

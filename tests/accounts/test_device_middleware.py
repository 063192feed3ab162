"""The second factor holds on every request: the session's device must exist, be the
user's own and be confirmed (accounts.middleware.DeviceMiddleware, compiled lookup)."""

import pytest
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import UserFactory, household_with_members
from veilignet.accounts.models import Role

LOGIN = reverse("accounts:login")
SETUP = reverse("accounts:otp_setup")  # where a user without a confirmed device goes


@pytest.fixture
def verified(login, client, case_worker):
    """A case worker's client after password and second factor, and a page of hers."""
    household = household_with_members(case_worker)
    return login(case_worker), f"/households/{household.pk}/"


def _name_device(client, persistent_id):
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = persistent_id
    session.save()


def test_verified_session_reaches_the_page(verified):
    client, page = verified
    assert client.get(page).status_code == 200
    assert client.get(page).status_code == 200  # the second request uses the compiled SQL


def test_deleted_device_ends_the_verification(verified, case_worker):
    client, page = verified
    case_worker.demodevice_set.all().delete()
    response = client.get(page)
    assert response.status_code == 302 and response.url == SETUP
    assert DEVICE_ID_SESSION_KEY not in client.session


def test_unconfirmed_device_does_not_verify(verified, case_worker):
    client, page = verified
    case_worker.demodevice_set.update(confirmed=False)
    assert client.get(page).url == SETUP


def test_another_users_device_does_not_verify(verified):
    client, page = verified
    colleague = UserFactory(role=Role.CASE_WORKER)
    _name_device(client, colleague.demodevice_set.get().persistent_id)
    assert client.get(page).url == LOGIN


def test_device_of_another_kind_is_looked_up_in_its_own_table(verified, case_worker):
    client, page = verified
    totp = TOTPDevice.objects.create(user=case_worker, name="app", confirmed=True)
    demo = case_worker.demodevice_set.get()
    # Same id, other table: the TOTP device is the one that counts.
    TOTPDevice.objects.filter(pk=totp.pk).update(id=demo.pk + 1000)
    _name_device(client, f"otp_totp.totpdevice/{demo.pk + 1000}")
    assert client.get(page).status_code == 200
    TOTPDevice.objects.filter(user=case_worker).update(confirmed=False)
    assert client.get(page).url == LOGIN


@pytest.mark.parametrize(
    "persistent_id",
    [
        "nonsense",
        "accounts.demodevice/not-a-number",
        "accounts.nosuchmodel/1",
        "accounts.user/1",  # a model, but no device
        "accounts.demodevice/99999999999999999999999",  # beyond 64 bits
    ],
)
def test_malformed_device_ids_verify_nothing(verified, persistent_id):
    client, page = verified
    _name_device(client, persistent_id)
    response = client.get(page)
    assert response.status_code == 302 and response.url == LOGIN

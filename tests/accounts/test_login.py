"""Login needs password and second factor; throttling; idle sessions; password reset."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import DEMO_TOKEN, PASSWORD, UserFactory, household_with_members
from veilignet.accounts.models import Role, Session

HOUSEHOLDS = "/households/"


def post_login(client, username, password=PASSWORD, token=""):
    return client.post(
        reverse("accounts:login"),
        {"username": username, "password": password, "otp_token": token},
    )


def test_full_login_reaches_personal_data(client, case_worker):
    household = household_with_members(case_worker)
    response = post_login(client, case_worker.username, token=DEMO_TOKEN)
    assert response.status_code == 302
    page = client.get(f"{HOUSEHOLDS}{household.pk}/")
    assert page.status_code == 200
    assert household.reference in page.content.decode()


def test_password_without_second_factor_is_refused(client, case_worker):
    household = household_with_members(case_worker)
    response = post_login(client, case_worker.username)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "Vul de code uit je authenticator-app in." in response.content.decode()
    page = client.get(f"{HOUSEHOLDS}{household.pk}/")
    assert page.status_code == 302
    assert page.url.startswith(reverse("accounts:login"))


def test_wrong_second_factor_is_refused(client, case_worker):
    response = post_login(client, case_worker.username, token="000000")
    assert "_auth_user_id" not in client.session
    assert "De code is onjuist of verlopen." in response.content.decode()


@pytest.mark.parametrize("role", list(Role))
def test_logged_in_without_second_factor_reaches_no_page(client, role):
    """A session that passed the password but not the second factor is sent back."""
    user = UserFactory(role=role)
    household = household_with_members(user)
    client.force_login(user)  # password step only: not OTP-verified
    for url in ("/", HOUSEHOLDS, f"{HOUSEHOLDS}{household.pk}/", "/audit/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url == reverse("accounts:login")


def test_first_login_enrols_authenticator(client):
    user = UserFactory(second_factor=False)
    household = household_with_members(user)
    response = post_login(client, user.username)
    assert response.url == reverse("accounts:otp_setup")
    # Until enrolment is confirmed, personal data stays out of reach.
    assert client.get(f"{HOUSEHOLDS}{household.pk}/").url == reverse("accounts:otp_setup")
    setup = client.get(reverse("accounts:otp_setup"))
    assert setup.status_code == 200
    assert "data:image/svg+xml" in setup.content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    wrong = client.post(reverse("accounts:otp_setup"), {"otp_token": "000000"})
    assert "De code is onjuist of verlopen." in wrong.content.decode()
    # django-otp throttles a device for a moment after a wrong code.
    later = datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(seconds=5)
    with time_machine.travel(later):
        code = f"{totp(device.bin_key):06d}"
        response = client.post(reverse("accounts:otp_setup"), {"otp_token": code})
    assert response.url == reverse("core:home")
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(f"{HOUSEHOLDS}{household.pk}/").status_code == 200


def test_enrolled_user_logs_in_with_totp(client):
    user = UserFactory(second_factor=False)
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    response = post_login(client, user.username, token=f"{totp(device.bin_key):06d}")
    assert response.url == reverse("core:home")
    assert client.get("/").status_code == 200


def test_throttling_blocks_after_repeated_failures(client, case_worker, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        post_login(client, case_worker.username, password="wrong-password")
    blocked = post_login(client, case_worker.username, token=DEMO_TOKEN)
    assert blocked.status_code == 429
    assert "Tijdelijk geblokkeerd" in blocked.content.decode()
    assert "_auth_user_id" not in client.session


def test_wrong_second_factor_counts_for_throttling(client, case_worker, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        post_login(client, case_worker.username, token="999999")
    assert post_login(client, case_worker.username, token=DEMO_TOKEN).status_code == 429


def test_session_expires_after_30_idle_minutes(client, case_worker):
    start = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False) as traveller:
        post_login(client, case_worker.username, token=DEMO_TOKEN)
        traveller.shift(datetime.timedelta(minutes=29))
        assert client.get("/").status_code == 200  # activity renews the session
        traveller.shift(datetime.timedelta(minutes=29))
        assert client.get("/").status_code == 200
        traveller.shift(datetime.timedelta(minutes=31))
        response = client.get("/")
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))


def test_session_is_written_at_most_once_a_minute(client, case_worker):
    start = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False) as traveller:
        post_login(client, case_worker.username, token=DEMO_TOKEN)
        session = Session.objects.get()
        traveller.shift(datetime.timedelta(seconds=59))
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/").status_code == 200
        assert not any("accounts_session" in q["sql"] for q in queries[1:])  # read, not written
        assert Session.objects.get().expire_date == session.expire_date
        traveller.shift(datetime.timedelta(seconds=1))
        assert client.get("/").status_code == 200
        assert Session.objects.get().expire_date == session.expire_date + datetime.timedelta(
            seconds=60
        )


def test_password_reset_by_email(client, case_worker):
    response = client.post(reverse("accounts:password_reset"), {"email": case_worker.email})
    assert response.url == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "/accounts/password-reset/" in body
    assert case_worker.last_name not in body
    link = next(line for line in body.splitlines() if "/password-reset/" in line)
    path = link.split("://", 1)[1].split("/", 1)[1]
    form = client.get(f"/{path}", follow=True)
    assert form.status_code == 200
    new_password = "Een-nieuw-wachtwoord-42"
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )
    assert done.url == reverse("accounts:password_reset_complete")
    case_worker.refresh_from_db()
    assert case_worker.check_password(new_password)


def test_logout_ends_the_session(login, client, case_worker):
    login(case_worker)
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert client.get("/").status_code == 302

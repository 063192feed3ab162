"""Development defaults must be refused by the deploy check."""

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError


def test_deploy_check_rejects_development_defaults(settings):
    settings.DEBUG = False
    with pytest.raises(SystemCheckError) as error:
        call_command("check", "--deploy", "--fail-level", "ERROR")
    message = str(error.value)
    assert "vn.E001" in message  # development SECRET_KEY
    assert "vn.E002" in message  # demo second factor


def test_demo_second_factor_is_dead_without_setting(client, settings, case_worker):
    settings.DEMO_OTP_TOKEN = ""
    device = case_worker.demodevice_set.get()
    assert not device.verify_token("")
    assert not device.verify_token("123456")

"""Hardening: deploy check, CSP without inline code, error pages without data, API rate
limit. (Login throttling: tests/accounts/test_login.py::test_throttling_*.)"""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.urls import include, path

from tests.api.test_api import payload
from tests.factories import OrganisationFactory
from tests.reports.factories import veilig_thuis
from veilignet.accounts.models import OrganisationType
from veilignet.api.services import issue_token
from veilignet.core.access import public

REPO = Path(__file__).resolve().parents[2]
TEMPLATES = sorted(REPO.glob("src/veilignet/*/templates/**/*.html"))


def test_deploy_check_is_clean_under_production_settings():
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "DEMO_OTP_TOKEN": "",
        "ALLOWED_HOSTS": "veilignet.example.org",
        "PYTHONPATH": str(REPO / "src"),
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_deploy_check_refuses_development_defaults():
    env = {**os.environ, "DEBUG": "true", "PYTHONPATH": str(REPO / "src")}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0 and "vn.E001" in result.stderr


def test_pages_carry_a_strict_content_security_policy(client):
    policy = client.get("/accounts/login/")["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "unsafe-inline" not in policy and "frame-ancestors 'none'" in policy


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(REPO / "src")))
def test_templates_have_no_inline_scripts_styles_or_handlers(template):
    html = template.read_text()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "inline <script>"
    assert not re.search(r"<style\b", html), "inline <style>"
    assert not re.search(r"\sstyle=", html), "style attribute"
    assert not re.search(r"\son[a-z]+=", html), "event handler attribute"
    assert "javascript:" not in html, "javascript: URL"


def test_htmx_adds_no_inline_styles(client):
    assert "includeIndicatorStyles" in client.get("/accounts/login/").content.decode()


def boom(request):
    raise RuntimeError("secret detail 123456789")


urlpatterns = [
    path("", include("veilignet.urls")),
    path("boom/", public(boom)),
    path("teapot/", public(lambda request: HttpResponse(status=418))),
]


@pytest.fixture
def production(settings):
    settings.DEBUG = False
    settings.ROOT_URLCONF = __name__


def test_404_page_is_dutch_and_echoes_nothing(production, client):
    response = client.get("/households/999999/bsn-123456789/")
    content = response.content.decode()
    assert response.status_code == 404 and "Niet gevonden" in content
    assert "123456789" not in content and "households" not in content


def test_500_page_is_dutch_and_shows_no_detail(production, client):
    client.raise_request_exception = False
    response = client.get("/boom/")
    content = response.content.decode()
    assert response.status_code == 500 and "Er ging iets mis" in content
    assert "secret detail" not in content and "RuntimeError" not in content


def test_403_page_is_dutch(production, client, login, case_worker):
    response = login(case_worker).get("/audit/")
    assert response.status_code == 403 and "Geen toegang" in response.content.decode()


def test_api_is_rate_limited_per_organisation(client, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK}
    from rest_framework.settings import api_settings

    cache.clear()
    vt = veilig_thuis()
    police = OrganisationFactory(type=OrganisationType.POLICE, region=vt.region)
    _, first = issue_token(police)
    _, second = issue_token(police)
    rates = api_settings.DEFAULT_THROTTLE_RATES
    original = rates["organisation"]
    rates["organisation"] = "3/minute"
    try:
        statuses = [
            client.post(
                "/api/v1/reports/",
                payload(),
                content_type="application/json",
                headers={"authorization": f"Token {token}"},
            ).status_code
            for token in (first, second, first, second)
        ]
    finally:
        rates["organisation"] = original
        cache.clear()
    assert statuses == [201, 201, 201, 429]

"""Deny by default: a view without a declared policy is refused for everyone."""

import pytest
from django.http import HttpResponse
from django.urls import path, reverse

from tests.factories import UserFactory
from veilignet.accounts.models import Role
from veilignet.core.access import allow
from veilignet.urls import urlpatterns as project_urls


def undeclared(request):
    return HttpResponse("secret")


@allow(Role.AUDITOR)
def auditors_only(request):
    return HttpResponse("for auditors")


urlpatterns = [
    *project_urls,
    path("undeclared/", undeclared),
    path("auditors-only/", auditors_only),
]


@pytest.fixture
def test_urls(settings):
    settings.ROOT_URLCONF = __name__


@pytest.mark.parametrize("role", list(Role))
def test_view_without_policy_is_refused_for_every_role(test_urls, login, role):
    response = login(UserFactory(role=role)).get("/undeclared/")
    assert response.status_code == 403
    assert b"secret" not in response.content


def test_view_without_policy_is_refused_anonymously(test_urls, client):
    assert client.get("/undeclared/").status_code == 403


def test_declared_roles_are_enforced(test_urls, login):
    assert login(UserFactory(role=Role.AUDITOR)).get("/auditors-only/").status_code == 200


def test_declared_roles_refuse_others(test_urls, login):
    assert login(UserFactory(role=Role.CASE_WORKER)).get("/auditors-only/").status_code == 403


def test_anonymous_is_sent_to_login(test_urls, client):
    response = client.get("/auditors-only/")
    assert response.url.startswith(reverse("accounts:login"))


def test_every_project_url_declares_a_policy():
    from django.urls import get_resolver

    from veilignet.core.access import policy_of

    def walk(patterns, prefix=""):
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            else:
                yield prefix + str(pattern.pattern), pattern.callback

    missing = [route for route, view in walk(get_resolver().url_patterns) if not policy_of(view)]
    assert missing == []


def test_health_is_public_and_says_nothing(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.content == b"ok"


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (
            Role.CASE_WORKER,
            [
                "Start",
                "Werkvoorraad",
                "Huishoudens",
                "Casussen",
                "Mijn taken",
                "MDA++-team",
                "Crisismeldingen",
                "Bestuur",
            ],
        ),
        (
            Role.TEAM_LEAD,
            [
                "Start",
                "Werkvoorraad",
                "Huishoudens",
                "Casussen",
                "Mijn taken",
                "MDA++-team",
                "Crisismeldingen",
                "Bestuur",
                "Monitoring",
            ],
        ),
        (Role.AUDITOR, ["Start", "Bestuur", "Audittrail"]),
        (Role.POLICY_OFFICER, ["Start", "Bestuur", "Monitoring"]),
    ],
)
def test_navigation_follows_the_role(login, role, expected):
    response = login(UserFactory(role=role)).get("/")
    assert [item["label"] for item in response.context["navigation"]] == expected


def test_dutch_by_default_whatever_the_browser_says(client):
    response = client.get("/accounts/login/", headers={"accept-language": "en-US,en;q=0.9"})
    assert "Inloggen bij Veilignet" in response.content.decode()


def test_english_when_chosen(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    assert "Log in to Veilignet" in client.get("/accounts/login/").content.decode()

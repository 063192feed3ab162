"""The authorisation matrix (core/authz.py) proven for every URL of the project.

Every URL pattern is requested as every role: users of the home Veilig Thuis, a team
lead of another organisation, users of another region and an anonymous visitor. Each
answer must be what the matrix allows: 2xx/3xx (or 405 for POST-only views: the policy
let the request through) when the role and scope allow it, 403/404 otherwise.
"""

from collections import Counter

import pytest
from django.apps import apps
from django.core.management import call_command
from django.http import HttpResponse
from django.test import Client
from django.urls import include, path, reverse
from django.utils import timezone

from tests.cases.factories import open_case
from tests.factories import OrganisationFactory, UserFactory
from tests.reports.factories import assessed, register
from veilignet.accounts.models import OrganisationType, Role, User
from veilignet.cases import services as cases
from veilignet.cases.models import Case, CaseMember, SafetyJudgement
from veilignet.core import authz
from veilignet.core.access import allow
from veilignet.governance.models import GOVERNANCE_ROLES, Membership
from veilignet.mda.models import TeamMembership
from veilignet.people.models import Household, HouseholdAccess, HouseholdMember, Person
from veilignet.privacy import services as privacy
from veilignet.privacy.models import Restriction
from veilignet.regions.models import Region

S = authz.Scope
ALLOWED = {200, 302, 405}
DENIED = {403, 404}


# The checker itself -------------------------------------------------------------------


def test_every_url_has_a_matrix_entry_that_matches_its_view():
    assert authz.check() == []


def unprotected(request):
    return HttpResponse("personal data")


@allow(Role.AUDITOR)
def declared_but_not_in_matrix(request):
    return HttpResponse("audit data")


urlpatterns = [
    path("", include("veilignet.urls")),
    path("unprotected/", unprotected, name="unprotected"),
    path("forgotten/", declared_but_not_in_matrix, name="forgotten"),
]


def test_an_unprotected_view_makes_the_check_fail():
    problems = authz.check(urlconf=__name__)
    assert "unprotected/ (unprotected): the view declares no access policy" in problems
    assert "unprotected/ (unprotected): no entry in the authorisation matrix" in problems
    assert "forgotten/ (forgotten): no entry in the authorisation matrix" in problems
    assert len(problems) == 3


def test_a_view_that_disagrees_with_the_matrix_makes_the_check_fail():
    matrix = dict(authz.MATRIX, **{"audit:search": authz.Rule(authz.EVERYONE)})
    assert authz.check(matrix=matrix) == [
        "audit/ (audit:search): the view's policy differs from the matrix"
    ]


def test_a_stale_matrix_entry_makes_the_check_fail():
    matrix = dict(authz.MATRIX, **{"gone:view": authz.Rule(authz.EVERYONE)})
    assert authz.check(matrix=matrix) == ["gone:view: matrix entry without a URL"]


# The world: the demo region plus users of another organisation and another region ----

# Every role at the home Veilig Thuis; team leads of other organisations of the region
# (a local team, a school); a network member's director; the MDA++ team's justice partner;
# the crisis service, hospital and school contact of acute help; users of another region.
WORLD_USERS = [
    "vt.medewerker",
    "vt.collega",
    "vt.teamleider",
    "vt.directeur",
    "vt.privacy",
    "beheerder",
    "auditor",
    "wijkteam.medewerker",
    "wijkteam.teamleider",
    "school.teamleider",
    "gemeente.beleid",
    "bestuur.lid",
    "bestuur.politie-hvb",
    "politie.medewerker",
    "meldpunt.medewerker",
    "ziekenhuis.medewerker",
    "school.contactpersoon",
    "wb.medewerker",
    "wb.teamleider",
    "wb.bestuur",
    "wb.privacy",
]


@pytest.fixture
def world(db):
    call_command("seed_demo", "--seed", "3", "--households", "4", "--report-years", "0")
    users = {u.username: u for u in User.objects.select_related("organisation__region")}
    other_region = Region.objects.get(slug="west-brabant")
    wb = users["wb.medewerker"].organisation
    for username, role in (
        ("wb.teamleider", Role.TEAM_LEAD),
        ("wb.bestuur", Role.BOARD_MEMBER),
        ("wb.privacy", Role.PRIVACY_OFFICER),
    ):
        users[username] = UserFactory(username=username, organisation=wb, role=role)
    school = OrganisationFactory(
        type=OrganisationType.SCHOOL, region=users["vt.medewerker"].organisation.region
    )
    users["school.teamleider"] = UserFactory(
        username="school.teamleider", organisation=school, role=Role.TEAM_LEAD
    )
    assert wb.region == other_region
    closed = open_case(users["wijkteam.medewerker"])
    cases.close_case(
        users["wijkteam.medewerker"], closed, "Veilig", SafetyJudgement.SAFE_ENOUGH, "Rust", [3]
    )
    report = register(users["vt.medewerker"])
    assessed(report, users["vt.medewerker"])
    case = Case.objects.for_user(users["vt.teamleider"]).first() or Case.objects.first()
    privacy.grant_emergency_access(
        users["vt.collega"], case, "Acuut gevaar, coördinator onbereikbaar."
    )
    return {name: users[name] for name in WORLD_USERS}


def _organisation_of(obj):
    for field in ("handling_organisation_id", "intake_organisation_id"):
        if hasattr(obj, field):
            return getattr(obj, field)
    return obj.organisation_id


def _case_of(obj):
    return obj if isinstance(obj, Case) else obj.case


def _region_of_person(person):
    households = Household.objects.filter(members__person=person)
    return set(households.values_list("municipality__region_id", flat=True))


def in_scope(rule, user, obj):
    """The matrix's scopes, restated independently of the views."""
    organisation = user.organisation
    scope = rule.scope
    if scope == S.NONE:
        return True
    if scope == S.VEILIG_THUIS:
        return organisation.type == OrganisationType.VEILIG_THUIS
    if scope == S.LOCAL_TEAM:
        return organisation.type == OrganisationType.LOCAL_TEAM
    if scope == S.OWN_ORGANISATION:
        return _organisation_of(obj) == organisation.pk
    if scope == S.OWN:
        return obj.user_id == user.pk
    if scope == S.REGION:
        return organisation.region_id in _region_of_person(obj)
    if scope == S.CASE_MEMBERSHIP:
        case = _case_of(obj)
        members = CaseMember.objects.filter(case=case, left_at__isnull=True)
        by = {"organisation": organisation} if user.role == Role.TEAM_LEAD else {"user": user}
        emergency = case.emergency_access.filter(user=user, expires_at__gt=timezone.now())
        return members.filter(**by).exists() or emergency.exists()
    if scope == S.HOUSEHOLD_ACCESS:
        if isinstance(obj, Person):
            if Restriction.objects.active().filter(person=obj).exists():
                return False
            households = HouseholdMember.objects.filter(person=obj).values("household")
        else:
            households = [obj.pk]
        grants = HouseholdAccess.objects.filter(household__in=households)
        by = {"organisation": organisation} if user.role == Role.TEAM_LEAD else {"user": user}
        return grants.filter(**by).exists()
    if scope == S.NETWORK_MEMBER:
        member = Membership.objects.current().of_user(user).filter(network=obj).exists()
        region = obj.region_id == organisation.region_id
        return member or (user.role in GOVERNANCE_ROLES and region)
    if scope == S.INVITED:
        return obj.invitations.filter(user=user).exists()
    if scope == S.ACTION_OWNER:
        region = obj.network.region_id == organisation.region_id
        return obj.owner_id == user.pk or (user.role in GOVERNANCE_ROLES and region)
    if scope == S.TEAM_MEMBER:
        members = TeamMembership.objects.filter(team=obj.team_id, left_at__isnull=True)
        return members.filter(user=user).exists()
    if scope == S.CASE_COORDINATOR:
        coordinator = obj.case.members.filter(left_at__isnull=True, case_role="coordinator")
        return (
            obj.status == "accepted"
            and obj.handover_id is None
            and obj.coordinator_id != user.pk
            and coordinator.filter(user=user).exists()
        )
    if scope == S.HOSPITAL:
        return organisation.type == OrganisationType.HOSPITAL
    if scope == S.ADDRESSEE:
        return obj.contact_id == user.pk
    if scope == S.RECORD:
        obj = obj.meeting if rule.model == "governance.AgendaItem" else obj
        return type(obj).objects.for_user(user).filter(pk=obj.pk).exists()
    raise AssertionError(scope)


def expected_allowed(rule, user, obj):
    if rule.policy is authz.PUBLIC:
        return True
    if rule.policy is authz.TOKEN:
        return False  # a browser session never reaches the API
    return rule.policy.allows_role(user.role) and in_scope(rule, user, obj)


# A second key in the route, taken from the sampled record: (related records, the key).
RELATED_KEYS = {
    "assessment_pk": ("assessments", "pk"),
    "referral_pk": ("items", "referral_id"),  # a referral on the conference's agenda
}


def _sample(rule, users, route):
    """The record for the URL: the first one some allowed user reaches, so every scope
    is shown both open and closed (and one that has what the route's other keys need)."""
    if not rule.model:
        return None
    model = apps.get_model(rule.model)
    candidates = model.objects.order_by("pk")
    for key, (related, _field) in RELATED_KEYS.items():
        if f"<int:{key}>" in route:
            candidates = candidates.filter(**{f"{related}__isnull": False}).distinct()
    candidates = list(candidates[:200])
    assert candidates, f"no {rule.model} in the test world"
    for obj in candidates:
        if any(expected_allowed(rule, u, obj) for u in users if u.role):
            return obj
    return candidates[0]


def _url(name, route, rule, obj):
    if rule.query:
        return f"{reverse(name)}?{rule.query}={obj.pk}"
    kwargs = {}
    for key in ("pk", "case_pk", "team_pk"):  # the record's own key, whatever its name
        if f"<int:{key}>" in route:
            kwargs[key] = obj.pk
    for key, (related, field) in RELATED_KEYS.items():
        if f"<int:{key}>" in route:
            kwargs[key] = getattr(getattr(obj, related).order_by("pk").first(), field)
    if "<str:decision>" in route:
        kwargs["decision"] = "accept"
    if "<slug:key>" in route:
        kwargs.update(key="overview", fmt="csv")
    if "<uidb64>" in route:
        kwargs.update(uidb64="MQ", token="set-password")
    return reverse(name, kwargs=kwargs)


def test_every_role_gets_exactly_what_the_matrix_allows(world, login):
    users = sorted(world.values(), key=lambda u: u.username)
    clients = {u.username: login(u, Client()) for u in users}
    anonymous = Client()
    mismatches, outcomes = [], Counter()
    for name, route, _view in authz.url_patterns():
        if name == "accounts:logout":
            continue  # logging out would end the session the other requests use
        rule = authz.MATRIX[name]
        obj = _sample(rule, users, route)
        url = _url(name, route, rule, obj)
        granted = []
        for user in users:
            status = clients[user.username].get(url).status_code
            allowed = expected_allowed(rule, user, obj)
            if status == 405 and not allowed:
                # POST-only view: GET got past the policy, the record's scope needs a POST
                # (an allowed user's POST without a form body proves nothing, so only the
                # refused users' POSTs are checked; the apps' own tests post real forms).
                status = clients[user.username].post(url).status_code
            granted.append(allowed)
            outcomes[allowed] += 1
            refused = DENIED | ({401} if rule.policy is authz.TOKEN else set())
            if status not in (ALLOWED if allowed else refused):
                expected = "allowed" if allowed else "denied"
                mismatches.append(f"{name} as {user.username}: {status}, expected {expected}")
        status = anonymous.get(url).status_code
        if rule.policy is authz.PUBLIC:
            assert status in ALLOWED, name
        elif rule.policy is authz.TOKEN:
            assert status in {401, 403}, name
        else:
            assert status == 302 and "/accounts/login/" in anonymous.get(url)["Location"], name
        if rule.policy not in (authz.PUBLIC, authz.TOKEN):
            assert any(granted), (
                f"{name}: no user in the world may use it; the sample proves nothing"
            )
    assert not mismatches, "\n".join(mismatches)
    assert outcomes[True] > 100 and outcomes[False] > 1000

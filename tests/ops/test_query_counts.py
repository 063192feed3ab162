"""The main pages use the same number of queries whatever the amount of data.

Each scenario builds a page's data at a small size, requests the page as a user who may
see it and counts the queries; then it adds GROWTH more of every kind of row the page
lists (cases, members, notes, reports, referrals, ...) and counts again: the count must
be equal, and below the page's absolute bound. Governance pages are covered the same
way in tests/governance/test_query_counts.py, the monitoring dashboard in
tests/monitoring/test_views.py.
"""

import datetime
from dataclasses import dataclass, field

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.acute.factories import intake, local_team, meldpunt_worker, triaged
from tests.cases.factories import agreed_plan, open_case, professional
from tests.factories import (
    MemberFactory,
    OrganisationFactory,
    UserFactory,
    grant,
    household_with_members,
)
from tests.mda.factories import TeamSetup, accepted_case, referred_case
from tests.monitoring.factories import Registry, at
from tests.reports.factories import person, register, veilig_thuis
from veilignet.accounts.models import OrganisationType, Role
from veilignet.acute import services as acute
from veilignet.acute.models import SchoolContact
from veilignet.api.services import issue_token
from veilignet.audit import events
from veilignet.cases import services as cases
from veilignet.cases.models import (
    CaseRole,
    Escalation,
    HelpAsked,
    HelpKind,
    HelpStatus,
    SafetyJudgement,
)
from veilignet.mda import services as mda
from veilignet.mda.models import Team, TeamRole
from veilignet.people.models import MemberRole
from veilignet.privacy import services as privacy
from veilignet.privacy.models import RetentionRun
from veilignet.reports import services as reports
from veilignet.reports.models import Judgement

GROWTH = 3
PAGE_SIZE = 2  # small, so that the grown lists run over several pages


@dataclass
class Page:
    """A page to request as `user` (or with `headers` for the API) and how to grow it."""

    url: str
    grow: callable
    user: object = None
    headers: dict = field(default_factory=dict)
    post: dict | None = None
    paginated: str = ""  # the context name of the page's Paginator page, for list pages


SCENARIOS = {}


def scenario(limit):
    """Register a scenario with the absolute bound on its page's queries."""

    def register_scenario(build):
        SCENARIOS[build.__name__] = (build, limit)
        return build

    return register_scenario


# Households and persons --------------------------------------------------------------------


@scenario(12)
def household_list():
    worker = professional()
    return Page(
        reverse("people:household_list"),
        lambda: household_with_members(worker, 4),
        worker,
        paginated="page",
    )


@scenario(10)
def household_detail():
    worker = professional()
    household = household_with_members(worker)
    url = reverse("people:household_detail", args=[household.pk])
    return Page(url, lambda: MemberFactory(household=household, role=MemberRole.CHILD), worker)


@scenario(10)
def person_detail():
    worker = professional()
    household = household_with_members(worker)
    someone = household.members.first().person

    def grow():
        other = household_with_members(worker, 2)
        MemberFactory(household=other, person=someone)

    return Page(reverse("people:person_detail", args=[someone.pk]), grow, worker)


# Reports -----------------------------------------------------------------------------------


@scenario(11)
def worklist():
    worker = UserFactory(organisation=veilig_thuis())

    def grow():
        report = register(
            worker,
            persons=[person(), person(MemberRole.CHILD)],
            violence_forms=["partner_violence", "child_abuse"],
        )
        reports.assign(worker, report, worker)

    return Page(reverse("reports:worklist"), grow, worker, paginated="page")


@scenario(24)
def report_detail():
    worker = UserFactory(organisation=veilig_thuis())
    colleague = UserFactory(organisation=worker.organisation)
    born = datetime.date(1990, 4, 1)
    named = {"last_name": "Jansen", "date_of_birth": born}
    report = register(worker, persons=[person(**named), person(MemberRole.CHILD)])

    def grow():
        # A household with the same person (a re-report candidate), a new assessment
        # with its confirmation and a new colleague to assign.
        household = household_with_members(size=2)
        MemberFactory(household=household, person__last_name="Jansen", person__date_of_birth=born)
        reports.confirm_assessment(
            colleague,
            reports.record_assessment(
                worker,
                report,
                immediate_danger=False,
                risk_factors=["escalation"],
                children_present=True,
                judgement=Judgement.UNSAFE,
                rationale="Zorgen.",
            ),
        )
        UserFactory(organisation=worker.organisation)

    return Page(report.get_absolute_url(), grow, worker)


# Cases -------------------------------------------------------------------------------------


def busy(case, coordinator, index=0):
    """Add a partner, help, a goal, a note, causes, an assessment and a plan version."""
    cases.add_member(coordinator, case, professional(), CaseRole.THERAPIST)
    cases.add_help(coordinator, case, HelpKind.PEER_GROUP, f"Aanbieder {index}", HelpStatus.ACTIVE)
    cases.add_goal(coordinator, case, f"Doel {index}")
    cases.add_note(coordinator, case, f"Notitie {index}")
    member = MemberFactory(household=case.household, role=MemberRole.CHILD)
    cases.add_cause(coordinator, case, member.person, "Stress.")
    cases.record_assessment(coordinator, case, SafetyJudgement.NOT_SAFE_ENOUGH, "Zorgen.")
    agreed_plan(coordinator, case, who_to_call=f"Buurvrouw {index}")


def busy_case(coordinator):
    case = open_case(coordinator)
    busy(case, coordinator)
    cases.escalate(coordinator, case, "Vast", HelpAsked.CAPACITY, "x")
    return case


@scenario(14)
def case_list():
    worker = professional()
    return Page(reverse("cases:case_list"), lambda: busy_case(worker), worker, paginated="page")


@scenario(19)
def case_detail():
    worker = professional()
    case = busy_case(worker)
    return Page(reverse("cases:case_detail", args=[case.pk]), lambda: busy(case, worker), worker)


@scenario(12)
def case_timeline():
    worker = professional()
    case = busy_case(worker)
    url = reverse("cases:case_timeline", args=[case.pk])
    return Page(url, lambda: busy(case, worker), worker, paginated="page")


@scenario(12)
def plan_history():
    worker = professional()
    case = busy_case(worker)
    return Page(reverse("cases:plan_history", args=[case.pk]), lambda: busy(case, worker), worker)


@scenario(12)
def plan_print():
    worker = professional()
    case = busy_case(worker)
    version = cases.current_plan(case.household)
    return Page(reverse("cases:plan_print", args=[version.pk]), lambda: busy(case, worker), worker)


@scenario(10)
def handover_detail():
    worker = professional()
    case = busy_case(worker)
    receiver = professional(OrganisationFactory(type=OrganisationType.LOCAL_TEAM))
    handover = cases.propose_handover(worker, case, receiver.organisation, "Samenvatting")
    url = reverse("cases:handover_detail", args=[handover.pk])
    return Page(url, lambda: busy(case, worker), receiver)


@scenario(14)
def escalation_detail():
    worker = professional()
    lead = professional(worker.organisation, role=Role.TEAM_LEAD)
    case = busy_case(worker)
    current = case.escalations.get()
    day = datetime.timedelta(days=1)

    def grow():
        # An earlier escalation of the case, de-escalated: the page's history grows.
        cases.de_escalate(worker, current, "Terug")
        earlier = cases.escalate(worker, case, "Weer vast", HelpAsked.CAPACITY, "x")
        cases.de_escalate(worker, earlier, "Opgelost")
        Escalation.objects.filter(pk=earlier.pk).update(raised_at=current.raised_at - day)
        Escalation.objects.filter(pk=current.pk).update(status="open", closed_at=None)
        busy(case, worker)

    return Page(reverse("cases:escalation_detail", args=[current.pk]), grow, lead)


@scenario(16)  # three paginated sections: a count query each
def my_tasks():
    lead = UserFactory(role=Role.TEAM_LEAD)

    def grow():
        coordinator = professional(lead.organisation)
        case = open_case(coordinator)
        grant(case.household, lead)
        cases.escalate(coordinator, case, "Vast", HelpAsked.CAPACITY, "x")
        cases.propose_handover(coordinator, case, lead.organisation, "S")
        other = open_case(lead)
        cases.propose_handover(lead, other, coordinator.organisation, "S")
        cases.close_case(lead, open_case(lead), "Klaar", "safe_enough", "Veilig", [3])

    return Page(reverse("cases:my_tasks"), grow, lead)


# MDA++ -------------------------------------------------------------------------------------


def team():
    return TeamSetup(coordinators=2, max_cases=50)


@scenario(12)
def mda_overview():
    setup = team()
    dates = (datetime.date(2026, 5, 7) + datetime.timedelta(weeks=n) for n in range(10))

    def grow():
        accepted_case(setup)
        referred_case(setup.team)
        mda.schedule_conference(setup.chair, setup.team, next(dates))
        other = Team.objects.create(name="Ander team", region=setup.team.region)
        mda.add_team_member(setup.chair, other, setup.chair, TeamRole.CHAIR)
        mda.add_team_member(setup.chair, other, professional(), TeamRole.COORDINATOR, 3)
        referred_case(other)

    return Page(reverse("mda:overview"), grow, setup.chair)


@scenario(12)
def referral_list():
    setup = team()

    def grow():
        referral = accepted_case(setup)
        mda.record_justice_info(setup.justice, referral, kind="police", status="Aangifte")

    return Page(reverse("mda:referral_list"), grow, setup.chair, paginated="page")


@scenario(18)
def referral_detail():
    setup = team()
    referral = accepted_case(setup)

    def grow():
        mda.record_justice_info(setup.justice, referral, kind="police", status="Aangifte")
        mda.add_action(
            setup.chair,
            referral,
            description="Huisbezoek",
            owner=setup.coordinators[0],
            due_on=timezone.localdate(),
        )
        MemberFactory(household=referral.case.household, role=MemberRole.CHILD)

    return Page(reverse("mda:referral_detail", args=[referral.pk]), grow, setup.chair)


@scenario(18)
def conference_detail():
    setup = team()
    conference = mda.schedule_conference(setup.chair, setup.team, datetime.date(2026, 5, 7))

    def grow():
        referral = referred_case(setup.team)
        mda.record_justice_info(setup.justice, referral, kind="police", status="Aangifte")
        MemberFactory(household=referral.case.household, role=MemberRole.CHILD)
        mda.generate_agenda(setup.chair, conference)

    return Page(reverse("mda:conference_detail", args=[conference.pk]), grow, setup.chair)


# Acute help --------------------------------------------------------------------------------


def school_contact():
    school = OrganisationFactory(type=OrganisationType.SCHOOL)
    user = professional(school)
    SchoolContact.objects.create(school=school, user=user)
    return user


def notice(worker, police_intake, contact):
    return acute.send_handle_with_care(
        worker,
        police_intake,
        child_first_name="Noor",
        child_last_name="Jansen",
        child_date_of_birth=datetime.date(2016, 5, 1),
        contact=contact,
    )


@scenario(14)
def shift():
    worker = meldpunt_worker()
    receiver, _lead = local_team()

    def grow():
        acute.forward(worker, triaged(worker), receiver.organisation, "local_team", "x")
        triaged(worker)
        notice(worker, intake(worker, channel="police"), worker)

    SchoolContact.objects.create(school=worker.organisation, user=worker)
    return Page(reverse("acute:shift"), grow, worker, paginated="page")


@scenario(10)
def figures():
    worker = meldpunt_worker()
    receiver, _lead = local_team()

    def grow():
        acute.forward(worker, triaged(worker), receiver.organisation, "local_team", "x")
        acute.conclude(worker, triaged(worker), "crisis_intervention")

    return Page(reverse("acute:figures"), grow, worker)


@scenario(12)
def intake_detail():
    worker = meldpunt_worker()
    police = intake(worker, channel="police")
    acute.triage(worker, police, "acute")

    def grow():
        notice(worker, police, school_contact())

    return Page(reverse("acute:intake_detail", args=[police.pk]), grow, worker)


# Privacy, audit, API -----------------------------------------------------------------------


@scenario(12)
def emergency_review_list():
    vt = OrganisationFactory(type=OrganisationType.VEILIG_THUIS)
    officer = UserFactory(organisation=vt, role=Role.PRIVACY_OFFICER)

    def grow():
        privacy.grant_emergency_access(
            UserFactory(organisation=vt), open_case(), "Coördinator is onbereikbaar."
        )

    return Page(reverse("privacy:emergency_review_list"), grow, officer, paginated="page")


@scenario(12)
def person_rights():
    case = open_case()
    officer = UserFactory(role=Role.PRIVACY_OFFICER)
    victim = case.household.members.get(role=MemberRole.VICTIM).person

    def grow():
        privacy.rectify_person(officer, victim, "Verzoek", first_name=f"{victim.first_name}a")
        victim.refresh_from_db()

    return Page(reverse("privacy:person_rights", args=[victim.pk]), grow, officer)


@scenario(10)
def person_search():
    officer = UserFactory(role=Role.PRIVACY_OFFICER)
    return Page(
        reverse("privacy:person_search"),
        lambda: MemberFactory(household=open_case().household, person__last_name="Jansen"),
        officer,
        post={"last_name": "Jansen"},
    )


@scenario(10)
def retention_runs():
    officer = UserFactory(role=Role.PRIVACY_OFFICER)
    url = reverse("privacy:retention_runs")
    return Page(url, RetentionRun.objects.create, officer, paginated="page")


@scenario(10)
def audit_search():
    auditor = UserFactory(role=Role.AUDITOR)
    worker = professional()

    def grow():
        household = household_with_members(worker)
        for member in household.members.select_related("person"):
            events.person_viewed(worker, member.person, events.purpose_of(worker))
        cases.open_case(worker, household, "triage_local_team")

    return Page(reverse("audit:search"), grow, auditor, paginated="page")


@scenario(8)
def home():
    worker = professional()
    return Page(reverse("core:home"), lambda: busy_case(worker), worker)


@scenario(18)  # 4 of them: the rate limit's counter in the shared database cache
def api_indicators():
    registry = Registry()
    organisation = OrganisationFactory(
        type=OrganisationType.MUNICIPALITY, region=registry.vt.region
    )
    raw = issue_token(organisation)[1]
    url = f"{reverse('api:indicators')}?region={organisation.region.slug}&period=2025-Q1"
    return Page(
        url,
        lambda: registry.reports(5, at(2025, 2, 1)),
        headers={"HTTP_AUTHORIZATION": f"Token {raw}"},
    )


@pytest.mark.parametrize("name", SCENARIOS)
def test_query_count_does_not_grow_with_data(
    name, login, client, settings, django_assert_max_num_queries
):
    settings.VEILIGNET_PAGE_SIZE = PAGE_SIZE
    settings.VEILIGNET_MONITORING_CACHE_SECONDS = 0  # count the queries, not the cache
    build, limit = SCENARIOS[name]
    page = build()
    page.grow()
    if page.user is not None:
        login(page.user)

    def count():
        with CaptureQueriesContext(connection) as captured:
            if page.post is None:
                response = client.get(page.url, **page.headers)
            else:
                response = client.post(page.url, page.post, **page.headers)
        assert response.status_code == 200
        return len(captured.captured_queries), response

    count()  # the first request may write once (session, onboarding)
    small, _response = count()
    for _ in range(GROWTH):
        page.grow()
    with django_assert_max_num_queries(limit):
        big, response = count()
    assert big == small
    if page.paginated:
        shown = response.context[page.paginated]
        assert len(shown.object_list) == PAGE_SIZE and shown.has_next()

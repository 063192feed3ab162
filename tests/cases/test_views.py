"""Case pages: own-signals opening, tasks, handover and escalation answers, query counts."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.cases.factories import agreed_plan, local_team_worker, open_case, professional
from tests.factories import grant, household_with_members
from tests.reports.factories import register, veilig_thuis
from tests.reports.factories import worker as veilig_thuis_worker
from veilignet.accounts.models import Role
from veilignet.cases import services
from veilignet.cases.models import (
    Case,
    CaseOrigin,
    CaseRole,
    CauseAnalysis,
    DeployedHelp,
    Escalation,
    FollowUpCheck,
    Handover,
    HelpAsked,
    HelpKind,
    HelpStatus,
    Phase,
    RecoveryGoal,
    SafetyJudgement,
)


def coordinator_of(case):
    return case.members.get(case_role=CaseRole.COORDINATOR, left_at__isnull=True).user


def test_local_team_opens_a_case_on_own_signals(login):
    worker = local_team_worker()
    household = household_with_members(worker)
    response = login(worker).post("/cases/new/", {"household": household.pk})
    case = Case.objects.get()
    assert response.status_code == 302 and response.url == f"/cases/{case.pk}/"
    assert case.origin == CaseOrigin.OWN_SIGNALS and coordinator_of(case) == worker


def test_only_local_teams_open_on_own_signals(login):
    worker = professional()
    assert login(worker).get("/cases/new/").status_code == 403
    household = household_with_members(worker)
    with pytest.raises(ValidationError, match="wijkteam"):
        services.open_case(worker, household, CaseOrigin.OWN_SIGNALS)


def test_own_signals_form_offers_only_visible_households(login):
    worker = local_team_worker()
    hidden = household_with_members()
    response = login(worker).post("/cases/new/", {"household": hidden.pk})
    assert response.status_code == 200 and not Case.objects.exists()


def test_second_open_case_on_a_household_is_refused():
    case = open_case()
    with pytest.raises(ValidationError, match="al een open casus"):
        services.open_case(coordinator_of(case), case.household, CaseOrigin.INVESTIGATION)


def test_phase_change_refusal_is_shown_on_the_form(login):
    case = open_case()
    response = login(coordinator_of(case)).post(
        f"/cases/{case.pk}/phase/",
        {
            "to_phase": Phase.RISK_GUIDED_CARE,
            "judgement": SafetyJudgement.SAFE_ENOUGH,
            "rationale": "Ok",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    case.refresh_from_db()
    assert case.phase == Phase.DIRECT_SAFETY


def test_closing_needs_confirmation(login):
    case = open_case()
    data = {
        "reason": "Klaar",
        "judgement": SafetyJudgement.SAFE_ENOUGH,
        "rationale": "Ok",
        "follow_up_months": "3, 12",
    }
    client = login(coordinator_of(case))
    assert client.post(f"/cases/{case.pk}/close/", data).status_code == 200
    assert client.post(f"/cases/{case.pk}/close/", data | {"confirm": "on"}).status_code == 302
    case.refresh_from_db()
    assert case.phase == Phase.CLOSED and case.follow_up_checks.count() == 2


def test_receiver_accepts_handover_from_my_tasks(login, client):
    case = open_case()
    receiver = professional()
    handover = services.propose_handover(
        coordinator_of(case), case, receiver.organisation, "S", receiver
    )
    login(receiver)
    tasks = client.get("/cases/tasks/")
    assert f"/cases/handovers/{handover.pk}/".encode() in tasks.content
    response = client.post(f"/cases/handovers/{handover.pk}/", {"decision": "accept"})
    assert response.status_code == 302
    assert coordinator_of(case) == receiver


def test_decline_needs_a_reason(login):
    case = open_case()
    receiver = professional()
    handover = services.propose_handover(
        coordinator_of(case), case, receiver.organisation, "S", receiver
    )
    response = login(receiver).post(f"/cases/handovers/{handover.pk}/", {"decision": "decline"})
    assert response.status_code == 200
    handover.refresh_from_db()
    assert handover.status == "proposed"


def test_director_answers_level_two_without_seeing_the_case(login, make_user):
    case = open_case()
    coordinator = coordinator_of(case)
    director = make_user(role=Role.DIRECTOR, organisation=coordinator.organisation)
    level1 = services.escalate(coordinator, case, "Vast", HelpAsked.FUNDING, "Budget")
    level2 = services.raise_escalation(coordinator, level1, "Geen reactie")
    client = login(director)
    assert client.get(f"/cases/{case.pk}/").status_code == 403
    assert client.get(f"/cases/escalations/{level1.pk}/").status_code == 404
    response = client.post(
        f"/cases/escalations/{level2.pk}/", {"action": "resolve", "text": "Budget vrijgemaakt"}
    )
    assert response.status_code == 302
    level2.refresh_from_db()
    assert level2.outcome == "Budget vrijgemaakt"


def busy_case(coordinator):
    case = open_case(coordinator)
    agreed_plan(coordinator, case)
    for index in range(3):
        services.add_member(coordinator, case, professional(), CaseRole.THERAPIST)
        services.add_help(
            coordinator, case, HelpKind.PEER_GROUP, f"Aanbieder {index}", HelpStatus.WAITING
        )
        services.add_goal(coordinator, case, f"Doel {index}")
        services.add_note(coordinator, case, f"Notitie {index}")
    services.escalate(coordinator, case, "Vast", HelpAsked.CAPACITY, "x")
    return case


def test_case_page_reads_only_the_sections_that_have_rows(login):
    """One EXISTS query finds the optional sections with rows; an empty section's table
    is not read, a filled one is read and shown."""
    worker = professional()
    bare, busy = open_case(worker), busy_case(worker)
    services.add_cause(worker, busy, busy.household.members.first().person, "Stress thuis.")
    intake = veilig_thuis_worker(veilig_thuis())
    linked = [register(intake) for _ in range(2)]
    for report in linked:
        services.register_new_report(busy.household, report.pk, intake)
    client = login(worker)
    sections = (CauseAnalysis, RecoveryGoal, DeployedHelp, Escalation, Handover, FollowUpCheck)
    reads = {model: f'SELECT "{model._meta.db_table}"."id"' for model in sections}

    with CaptureQueriesContext(connection) as queries:
        page = client.get(f"/cases/{bare.pk}/").content.decode()
    sql = "\n".join(query["sql"] for query in queries)
    assert not [model for model, read in reads.items() if read in sql]
    assert "Nog niets vastgelegd." in page and "Geen open opschalingen." in page

    with CaptureQueriesContext(connection) as queries:
        page = client.get(f"/cases/{busy.pk}/").content.decode()
    sql = "\n".join(query["sql"] for query in queries)
    assert [model for model, read in reads.items() if read not in sql] == [
        Handover,
        FollowUpCheck,
    ]
    assert "Stress thuis." in page and "Doel 2" in page and "Aanbieder 1" in page
    assert all(report.reference in page for report in linked)
    links = [sql for sql in sql.split("\n") if '"cases_casereportlink"' in sql]
    assert len(links) == 2  # the EXISTS test and one read, whatever the number of links
    assert "Geen open opschalingen." not in page


@pytest.mark.parametrize("count", [1, 4])
def test_case_list_queries_do_not_grow(count, login, django_assert_max_num_queries):
    worker = professional()
    for _ in range(count):
        busy_case(worker)
    client = login(worker)
    with django_assert_max_num_queries(14):
        assert client.get("/cases/").status_code == 200


@pytest.mark.parametrize("count", [0, 3])
def test_case_detail_and_timeline_queries_do_not_grow(count, login, django_assert_max_num_queries):
    worker = professional()
    case = busy_case(worker)
    for index in range(count):
        services.add_note(worker, case, f"Extra {index}")
        services.add_help(worker, case, HelpKind.DEBT_COUNSELLING, "Schuldhulp", HelpStatus.ACTIVE)
    client = login(worker)
    with django_assert_max_num_queries(30):
        assert client.get(f"/cases/{case.pk}/").status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get(f"/cases/{case.pk}/timeline/").status_code == 200


@pytest.mark.parametrize("count", [1, 4])
def test_my_tasks_queries_do_not_grow(count, login, make_user, django_assert_max_num_queries):
    lead = make_user(role=Role.TEAM_LEAD)
    for _ in range(count):
        coordinator = professional(lead.organisation)
        case = open_case(coordinator)
        grant(case.household, lead)
        services.escalate(coordinator, case, "Vast", HelpAsked.CAPACITY, "x")
        services.propose_handover(coordinator, case, lead.organisation, "S")
    client = login(lead)
    with django_assert_max_num_queries(16):
        response = client.get("/cases/tasks/")
    assert len(response.context["to_answer"]) == count
    assert len(list(response.context["escalations"])) == count


def test_pages_render_for_a_member(login):
    worker = professional()
    case = busy_case(worker)
    client = login(worker)
    for url in (
        f"/cases/{case.pk}/members/new/",
        f"/cases/{case.pk}/phase/",
        f"/cases/{case.pk}/assessments/new/",
        f"/cases/{case.pk}/incidents/new/",
        f"/cases/{case.pk}/notes/new/",
        f"/cases/{case.pk}/plan/new/",
        f"/cases/{case.pk}/causes/new/",
        f"/cases/{case.pk}/goals/new/",
        f"/cases/{case.pk}/help/new/",
        f"/cases/{case.pk}/handovers/new/",
        f"/cases/{case.pk}/escalations/new/",
        f"/cases/{case.pk}/close/",
        f"/cases/help/{case.help.first().pk}/status/",
        f"/cases/escalations/{case.escalations.first().pk}/",
    ):
        assert client.get(url).status_code == 200, url


def test_waiting_help_shows_since_when(login):
    worker = professional()
    case = busy_case(worker)
    response = login(worker).get(f"/cases/{case.pk}/")
    assert "Wacht sinds" in response.content.decode()


def test_follow_up_check_is_recorded_from_the_task_page(login, make_user):
    case = open_case()
    coordinator = coordinator_of(case)
    services.close_case(coordinator, case, "Klaar", SafetyJudgement.SAFE_ENOUGH, "Ok", [3])
    check = case.follow_up_checks.get()
    colleague = make_user(role=Role.TEAM_LEAD, organisation=coordinator.organisation)
    client = login(colleague)
    assert f"/cases/follow-up/{check.pk}/".encode() in client.get("/cases/tasks/").content
    response = client.post(
        f"/cases/follow-up/{check.pk}/",
        {"contact_made": "yes", "judgement": SafetyJudgement.SAFE_ENOUGH, "rationale": "Rustig"},
    )
    assert response.status_code == 302
    check.refresh_from_db()
    assert check.done_by == colleague and check.contact_made is True


def test_follow_up_check_of_another_organisation_is_404(login):
    case = open_case()
    services.close_case(coordinator_of(case), case, "Klaar", SafetyJudgement.SAFE_ENOUGH, "Ok", [3])
    check = case.follow_up_checks.get()
    assert login(professional()).get(f"/cases/follow-up/{check.pk}/").status_code == 404


def test_opening_a_notification_marks_it_read(login):
    case = open_case()
    therapist = professional()
    services.add_member(coordinator_of(case), case, therapist, CaseRole.THERAPIST)
    notification = therapist.notifications.get()
    response = login(therapist).post(f"/cases/notifications/{notification.pk}/")
    assert response.status_code == 302 and response.url == f"/cases/{case.pk}/"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_my_tasks_pages_the_handovers_to_answer_by_their_own_parameter(login, client, settings):
    settings.VEILIGNET_PAGE_SIZE = 2
    receiver = professional()
    colleague = professional(receiver.organisation)
    handovers = []
    for _ in range(3):
        case = open_case()
        handovers.append(
            services.propose_handover(coordinator_of(case), case, receiver.organisation, "S")
        )
    case = open_case()
    named = services.propose_handover(
        coordinator_of(case), case, receiver.organisation, "S", colleague
    )
    login(receiver)
    links = [f"/cases/handovers/{h.pk}/".encode() for h in handovers]
    first = client.get("/cases/tasks/").content
    second = client.get("/cases/tasks/?handovers=2").content
    assert sum(link in first for link in links) == 2
    assert sum(link in second for link in links) == 1
    assert b"?handovers=2" in first
    for page in (first, second):  # addressed to a named colleague: hers to answer
        assert f"/cases/handovers/{named.pk}/".encode() not in page
    assert not services.can_answer_handover(receiver, named)
    assert services.can_answer_handover(colleague, named)

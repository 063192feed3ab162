"""Governance pages use a fixed number of queries, whatever the amount of data."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import OrganisationFactory, UserFactory
from tests.governance import factories as f
from veilignet.accounts.models import OrganisationType, Role
from veilignet.governance import services
from veilignet.governance.models import ActionStatus, Priority

LIMIT = 30


def _grow(board, net, meeting, evaluation, size):
    """Add `size` members, bottlenecks with actions, objectives, answers, meetings and
    evaluations."""
    today = datetime.date.today()
    for index in range(size):
        organisation = OrganisationFactory(type=OrganisationType.SCHOOL)
        member = UserFactory(organisation=organisation, role=Role.DIRECTOR)
        services.add_member(board, net, organisation=organisation, representative=member)
        bottleneck = f.bottleneck(board, net, title=f"Knelpunt {index}")
        services.triage_bottleneck(board, bottleneck, priority=Priority.HIGH, network=net)
        action = f.action(board, net, owner=member, bottleneck=bottleneck, due_in_days=index - 2)
        services.move_action(board, action, ActionStatus.DO)
        objective = services.create_objective(
            board,
            network=net,
            statement=f"Doel {index}",
            measure="Maatstaf",
            owner=member,
            start_year=today.year,
            end_year=today.year,
            evaluation_moments=[today],
        )
        services.assess_objective(board, objective, assessment="on_track")
        services.record_decision(board, meeting, text=f"Besluit {index}", bottleneck=bottleneck)
        evaluation.invitations.create(user=member, organisation=organisation)
        questions = evaluation.questionnaire.questions.all()
        services.submit_response(
            member,
            evaluation,
            {q.pk: (q.options[0] if q.options else "Antwoord") for q in questions},
        )
        services.schedule_meeting(
            board, net, date=today + datetime.timedelta(weeks=net.meetings.count())
        )
        services.send_evaluation(
            board, questionnaire=evaluation.questionnaire, network=net, closes_on=today
        )
    services.generate_agenda(board, meeting)
    services.record_attendance(board, meeting, net.memberships.current())


PAGES = [
    ("governance:overview", None),
    ("governance:bottleneck_list", None),
    ("governance:action_list", None),
    ("governance:objective_list", None),
    ("governance:work_agenda", None),
    ("governance:evaluation_list", None),
    ("governance:network_detail", "net"),
    ("governance:onboarding", "net"),
    ("governance:meeting_detail", "meeting"),
    ("governance:evaluation_report", "evaluation"),
    ("governance:bottleneck_detail", "bottleneck"),
    ("governance:action_detail", "action"),
    ("governance:objective_detail", "objective"),
    ("governance:notifications", None),
]

# The list pages and the context name of their page of rows (shown PAGE_SIZE at a time).
PAGINATED = {
    "governance:bottleneck_list": "page",
    "governance:action_list": "page",
    "governance:objective_list": "page",
    "governance:evaluation_list": "page",
    "governance:network_detail": "meetings",
}
PAGE_SIZE = 2


@pytest.mark.parametrize(("name", "arg"), PAGES)
def test_query_count_does_not_grow_with_rows(login, settings, name, arg):
    settings.VEILIGNET_PAGE_SIZE = PAGE_SIZE
    board = f.board_member()
    net = f.network_with_leads(board)
    services.add_member(
        board,
        f.network(board, name="Platform"),
        organisation=board.organisation,
        representative=board,
    )
    services.add_member(board, net, organisation=board.organisation, representative=board)
    meeting = services.schedule_meeting(board, net, date=datetime.date.today())
    evaluation = services.send_evaluation(
        board,
        questionnaire=services.load_evaluation_template(),
        network=net,
        closes_on=datetime.date.today(),
    )
    _grow(board, net, meeting, evaluation, 1)
    objects = {
        "net": net,
        "meeting": meeting,
        "evaluation": evaluation,
        "bottleneck": net.bottlenecks.first(),
        "action": net.actions.first(),
        "objective": net.objectives.first(),
    }
    url = reverse(name, args=[objects[arg].pk] if arg else [])
    client = login(board)

    def count():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200
        return len(captured.captured_queries), response

    count()  # first visits (e.g. of the onboarding page) write once
    small, _response = count()
    _grow(board, net, meeting, evaluation, 6)
    big, response = count()
    assert big == small <= LIMIT
    if name in PAGINATED:
        page = response.context[PAGINATED[name]]
        assert len(page.object_list) == PAGE_SIZE and page.has_next()

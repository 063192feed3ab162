"""Evaluation questionnaires: the built-in 18 questions, sending, answering and the report."""

import datetime

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from tests.factories import OrganisationFactory, UserFactory
from tests.governance import factories as f
from veilignet.accounts.models import OrganisationType, Role
from veilignet.governance import queries, services
from veilignet.governance.models import QuestionKind, Questionnaire
from veilignet.governance.services import GovernanceError


def test_the_built_in_template_has_the_18_questions_and_loads_idempotently():
    call_command("load_evaluation_template")
    call_command("load_evaluation_template")
    template = Questionnaire.objects.get()
    questions = list(template.questions.all())
    assert len(questions) == 18 and template.is_template
    assert questions[0].text.startswith("Wat was voor u de reden om deel te nemen")
    assert questions[17].text == "Wat u verder nog kwijt wilt"
    closed = [q.position for q in questions if q.kind == QuestionKind.CHOICE]
    assert closed == [3, 10]
    assert questions[2].options == ["Ja", "Gedeeltelijk", "Nee"]


def _member(board, net, kind):
    organisation = OrganisationFactory(type=kind)
    user = UserFactory(organisation=organisation, role=Role.DIRECTOR)
    services.add_member(board, net, organisation=organisation, representative=user)
    return user


def test_questionnaire_results_aggregate_correctly():
    board = f.board_member()
    net = f.network(board)
    police = [_member(board, net, OrganisationType.POLICE) for _ in range(2)]
    school = _member(board, net, OrganisationType.SCHOOL)
    silent = _member(board, net, OrganisationType.SHELTER)
    questionnaire = services.load_evaluation_template()
    evaluation = services.send_evaluation(
        board,
        questionnaire=questionnaire,
        network=net,
        closes_on=datetime.date.today() + datetime.timedelta(days=7),
    )
    assert evaluation.invitations.count() == 4
    q = {question.position: question for question in questionnaire.questions.all()}
    answers = [
        (police[0], {q[1].pk: "Samen sterker", q[3].pk: "Ja", q[10].pk: "Ja"}),
        (police[1], {q[1].pk: "Mandaat", q[3].pk: "Gedeeltelijk", q[10].pk: ""}),
        (school, {q[1].pk: "Signalen op school", q[3].pk: "Ja", q[10].pk: "Nee"}),
    ]
    for user, given in answers:
        services.submit_response(user, evaluation, given)
    with pytest.raises(GovernanceError):
        services.submit_response(police[0], evaluation, {q[3].pk: "Nee"})  # only once
    with pytest.raises(GovernanceError):
        services.submit_response(silent, evaluation, {q[3].pk: "Misschien"})  # not an option
    with pytest.raises(GovernanceError):
        services.submit_response(UserFactory(), evaluation, {})  # not invited

    reports = {r.question.position: r for r in queries.evaluation_report(evaluation)}
    assert reports[3].counts == {"Ja": 2, "Gedeeltelijk": 1, "Nee": 0}
    assert reports[3].counts_by_type == {"Politie": [1, 1, 0], "School": [1, 0, 0]}
    assert reports[10].total == 2 and reports[10].counts == {"Ja": 1, "Gedeeltelijk": 0, "Nee": 1}
    assert reports[1].answers_by_type == {
        "Politie": ["Samen sterker", "Mandaat"],
        "School": ["Signalen op school"],
    }
    assert reports[2].total == 0 and reports[2].answers_by_type == {}


def test_custom_questionnaire_answered_and_reported_through_the_pages(login):
    board = f.board_member()
    net = f.network(board)
    member = _member(board, net, OrganisationType.HOSPITAL)
    client = login(board)
    client.post(
        reverse("governance:questionnaire_create"),
        {
            "title": "Korte peiling",
            "introduction": "",
            "questions": "Wat gaat goed?\nKennen de leden elkaar? | Ja; Nee\n",
        },
    )
    questionnaire = Questionnaire.objects.get(title="Korte peiling")
    assert [q.kind for q in questionnaire.questions.all()] == ["open", "choice"]
    response = client.post(
        reverse("governance:evaluation_send"),
        {
            "questionnaire": questionnaire.pk,
            "network": net.pk,
            "closes_on": (datetime.date.today() + datetime.timedelta(days=3)).isoformat(),
        },
    )
    evaluation = net.evaluations.get()
    assert response.url == reverse("governance:evaluation_report", args=[evaluation.pk])
    first, second = questionnaire.questions.all()
    member_client = login(member, Client())
    url = reverse("governance:evaluation_respond", args=[evaluation.pk])
    assert member_client.post(url, {f"q{first.pk}": "Het overleg", f"q{second.pk}": "Ja"}).url
    report = client.get(reverse("governance:evaluation_report", args=[evaluation.pk]))
    page = report.content.decode()
    assert "Het overleg" in page and "Ziekenhuis" in page
    assert login(UserFactory(), Client()).get(url).status_code == 404

"""Actions in the Plan-Do-Check-Act cycle and the daily overdue flagging."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from tests.factories import UserFactory
from tests.governance import factories as f
from veilignet.governance import services
from veilignet.governance.models import (
    ActDecision,
    ActionStatus,
    Membership,
    Notification,
    OverdueFlag,
)
from veilignet.governance.services import GovernanceError


def _to_check(actor, action):
    services.move_action(actor, action, ActionStatus.DO)
    services.move_action(actor, action, ActionStatus.CHECK)


def test_an_action_cannot_be_marked_done_without_a_check():
    board = f.board_member()
    action = f.action(board, f.network(board))
    with pytest.raises(GovernanceError):
        services.move_action(board, action, ActionStatus.DONE)
    _to_check(board, action)
    with pytest.raises(GovernanceError):
        services.decide_action(board, action, decision=ActDecision.ADOPT)
    action.refresh_from_db()
    assert action.status == ActionStatus.CHECK
    services.record_check(board, action, effect_reached=True, evidence="9 van 10 casussen goed")
    services.decide_action(board, action, decision=ActDecision.ADOPT)
    assert action.status == ActionStatus.DONE
    steps = list(action.status_changes.values_list("status", flat=True))
    assert steps == ["plan", "do", "check", "done"]


def test_a_check_of_an_earlier_cycle_does_not_count():
    board = f.board_member()
    action = f.action(board, f.network(board))
    _to_check(board, action)
    services.record_check(board, action, effect_reached=False, evidence="Geen effect")
    new_due = action.due_date + datetime.timedelta(days=60)
    services.decide_action(board, action, decision=ActDecision.ADJUST, new_due_date=new_due)
    assert (action.status, action.cycle, action.due_date) == (ActionStatus.PLAN, 2, new_due)
    _to_check(board, action)
    with pytest.raises(GovernanceError):
        services.decide_action(board, action, decision=ActDecision.ADOPT)


def test_done_through_the_page_is_refused_without_check(login):
    board = f.board_member()
    action = f.action(board, f.network(board))
    _to_check(board, action)
    response = login(board).post(
        reverse("governance:action_decide", args=[action.pk]), {"decision": "adopt"}
    )
    assert response.status_code == 200
    assert "pas worden afgerond als het effect is gecheckt" in response.content.decode()
    action.refresh_from_db()
    assert action.status == ActionStatus.CHECK


def test_the_owner_moves_her_action_but_only_governance_decides(login):
    board = f.board_member()
    owner = UserFactory()
    action = f.action(board, f.network(board), owner=owner)
    client = login(owner)
    response = client.post(
        reverse("governance:action_move", args=[action.pk]), {"status": "do", "note": ""}
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == ActionStatus.DO
    assert client.get(reverse("governance:action_decide", args=[action.pk])).status_code == 403
    stranger = UserFactory()
    url = reverse("governance:action_detail", args=[action.pk])
    assert login(stranger).get(url).status_code == 404


def test_overdue_actions_are_flagged_once_to_owner_and_leads(django_capture_on_commit_callbacks):
    board = f.board_member()
    net = f.network_with_leads(board)
    owner = UserFactory()
    with time_machine.travel(datetime.datetime(2026, 3, 2, 9, 0), tick=False):
        action = f.action(board, net, owner=owner, due_in_days=5)
        late = services.add_action(
            board,
            network=net,
            title="Al te laat",
            owner=owner,
            due_date=datetime.date(2026, 3, 1),
            expected_effect="x",
            success_check="y",
        )
        services.move_action(board, late, ActionStatus.STOPPED)  # stopped: never overdue
    leads = [m.representative for m in Membership.objects.filter(lead_role__endswith="lead")]
    Notification.objects.all().delete()
    with time_machine.travel(datetime.datetime(2026, 3, 7, 9, 0), tick=False):
        assert services.flag_overdue_actions() == 0  # due today is not overdue
    with time_machine.travel(datetime.datetime(2026, 3, 8, 9, 0), tick=False):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("governance_daily")
            call_command("governance_daily")  # idempotent
    assert OverdueFlag.objects.filter(action=action).count() == 1
    flagged = set(Notification.objects.values_list("user_id", flat=True))
    assert flagged == {owner.pk, *(u.pk for u in leads)}
    assert Notification.objects.filter(user=owner).count() == 1
    assert {m.to[0] for m in mail.outbox} == {owner.email, *(u.email for u in leads)}
    assert all(action.title not in m.body for m in mail.outbox)
    # A new due date after adjusting can be flagged again when it passes.
    _to_check(board, action)
    services.record_check(board, action, effect_reached=False, evidence="Nog niet")
    services.decide_action(
        board, action, decision=ActDecision.ADJUST, new_due_date=datetime.date(2026, 3, 20)
    )
    with time_machine.travel(datetime.datetime(2026, 3, 21, 9, 0), tick=False):
        assert services.flag_overdue_actions() == 1

"""Meetings: the generated agenda, editing it, decisions and publishing minutes."""

import datetime

import time_machine
from django.test import Client
from django.urls import reverse

from tests.factories import OrganisationFactory, UserFactory
from tests.governance import factories as f
from veilignet.accounts.models import OrganisationType, Role
from veilignet.governance import queries, services
from veilignet.governance.models import (
    ActDecision,
    ActionStatus,
    AgendaItemKind,
    ClosureOutcome,
    Meeting,
    Notification,
    Priority,
)


@time_machine.travel(datetime.datetime(2026, 5, 1, 10, 0), tick=False)
def test_the_agenda_contains_exactly_the_items_the_rules_select():
    board = f.board_member()
    net = f.network(board)
    other = f.network(board, name="Ouderenmishandeling")

    def triaged(priority, network=net, title="Knelpunt"):
        bottleneck = f.bottleneck(board, network, title=title)
        services.triage_bottleneck(board, bottleneck, priority=priority, network=network)
        return bottleneck

    high = triaged(Priority.HIGH, title="Hoog en open")
    triaged(Priority.LOWER, title="Minder prioriteit")
    triaged(Priority.KEEP, title="Zo laten")
    f.bottleneck(board, net, title="Nog niet geprioriteerd")
    closed = triaged(Priority.HIGH, title="Hoog maar afgesloten")
    services.close_bottleneck(
        board, closed, outcome=ClosureOutcome.ACCEPTED, check_evidence="x", feedback="y"
    )
    triaged(Priority.HIGH, network=other, title="Hoog in ander netwerk")

    overdue = f.action(board, net, due_in_days=-1, title="Te laat")
    overdue_do = f.action(board, net, due_in_days=-30, title="Te laat en bezig")
    services.move_action(board, overdue_do, ActionStatus.DO)
    f.action(board, net, due_in_days=0, title="Vandaag")
    f.action(board, net, due_in_days=10, title="Op tijd")
    to_check = f.action(board, net, due_in_days=-3, title="Toe aan check")
    services.move_action(board, to_check, ActionStatus.DO)
    services.move_action(board, to_check, ActionStatus.CHECK)
    done = f.action(board, net, due_in_days=-5, title="Klaar")
    services.move_action(board, done, ActionStatus.DO)
    services.move_action(board, done, ActionStatus.CHECK)
    services.record_check(board, done, effect_reached=True, evidence="ok")
    services.decide_action(board, done, decision=ActDecision.ADOPT)
    stopped = f.action(board, net, due_in_days=-5, title="Gestopt")
    services.move_action(board, stopped, ActionStatus.STOPPED)
    f.action(board, other, due_in_days=-5, title="Te laat in ander netwerk")

    meeting = services.schedule_meeting(board, net, date=datetime.date(2026, 6, 1))
    items = [(i.kind, i.bottleneck_id, i.action_id) for i in meeting.agenda_items.all()]
    assert items == [
        (AgendaItemKind.HIGH_PRIORITY_BOTTLENECK, high.pk, None),
        (AgendaItemKind.OVERDUE_ACTION, None, overdue_do.pk),
        (AgendaItemKind.OVERDUE_ACTION, None, overdue.pk),
        (AgendaItemKind.ACTION_TO_CHECK, None, to_check.pk),
    ]
    assert all(i.generated for i in meeting.agenda_items.all())
    assert len(queries.agenda_candidates(net, datetime.date(2026, 5, 1))) == 4


def test_regenerating_keeps_items_added_by_hand_and_follows_the_rules(login):
    board = f.board_member()
    net = f.network(board)
    meeting = services.schedule_meeting(board, net, date=datetime.date.today())
    assert meeting.agenda_items.count() == 0
    client = login(board)
    client.post(reverse("governance:agenda_add", args=[meeting.pk]), {"title": "Rondvraag"})
    bottleneck = f.bottleneck(board, net)
    services.triage_bottleneck(board, bottleneck, priority=Priority.HIGH, network=net)
    client.post(reverse("governance:meeting_generate", args=[meeting.pk]))
    titles = list(meeting.agenda_items.values_list("position", "title", "generated"))
    assert titles == [(1, str(bottleneck), True), (2, "Rondvraag", False)]
    item = meeting.agenda_items.get(generated=False)
    confirm = client.get(reverse("governance:agenda_remove", args=[item.pk]))
    assert "Rondvraag" in confirm.content.decode()
    assert meeting.agenda_items.count() == 2  # nothing removed before confirming
    client.post(reverse("governance:agenda_remove", args=[item.pk]))
    assert meeting.agenda_items.count() == 1


def test_decisions_link_to_bottlenecks_and_minutes_reach_members(login):
    board = f.board_member()
    net = f.network_with_leads(board)
    bottleneck = f.bottleneck(board, net)
    meeting = services.schedule_meeting(board, net, date=datetime.date.today())
    client = login(board)
    client.post(
        reverse("governance:meeting_decision", args=[meeting.pk]),
        {"text": "Hoge prioriteit", "bottleneck": bottleneck.pk},
    )
    assert bottleneck.decisions.get().meeting == meeting
    members = list(net.memberships.current())
    client.post(
        reverse("governance:meeting_attendance", args=[meeting.pk]),
        {"memberships": [m.pk for m in members[:2]]},
    )
    assert meeting.attendance.count() == 2
    shelter = OrganisationFactory(type=OrganisationType.SHELTER)
    member = UserFactory(organisation=shelter, role=Role.TEAM_LEAD)
    services.add_member(board, net, organisation=shelter, representative=member)
    url = reverse("governance:meeting_detail", args=[meeting.pk])
    assert login(member, Client()).get(url).status_code == 404  # not before publication
    client.post(reverse("governance:meeting_minutes", args=[meeting.pk]), {"minutes": "Besproken"})
    client.post(reverse("governance:meeting_publish", args=[meeting.pk]))
    meeting.refresh_from_db()
    assert meeting.minutes_published_at is not None
    assert Notification.objects.filter(user=member, url=url).exists()
    page = login(member, Client()).get(url).content.decode()
    assert "Besproken" in page and "Hoge prioriteit" in page
    outsider = UserFactory(role=Role.CASE_WORKER)
    assert login(outsider, Client()).get(url).status_code == 404


def test_the_platform_shows_a_network_behind_on_meetings(login):
    board = f.board_member()
    busy = f.network(board, name="Eerder in beeld")
    quiet = f.network(board, name="Seksueel geweld")
    today = datetime.date.today()
    for day in (1, 2):
        services.schedule_meeting(board, busy, date=today.replace(month=1, day=day))
    services.schedule_meeting(board, quiet, date=today.replace(month=1, day=3))
    networks = {n.name: n for n in queries.networks_overview(busy.region_id, today)}
    assert networks["Eerder in beeld"].behind_on_meetings is False
    assert networks["Seksueel geweld"].behind_on_meetings is True
    assert Meeting.objects.count() == 3

"""Bottlenecks: anonymised hand-off from case escalation, triage, closure with a check and
feedback to the submitter, kept history."""

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import UserFactory
from tests.governance import factories as f
from veilignet.accounts.models import Role
from veilignet.audit.models import AuditEntry
from veilignet.governance import services
from veilignet.governance.models import (
    ActDecision,
    ActionStatus,
    Bottleneck,
    BottleneckEventKind,
    BottleneckSource,
    BottleneckStatus,
    ClosureOutcome,
    Notification,
    Priority,
)
from veilignet.governance.privacy import find_personal_data, strip_personal_data
from veilignet.governance.services import GovernanceError

BSN = "111222333"  # passes the eleven-test
PERSONAL = [
    BSN,
    "1112.22.333",
    "12-03-2015",
    "2015-03-12",
    "3 maart 2015",
    "j.jansen@example.org",
    "06-12345678",
    "+31 6 12345678",
    "013-1234567",
]


def test_level_3_escalation_arrives_without_personal_data():
    director = UserFactory(role=Role.DIRECTOR)
    text = (
        f"Moeder (BSN {BSN}, geboren 12-03-2015, 3 maart 2015, 2015-03-12) is bereikbaar op "
        "06-12345678 of +31 6 12345678, school 013-1234567, mail j.jansen@example.org."
    )
    bottleneck = services.submit_bottleneck(
        director,
        source=BottleneckSource.CASE_ESCALATION,
        title=f"Casus {BSN} loopt vast",
        description=text,
        example=text,
        requested=f"Bel 06-12345678 over {BSN}",
        region=f.region(),
        origin_reference="CASE-000042",
    )
    stored = Bottleneck.objects.get(pk=bottleneck.pk)
    for field in ("title", "description", "example", "requested", "origin_reference"):
        value = getattr(stored, field)
        for item in PERSONAL:
            assert item not in value, (field, item)
        assert find_personal_data(value) == []
    assert "verwijderd" in stored.description  # the reader sees that something was removed
    assert stored.origin_reference == "CASE-000042"
    removed = stored.events.get(kind=BottleneckEventKind.PERSONAL_DATA_REMOVED)
    assert BSN not in removed.note
    entry = AuditEntry.objects.get(event="bottleneck_submitted")
    assert "removed:bsn" in entry.detail and BSN not in entry.detail


def test_ordinary_numbers_are_kept():
    text = "In 2023 kwamen 123456789 euro en 45 meldingen binnen; zie rapport 2024-OM."
    assert strip_personal_data(text) == (text, [])  # 123456789 fails the eleven-test


def test_practitioner_form_refuses_personal_data_and_keeps_the_input(login, case_worker):
    response = login(case_worker).post(
        reverse("governance:bottleneck_create"),
        {
            "title": "Te late terugkoppeling",
            "description": f"Het gaat om BSN {BSN}",
            "example": "Zie mail van j.jansen@example.org",
            "requested": "Snellere terugkoppeling",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Verwijder persoonsgegevens" in page
    assert "Te late terugkoppeling" in page
    assert not Bottleneck.objects.exists()


def test_practitioner_submits_and_sees_only_own_bottlenecks(login, case_worker):
    other = f.bottleneck(UserFactory())
    client = login(case_worker)
    response = client.post(
        reverse("governance:bottleneck_create"),
        {
            "title": "Te late terugkoppeling",
            "description": "Melders horen niets terug.",
            "example": "",
            "requested": "Snellere terugkoppeling",
        },
    )
    own = Bottleneck.objects.get(submitted_by=case_worker)
    assert response.url == reverse("governance:bottleneck_detail", args=[own.pk])
    assert own.source == BottleneckSource.PRACTITIONER
    assert own.status == BottleneckStatus.SUBMITTED
    listing = client.get(reverse("governance:bottleneck_list")).content.decode()
    assert own.title in listing and other.title not in listing
    assert client.get(reverse("governance:bottleneck_detail", args=[other.pk])).status_code == 404


def test_high_priority_bottleneck_without_owned_action_is_flagged(login):
    board = f.board_member()
    net = f.network(board)
    flagged = f.bottleneck(board, net, title="Pleger uit huis in plaats van het kind")
    owned = f.bottleneck(board, net, title="Minder hermeldingen")
    low = f.bottleneck(board, net, title="Kijken bij elkaar in de keuken")
    for b, priority in ((flagged, Priority.HIGH), (owned, Priority.HIGH), (low, Priority.LOWER)):
        services.triage_bottleneck(board, b, priority=priority, network=net)
    f.action(board, net, bottleneck=owned)
    stopped = f.action(board, net, bottleneck=flagged)
    services.move_action(board, stopped, ActionStatus.STOPPED)  # a stopped action owns nothing

    assert list(Bottleneck.objects.high_priority_without_owned_action()) == [flagged]
    page = login(board).get(reverse("governance:overview")).content.decode()
    assert flagged.title in page
    section = page.split("Hoge prioriteit zonder actie met eigenaar")[1].split("<h2")[0]
    assert flagged.reference in section and owned.reference not in section


def test_adding_an_action_puts_a_high_priority_bottleneck_in_progress():
    board = f.board_member()
    net = f.network(board)
    bottleneck = f.bottleneck(board, net)
    services.triage_bottleneck(board, bottleneck, priority=Priority.HIGH, network=net)
    assert bottleneck.status == BottleneckStatus.TRIAGED
    f.action(board, net, bottleneck=bottleneck)
    bottleneck.refresh_from_db()
    assert bottleneck.status == BottleneckStatus.IN_PROGRESS


def test_a_bottleneck_is_not_closed_without_triage_or_check():
    board = f.board_member()
    net = f.network(board)
    bottleneck = f.bottleneck(board, net)
    with pytest.raises(GovernanceError):
        services.close_bottleneck(
            board, bottleneck, outcome=ClosureOutcome.SOLVED, check_evidence="x", feedback="y"
        )  # not triaged yet
    services.triage_bottleneck(board, bottleneck, priority=Priority.HIGH, network=net)
    with pytest.raises(GovernanceError):
        services.close_bottleneck(
            board, bottleneck, outcome=ClosureOutcome.SOLVED, check_evidence=" ", feedback="y"
        )
    open_action = f.action(board, net, bottleneck=bottleneck)
    with pytest.raises(GovernanceError):
        services.close_bottleneck(
            board, bottleneck, outcome=ClosureOutcome.SOLVED, check_evidence="x", feedback="y"
        )  # its action is still open
    bottleneck.refresh_from_db()
    assert bottleneck.status == BottleneckStatus.IN_PROGRESS
    services.move_action(board, open_action, ActionStatus.DO)
    services.move_action(board, open_action, ActionStatus.CHECK)
    services.record_check(board, open_action, effect_reached=True, evidence="Steekproef oké")
    services.decide_action(board, open_action, decision=ActDecision.ADOPT)
    services.close_bottleneck(
        board, bottleneck, outcome=ClosureOutcome.SOLVED, check_evidence="x", feedback="y"
    )
    assert bottleneck.status == BottleneckStatus.CLOSED


def test_feedback_reaches_the_submitter_and_practitioners_on_closure(
    login, case_worker, django_capture_on_commit_callbacks
):
    colleague = UserFactory()
    board = f.board_member()
    net = f.network(board)
    bottleneck = services.submit_bottleneck(
        case_worker,
        source=BottleneckSource.CASE_ESCALATION,
        title="Geen opvolging na melding",
        description="Melders horen niets.",
        example="",
        requested="Terugkoppeling binnen de termijn.",
        region=f.region(),
        practitioners=[colleague],
    )
    services.triage_bottleneck(board, bottleneck, priority=Priority.KEEP, network=net)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.close_bottleneck(
            board,
            bottleneck,
            outcome=ClosureOutcome.ACCEPTED,
            check_evidence="Landelijk beleid, niet regionaal op te lossen.",
            feedback="We brengen dit in bij het landelijk overleg.",
        )
    for user in (case_worker, colleague):
        note = Notification.objects.get(user=user)
        assert bottleneck.reference in note.message
        assert note.url == reverse("governance:bottleneck_detail", args=[bottleneck.pk])
    assert sorted(m.to[0] for m in mail.outbox) == sorted([case_worker.email, colleague.email])
    for message in mail.outbox:
        assert "Geen opvolging" not in message.body and bottleneck.reference not in message.body
    page = login(case_worker).get(reverse("governance:bottleneck_detail", args=[bottleneck.pk]))
    assert "We brengen dit in bij het landelijk overleg." in page.content.decode()


def test_history_is_kept_and_reopening_goes_back_to_triage():
    board = f.board_member()
    net = f.network(board)
    bottleneck = f.bottleneck(board, net)
    services.triage_bottleneck(board, bottleneck, priority=Priority.LOWER, network=net)
    services.triage_bottleneck(board, bottleneck, priority=Priority.STOP, network=net)
    services.close_bottleneck(
        board, bottleneck, outcome=ClosureOutcome.ACCEPTED, check_evidence="x", feedback="y"
    )
    services.reopen_bottleneck(board, bottleneck, note="Komt toch terug in de praktijk.")
    kinds = list(bottleneck.events.values_list("kind", "priority"))
    assert kinds == [
        ("submitted", ""),
        ("triaged", "lower"),
        ("triaged", "stop"),
        ("closed", "stop"),
        ("reopened", "stop"),
    ]
    assert bottleneck.status == BottleneckStatus.TRIAGED
    with pytest.raises(GovernanceError):
        services.reopen_bottleneck(board, bottleneck, note="twice")


def test_triage_through_the_page(login):
    board = f.board_member()
    net = f.network(board)
    bottleneck = f.bottleneck(board)
    response = login(board).post(
        reverse("governance:bottleneck_triage", args=[bottleneck.pk]),
        {"priority": "high", "network": net.pk, "note": "Besproken"},
    )
    assert response.status_code == 302
    bottleneck.refresh_from_db()
    assert (bottleneck.priority, bottleneck.network) == (Priority.HIGH, net)


def test_case_workers_cannot_triage(login, case_worker):
    bottleneck = f.bottleneck(case_worker)
    url = reverse("governance:bottleneck_triage", args=[bottleneck.pk])
    assert login(case_worker).get(url).status_code == 403

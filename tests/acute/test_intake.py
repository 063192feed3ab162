"""Crisis intake: office hours, triage and outcomes, the 24-hour warm handover with
escalation (time-machine), regie until accepted, the shift overview and the figures."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from tests.acute.factories import OFFICE_TIME, intake, local_team, meldpunt_worker, triaged
from tests.cases.factories import professional
from veilignet.acute import queries, services
from veilignet.acute.models import CrisisIntake, ForwardStatus, IntakeStatus, is_office_hours
from veilignet.audit.models import AuditEntry

AMS = datetime.timezone(datetime.timedelta(hours=1))  # CET, winter


@pytest.mark.parametrize(
    ("moment", "office"),
    [
        (datetime.datetime(2026, 3, 3, 8, 0, tzinfo=AMS), True),
        (datetime.datetime(2026, 3, 3, 16, 59, tzinfo=AMS), True),
        (datetime.datetime(2026, 3, 3, 17, 0, tzinfo=AMS), False),
        (datetime.datetime(2026, 3, 3, 7, 59, tzinfo=AMS), False),
        (datetime.datetime(2026, 3, 7, 11, 0, tzinfo=AMS), False),  # Saturday
        (datetime.datetime(2026, 12, 25, 11, 0, tzinfo=AMS), False),  # Christmas
    ],
)
def test_office_hours(moment, office):
    assert is_office_hours(moment) is office


def test_intake_records_receipt_outside_office_hours():
    worker = meldpunt_worker()
    night = intake(worker, received_at=datetime.datetime(2026, 3, 3, 23, 30, tzinfo=AMS))
    day = intake(worker)
    assert night.outside_office_hours and not day.outside_office_hours
    assert list(night.changes.values_list("status", flat=True)) == ["registered"]


def test_conclude_with_crisis_intervention_closes_the_intake():
    worker = meldpunt_worker()
    result = triaged(worker)
    services.conclude(worker, result, "crisis_intervention")
    assert result.status == IntakeStatus.CLOSED
    with pytest.raises(ValidationError):
        services.conclude(worker, result, "advice")


def test_forward_must_match_the_target_kind():
    worker = meldpunt_worker()
    result = triaged(worker)
    vt = professional().organisation  # a Veilig Thuis
    with pytest.raises(ValidationError):
        services.forward(worker, result, vt, "local_team", "Samenvatting")


def test_other_organisations_cannot_act_on_the_intake():
    result = triaged(meldpunt_worker())
    with pytest.raises(ValidationError, match="melding aannam"):
        services.conclude(meldpunt_worker(), result, "advice")


@pytest.fixture
def forwarded():
    worker = meldpunt_worker()
    receiver, lead = local_team()
    with time_machine.travel(OFFICE_TIME, tick=False):
        result = triaged(worker)
        handover = services.forward(worker, result, receiver.organisation, "local_team", "Zorgen")
    return worker, receiver, lead, result, handover


def test_intake_keeps_regie_until_the_handover_is_accepted(forwarded, login):
    worker, receiver, _lead, result, handover = forwarded
    assert result.status == IntakeStatus.AWAITING_HANDOVER
    assert handover.accept_by == OFFICE_TIME + datetime.timedelta(hours=24)
    page = login(worker).get(reverse("acute:intake_detail", args=[result.pk]))
    assert page.context["regie"] == worker.organisation
    with time_machine.travel(OFFICE_TIME + datetime.timedelta(hours=5), tick=False):
        handover = services.accept_forward(receiver, handover)
    result.refresh_from_db()
    assert result.status == IntakeStatus.CLOSED
    assert handover.minutes_to_accept == 300
    page = login(worker).get(reverse("acute:intake_detail", args=[result.pk]))
    assert page.context["regie"] == receiver.organisation


def test_only_the_receiving_organisation_answers(forwarded):
    worker, _receiver, _lead, _result, handover = forwarded
    with pytest.raises(ValidationError, match="ontvangende organisatie"):
        services.accept_forward(worker, handover)


def test_decline_gives_regie_back_for_another_forward(forwarded):
    worker, receiver, _lead, result, handover = forwarded
    services.decline_forward(receiver, handover, "Geen capaciteit")
    result.refresh_from_db()
    assert result.status == IntakeStatus.TRIAGED
    other, _ = local_team()
    services.forward(worker, result, other.organisation, "local_team", "Opnieuw")
    assert result.forwards.filter(status=ForwardStatus.PROPOSED).count() == 1


def test_unaccepted_forward_escalates_after_24_hours_once(
    forwarded, django_capture_on_commit_callbacks, login
):
    worker, _receiver, lead, _result, handover = forwarded
    with time_machine.travel(OFFICE_TIME + datetime.timedelta(hours=23, minutes=59), tick=False):
        assert services.escalate_overdue_forwards() == 0
    with (
        time_machine.travel(OFFICE_TIME + datetime.timedelta(hours=24, minutes=1), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        call_command("run_scheduled_jobs")
        assert services.escalate_overdue_forwards() == 0  # idempotent
    handover.refresh_from_db()
    assert handover.escalated_at is not None
    assert [m.to for m in mail.outbox] == [[lead.email]]
    assert "Zorgen" not in mail.outbox[0].body and "Anna" not in mail.outbox[0].body
    for user in (worker, lead):
        shift = login(user).get(reverse("acute:shift"))
        assert handover in shift.context["escalated"]


def test_figures_are_aggregates_per_month():
    worker = meldpunt_worker()
    receiver, _ = local_team()
    night = datetime.datetime(2026, 3, 3, 22, tzinfo=AMS)
    crisis = triaged(worker, received_at=night)
    services.conclude(worker, crisis, "crisis_intervention")
    with time_machine.travel(OFFICE_TIME, tick=False):
        result = triaged(worker)
        handover = services.forward(worker, result, receiver.organisation, "local_team", "x")
    with time_machine.travel(OFFICE_TIME + datetime.timedelta(hours=3), tick=False):
        services.accept_forward(receiver, handover)
    intake(worker, received_at=datetime.datetime(2026, 4, 1, 10, tzinfo=AMS))
    intakes = CrisisIntake.objects.for_user(worker)
    months = queries.monthly_figures(intakes)
    assert [m["concerns"] for m in months] == [1, 2]
    march = months[1]
    assert march["outside_share"] == 50 and march["crisis_share"] == 50
    assert march["hours_to_accept"] == 3.0
    totals = queries.totals(intakes)
    assert totals["concerns"] == 3 and totals["accepted_in_time_share"] == 100


def test_receiver_sees_the_forwarded_intake_others_do_not(forwarded, login):
    _worker, receiver, _lead, result, handover = forwarded
    assert CrisisIntake.objects.for_user(receiver).filter(pk=result.pk).exists()
    outsider = professional()
    assert not CrisisIntake.objects.for_user(outsider).exists()
    response = login(outsider).get(reverse("acute:intake_detail", args=[result.pk]))
    assert response.status_code == 404
    assert AuditEntry.objects.filter(event="access_denied", user=outsider).exists()
    page = login(receiver).get(reverse("acute:forward_detail", args=[handover.pk]))
    assert page.status_code == 200 and page.context["form"] is not None


def test_pages_register_triage_forward_and_answer(login):
    worker = meldpunt_worker()
    receiver, _ = local_team()
    client = login(worker)
    response = client.post(
        reverse("acute:intake_new"),
        {
            "received_at": "2026-03-03T02:15",
            "channel": "police",
            "municipality": receiver.organisation.region.municipalities.first().pk,
            "concern": "Politie meldt ruzie.",
        },
    )
    result = CrisisIntake.objects.get()
    assert response.url == reverse("acute:intake_detail", args=[result.pk])
    assert result.outside_office_hours
    client.post(reverse("acute:intake_triage", args=[result.pk]), {"urgency": "non_acute"})
    client.post(
        reverse("acute:intake_forward", args=[result.pk]),
        {"target": "local_team", "to_organisation": receiver.organisation.pk, "summary": "Graag"},
    )
    handover = result.forwards.get()
    answer = login(receiver).post(
        reverse("acute:forward_detail", args=[handover.pk]), {"accept": "no", "reason": ""}
    )
    assert answer.status_code == 200  # a reason is required to decline
    login(receiver).post(reverse("acute:forward_detail", args=[handover.pk]), {"accept": "yes"})
    handover.refresh_from_db()
    assert handover.status == ForwardStatus.ACCEPTED


@pytest.mark.parametrize("intakes", [1, 10])
def test_shift_and_figures_queries_do_not_grow(login, django_assert_max_num_queries, intakes):
    worker = meldpunt_worker()
    receiver, _ = local_team()
    for _ in range(intakes):
        result = triaged(worker)
        services.forward(worker, result, receiver.organisation, "local_team", "x")
    client = login(worker)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("acute:shift")).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(reverse("acute:figures")).status_code == 200


@pytest.mark.parametrize(
    "page", ["intake_triage", "intake_conclude", "intake_forward", "notice_new"]
)
def test_the_receiver_reads_the_intake_but_does_not_act_on_it(forwarded, login, page):
    """Triage, outcome, forwarding and Handle with Care are for the intake's organisation:
    the receiving organisation gets 404 (audited), the intake's organisation the form."""
    worker, receiver, _lead, result, _handover = forwarded
    client = login(receiver)
    assert client.get(reverse("acute:intake_detail", args=[result.pk])).status_code == 200
    assert client.get(reverse(f"acute:{page}", args=[result.pk])).status_code == 404
    assert AuditEntry.objects.filter(event="access_denied", user=receiver).exists()
    assert login(worker).get(reverse(f"acute:{page}", args=[result.pk])).status_code == 200

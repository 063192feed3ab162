"""Scheduled jobs fire on their deadlines (time-machine) and are idempotent."""

import datetime

import time_machine
from django.core.management import call_command

from tests.cases.factories import open_case, professional
from veilignet.accounts.models import OrganisationType, Role
from veilignet.cases import services
from veilignet.cases.models import (
    CaseRole,
    Escalation,
    EscalationBottleneck,
    EscalationLevel,
    EscalationStatus,
    HelpAsked,
    Notification,
    NotificationKind,
    SafetyJudgement,
)
from veilignet.governance.models import Bottleneck, BottleneckSource

# Thursday 23 April 2026; King's Day (Monday 27 April) is not a working day.
PROPOSED = datetime.datetime(2026, 4, 23, 9, 0, tzinfo=datetime.UTC)


def at(day, hour=9):
    return time_machine.travel(datetime.datetime(2026, *day, hour, tzinfo=datetime.UTC), tick=False)


def test_unanswered_handover_escalates_after_five_working_days(make_user):
    with time_machine.travel(PROPOSED, tick=False):
        case = open_case()
        sender = case.members.get(case_role=CaseRole.COORDINATOR).user
        receiver = professional()
        lead = make_user(role=Role.TEAM_LEAD, organisation=receiver.organisation)
        handover = services.propose_handover(sender, case, receiver.organisation, "S", receiver)
    assert handover.answer_due == datetime.date(2026, 5, 1)
    with at((5, 1)):
        assert services.escalate_unanswered_handovers() == 0
    with at((5, 4)):
        assert services.escalate_unanswered_handovers() == 1
        assert services.escalate_unanswered_handovers() == 0
    handover.refresh_from_db()
    assert handover.escalated_at is not None
    assert (
        Notification.objects.filter(user=lead, kind=NotificationKind.HANDOVER_ESCALATED).count()
        == 1
    )
    # Escalation does not change the coordinator.
    assert case.members.get(case_role=CaseRole.COORDINATOR, left_at__isnull=True).user == sender


def escalated_case(make_user):
    case = open_case(size=3)
    coordinator = case.members.get(case_role=CaseRole.COORDINATOR).user
    lead = make_user(role=Role.TEAM_LEAD, organisation=coordinator.organisation)
    director = make_user(role=Role.DIRECTOR, organisation=coordinator.organisation)
    escalation = services.escalate(
        coordinator, case, "Wachtlijst traumabehandeling", HelpAsked.CAPACITY, "Voorrang"
    )
    return case, coordinator, lead, director, escalation


def test_escalation_goes_to_team_leads_and_up_when_the_deadline_passes(make_user):
    with time_machine.travel(PROPOSED, tick=False):
        _case, _coordinator, lead, director, escalation = escalated_case(make_user)
    assert escalation.level == EscalationLevel.TEAM_LEADS
    assert Notification.objects.filter(user=lead, kind=NotificationKind.ESCALATION).exists()
    assert list(Escalation.objects.to_answer_by(lead)) == [escalation]
    with at((5, 1)):
        assert services.raise_overdue_escalations() == 0
    with at((5, 4)):
        assert services.raise_overdue_escalations() == 1
        assert services.raise_overdue_escalations() == 0
    escalation.refresh_from_db()
    assert escalation.status == EscalationStatus.RAISED
    level2 = escalation.next
    assert level2.level == EscalationLevel.DIRECTORS and level2.raised_by is None
    assert list(Escalation.objects.to_answer_by(director)) == [level2]
    assert Notification.objects.filter(user=director).exists()


def test_resolving_records_the_decision_and_de_escalation_is_recorded(make_user):
    case, coordinator, lead, _director, escalation = escalated_case(make_user)
    services.resolve_escalation(lead, escalation, "Voorrang geregeld bij GGZ")
    escalation.refresh_from_db()
    assert (escalation.status, escalation.outcome) == ("resolved", "Voorrang geregeld bij GGZ")
    second = services.escalate(coordinator, case, "Weer vast", HelpAsked.APPROACH, "Overleg")
    services.de_escalate(coordinator, second, "Toch samen opgelost")
    second.refresh_from_db()
    assert second.status == EscalationStatus.DE_ESCALATED
    assert case.events.filter(kind="de_escalated").exists()


def test_level_three_creates_an_anonymised_bottleneck(make_user):
    case, _coordinator, lead, director, escalation = escalated_case(make_user)
    level2 = services.raise_escalation(lead, escalation, "Teamleiders komen er niet uit")
    level3 = services.raise_escalation(director, level2, "Bestuurlijk probleem")
    bottleneck = EscalationBottleneck.objects.get(escalation=level3)
    assert bottleneck.municipality == case.household.municipality
    assert bottleneck.help_asked == HelpAsked.CAPACITY
    assert bottleneck.organisation_types == [OrganisationType.VEILIG_THUIS]
    text = bottleneck.summary
    for member in case.household.members.select_related("person"):
        person = member.person
        assert person.last_name not in text and person.first_name not in text
        assert person.bsn not in text and str(person.date_of_birth) not in text
    assert "Wachtlijst" not in text and case.reference not in text
    # It arrives at the region's platform as a governance bottleneck, without personal data,
    # and the case's members follow it for feedback on closure.
    submitted = Bottleneck.objects.get(source=BottleneckSource.CASE_ESCALATION)
    assert submitted.region == case.household.municipality.region
    assert bottleneck.picked_up_at is not None
    stored = " ".join(
        [submitted.title, submitted.description, submitted.example, submitted.requested]
    )
    for member in case.household.members.select_related("person"):
        person = member.person
        assert person.last_name not in stored and person.first_name not in stored
        assert person.bsn not in stored
    assert "Wachtlijst" not in stored and case.reference not in stored
    followers = set(submitted.followers.values_list("user_id", flat=True))
    assert set(case.members.active().values_list("user_id", flat=True)) <= followers


def test_follow_up_checks_due_notify_once():
    with time_machine.travel(PROPOSED, tick=False):
        case = open_case()
        coordinator = case.members.get(case_role=CaseRole.COORDINATOR).user
        services.close_case(coordinator, case, "Klaar", SafetyJudgement.SAFE_ENOUGH, "Ok", [3])
    with at((7, 22)):
        assert services.notify_follow_up_checks_due() == 0
    with at((7, 23)):
        assert services.notify_follow_up_checks_due() == 1
        assert services.notify_follow_up_checks_due() == 0
    assert Notification.objects.filter(
        user=coordinator, kind=NotificationKind.FOLLOW_UP_DUE
    ).exists()


def test_management_command_runs_all_jobs(capsys):
    call_command("run_scheduled_jobs")
    out = capsys.readouterr().out
    assert "escalate_unanswered_handovers: 0" in out
    assert "notify_follow_up_checks_due: 0" in out

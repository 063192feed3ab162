"""The weekly conference: agenda rules, scenario, actions, attendance and the minutes
deadline of 3 working days."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from tests.mda.factories import TeamSetup, accepted_case, referred_case
from veilignet.cases import services as cases
from veilignet.cases.models import SafetyJudgement
from veilignet.mda import services
from veilignet.mda.models import AgendaReason, MinutesRecipient, ReferralStatus

THURSDAY = datetime.date(2026, 4, 23)  # Monday 27 April 2026 is King's Day


@pytest.fixture
def setup():
    return TeamSetup(coordinators=2, max_cases=5)


def agenda(conference):
    return {item.referral_id: item.reasons for item in conference.items.all()}


def test_new_referrals_are_on_the_agenda_first(setup):
    old = accepted_case(setup)
    services.add_action(setup.chair, old, description="Bel", owner=setup.justice, due_on=THURSDAY)
    new = referred_case(setup.team)
    services.add_action(
        setup.chair,
        old,
        description="Te laat",
        owner=setup.justice,
        due_on=THURSDAY - datetime.timedelta(days=1),
    )
    conference = services.schedule_conference(setup.chair, setup.team, THURSDAY)
    items = list(conference.items.all())
    assert items[0].referral_id == new.pk
    assert items[0].reasons == [AgendaReason.NEW_REFERRAL]
    assert agenda(conference)[old.pk] == [AgendaReason.OVERDUE_ACTIONS]


def test_quiet_accepted_case_is_not_on_the_agenda(setup):
    quiet = accepted_case(setup)
    services.add_action(setup.chair, quiet, description="Bel", owner=setup.justice, due_on=THURSDAY)
    conference = services.schedule_conference(setup.chair, setup.team, THURSDAY)
    assert quiet.pk not in agenda(conference)


def test_declined_and_closed_referrals_are_not_on_the_agenda(setup):
    declined = referred_case(setup.team)
    services.decline_referral(setup.chair, declined, "Advies")
    closed = accepted_case(setup)
    services.close_referral(setup.chair, closed)
    conference = services.schedule_conference(setup.chair, setup.team, THURSDAY)
    assert agenda(conference) == {}


def test_a_new_incident_since_the_previous_conference_puts_a_case_on(setup):
    with time_machine.travel(datetime.datetime(2026, 4, 1, 9, tzinfo=datetime.UTC)):
        referral = accepted_case(setup)
        coordinator = referral.case.members.get(case_role="coordinator").user
        cases.record_incident(
            coordinator,
            referral.case,
            "Vóór de vorige bespreking",
            SafetyJudgement.NOT_SAFE_ENOUGH,
            "x",
        )
    services.schedule_conference(setup.chair, setup.team, datetime.date(2026, 4, 16))
    conference = services.schedule_conference(setup.chair, setup.team, THURSDAY)
    assert referral.pk not in agenda(conference)
    with time_machine.travel(datetime.datetime(2026, 4, 20, 9, tzinfo=datetime.UTC)):
        cases.record_incident(
            coordinator, referral.case, "Nieuw incident", SafetyJudgement.NOT_SAFE_ENOUGH, "x"
        )
    services.generate_agenda(setup.chair, conference)
    assert agenda(conference)[referral.pk] == [AgendaReason.NEW_INCIDENT]


def test_a_case_due_for_review_is_on_the_agenda(setup):
    with time_machine.travel(datetime.datetime(2026, 1, 5, 9, tzinfo=datetime.UTC)):
        referral = accepted_case(setup)
    assert referral.next_review_on <= THURSDAY
    conference = services.schedule_conference(setup.chair, setup.team, THURSDAY)
    assert agenda(conference)[referral.pk] == [AgendaReason.REVIEW_DUE]


def test_minutes_are_due_three_working_days_after_the_conference(setup):
    conference = services.schedule_conference(setup.chair, setup.team, THURSDAY)
    # Friday 24, (weekend, King's Day Monday 27), Tuesday 28, Wednesday 29.
    assert conference.minutes_due == datetime.date(2026, 4, 29)


def _held(setup):
    referral = accepted_case(setup)
    referral.next_review_on = datetime.date(2026, 1, 1)  # due for review: on the agenda
    referral.save(update_fields=["next_review_on"])
    conference = services.schedule_conference(setup.chair, setup.team, THURSDAY)
    services.record_attendance(setup.chair, conference, setup.team.memberships.all()[:2])
    services.save_minutes(setup.chair, conference, "Besproken.")
    return conference, referral


def test_minutes_go_to_the_participants_and_count_as_on_time(setup):
    conference, referral = _held(setup)
    with time_machine.travel(datetime.datetime(2026, 4, 29, 15, tzinfo=datetime.UTC)):
        services.send_minutes(setup.chair, conference)
    assert conference.minutes_sent_on_time
    attendees = {m.user_id for m in setup.team.memberships.all()[:2]}
    assert set(MinutesRecipient.objects.values_list("user_id", flat=True)) == attendees
    referral.refresh_from_db()
    assert referral.next_review_on == THURSDAY + datetime.timedelta(weeks=6)
    with pytest.raises(ValidationError):
        services.save_minutes(setup.chair, conference, "Later gewijzigd")


def test_minutes_sent_after_the_deadline_are_late(setup):
    conference, _referral = _held(setup)
    with time_machine.travel(datetime.datetime(2026, 4, 30, 9, tzinfo=datetime.UTC)):
        assert conference.minutes_status() == "overdue"
        services.send_minutes(setup.chair, conference)
    assert not conference.minutes_sent_on_time


def test_minutes_need_attendance_and_text(setup):
    conference = services.schedule_conference(setup.chair, setup.team, THURSDAY)
    with pytest.raises(ValidationError, match="Schrijf het verslag"):
        services.send_minutes(setup.chair, conference)
    services.save_minutes(setup.chair, conference, "Besproken.")
    with pytest.raises(ValidationError, match="aanwezig"):
        services.send_minutes(setup.chair, conference)


def test_scenario_and_actions_for_a_case_on_the_agenda(setup):
    conference, referral = _held(setup)
    scenario = services.agree_scenario(
        setup.chair,
        conference,
        referral,
        care_steps="Traumabehandeling",
        justice_steps="Contactverbod",
        sequence="Eerst contactverbod",
    )
    assert scenario.conference == conference
    with pytest.raises(ValidationError, match="eigenaar moet lid"):
        services.add_action(
            setup.chair,
            referral,
            description="x",
            owner=referral.referred_by,
            due_on=THURSDAY,
        )
    action = services.add_action(
        setup.chair, referral, description="Bel", owner=setup.justice, due_on=THURSDAY
    )
    services.complete_action(setup.justice, action)
    assert action.is_done


def test_scenario_only_for_cases_on_the_agenda(setup):
    referral = accepted_case(setup)
    conference = services.schedule_conference(setup.chair, setup.team, THURSDAY)
    with pytest.raises(ValidationError, match="niet op de agenda"):
        services.agree_scenario(
            setup.chair, conference, referral, care_steps="a", justice_steps="b", sequence="c"
        )
    assert referral.status == ReferralStatus.ACCEPTED

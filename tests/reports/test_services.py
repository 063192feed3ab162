"""Business rules of the front door: intake, re-report detection, four eyes, conversion."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from tests.factories import MemberFactory, PersonFactory
from tests.reports.factories import ASSESSMENT, assessed, person, register, veilig_thuis, worker
from veilignet.audit.models import AuditEntry
from veilignet.deadlines import AMSTERDAM
from veilignet.people.models import HouseholdAccess, HouseholdMember, MemberRole, Person
from veilignet.regions.models import Municipality
from veilignet.reports import services
from veilignet.reports.models import (
    TRANSITIONS,
    Kind,
    Outcome,
    Report,
    Sector,
    Status,
    StatusChange,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def vt():
    return veilig_thuis()


@pytest.fixture
def alice(vt):
    return worker(vt)


@pytest.fixture
def bob(vt):
    return worker(vt)


def known_household(bsn="111222333", last_name="Van den Berg", born=datetime.date(1985, 3, 1)):
    member = MemberFactory(
        person=PersonFactory(bsn=bsn, last_name=last_name, date_of_birth=born),
        household__municipality=Municipality.objects.get(cbs_code="GM0855"),
    )
    return member.household, member.person


# Intake


@time_machine.travel(datetime.datetime(2026, 4, 24, 16, 30, tzinfo=AMSTERDAM), tick=False)
def test_report_gets_triage_deadline_and_first_history_row(alice):
    report = register(alice, received_at=datetime.datetime(2026, 4, 24, 16, tzinfo=AMSTERDAM))
    assert report.triage_deadline == datetime.date(2026, 5, 4)
    assert report.status == Status.REGISTERED
    assert list(report.status_changes.values_list("status", flat=True)) == [Status.REGISTERED]
    assert AuditEntry.objects.filter(event="report_registered", object_id=str(report.pk)).exists()


def test_anonymous_report_without_bsn_is_accepted(alice):
    report = register(
        alice,
        reporter={"sector": Sector.CITIZEN, "anonymous": True},
        persons=[person(MemberRole.CHILD), person(first_name="Sanne", last_name="Jansen")],
    )
    assert report.reporter_anonymous and report.reporter_name == ""
    assert [p.bsn for p in report.persons.all()] == ["", ""]
    assert not report.feedback_expected
    assert report.household is None


def test_invalid_bsn_is_refused_and_nothing_saved(alice):
    with pytest.raises(ValidationError):
        register(alice, persons=[person(bsn="123456789")])
    assert not Report.objects.exists()


# Re-report detection


def test_bsn_in_exactly_one_household_links_automatically_as_re_report(alice):
    household, known = known_household()
    report = register(alice, persons=[person(bsn=known.bsn), person(MemberRole.CHILD)])
    assert report.household == household and report.is_re_report
    rows = list(report.persons.order_by("pk"))
    assert rows[0].person == known
    assert rows[1].person is not None
    assert HouseholdMember.objects.filter(household=household).count() == 2


def test_bsn_in_two_households_is_left_to_the_worker(alice):
    _household, known = known_household()
    MemberFactory(person=known)
    report = register(alice, persons=[person(bsn=known.bsn)])
    assert report.household is None
    candidates = services.find_candidates(report)
    assert {c.evidence for c in candidates} == {"bsn"} and len(candidates) == 2


def test_name_and_birth_date_match_is_a_candidate_never_a_link(alice):
    household, _known = known_household(bsn="")
    report = register(
        alice,
        persons=[person(last_name="  van den BERG ", date_of_birth=datetime.date(1985, 3, 1))],
    )
    assert report.household is None and not report.is_re_report
    [candidate] = services.find_candidates(report)
    assert candidate.household == household
    assert candidate.evidence == "name_and_birth_date"


def test_surname_alone_is_not_even_a_candidate(alice):
    known_household(bsn="")
    report = register(alice, persons=[person(last_name="Van den Berg")])
    assert services.find_candidates(report) == []
    assert report.household is None


def test_candidates_come_only_from_the_handling_region(alice):
    household, known = known_household()
    household.municipality = Municipality.objects.get(cbs_code="GM0758")  # Breda, West-Brabant
    household.save()
    report = register(alice, persons=[person(bsn=known.bsn)])
    assert report.household is None
    assert services.find_candidates(report) == []


def test_worker_links_name_match_and_the_report_becomes_a_re_report(alice):
    household, known = known_household(bsn="")
    report = register(
        alice,
        persons=[
            person(last_name="van den Berg", date_of_birth=datetime.date(1985, 3, 1)),
            person(MemberRole.CHILD, first_name="Noor"),
        ],
    )
    services.assign(alice, report, alice)
    services.link_household(alice, report, household)
    report.refresh_from_db()
    assert report.household == household and report.is_re_report
    assert report.persons.order_by("pk").first().person == known
    assert household.members.count() == 2
    assert HouseholdAccess.objects.filter(household=household, user=alice).exists()


def test_link_new_household_is_not_a_re_report(alice):
    report = register(alice, persons=[person(first_name="Eva"), person(MemberRole.PERPETRATOR)])
    services.link_new_household(alice, report)
    report.refresh_from_db()
    assert report.household is not None and not report.is_re_report
    assert report.household.members.count() == 2
    assert Person.objects.count() == 2


def test_a_report_is_linked_only_once(alice):
    _household, known = known_household()
    report = register(alice, persons=[person(bsn=known.bsn)])
    with pytest.raises(ValidationError):
        services.link_new_household(alice, report)


# Triage: four eyes and deadlines


def test_single_worker_cannot_confirm_own_assessment_nor_decide(alice):
    report = register(alice)
    assessment = assessed(report, alice)
    with pytest.raises(ValidationError):
        services.confirm_assessment(alice, assessment)
    with pytest.raises(ValidationError):
        services.decide(alice, report, Outcome.LOCAL_TEAM, "Naar wijkteam.")
    report.refresh_from_db()
    assert report.status == Status.IN_TRIAGE
    assert not hasattr(report, "decision")


def test_confirmer_must_be_of_the_same_organisation(alice):
    report = register(alice)
    outsider = worker(veilig_thuis())
    assessment = assessed(report, alice)
    with pytest.raises(ValidationError):
        services.confirm_assessment(outsider, assessment)


def test_a_newer_assessment_needs_its_own_confirmation(alice, bob):
    report = register(alice)
    assessed(report, alice, confirmer=bob)
    newer = services.record_assessment(bob, report, **ASSESSMENT)
    with pytest.raises(ValidationError):
        services.decide(alice, report, Outcome.LOCAL_TEAM, "Naar wijkteam.")
    services.confirm_assessment(alice, newer)
    decision = services.decide(alice, report, Outcome.LOCAL_TEAM, "Naar wijkteam.")
    assert decision.assessment == newer
    assert report.assessments.count() == 2


@pytest.mark.parametrize("outcome", [Outcome.CONDITIONS_AND_FOLLOW_UP, Outcome.INVESTIGATION])
def test_follow_up_outcomes_get_a_ten_week_deadline(alice, bob, outcome):
    report = register(alice)
    assessed(report, alice, confirmer=bob)
    with time_machine.travel(datetime.datetime(2026, 3, 2, 15, tzinfo=AMSTERDAM), tick=False):
        decision = services.decide(bob, report, outcome, "Onderzoek nodig.")
    assert decision.completion_deadline == datetime.date(2026, 5, 11)
    report.refresh_from_db()
    assert report.status == Status.FOLLOW_UP
    assert report.completion_deadline == datetime.date(2026, 5, 11)
    assert report.current_deadline == datetime.date(2026, 5, 11)


def test_other_outcomes_have_no_completion_deadline(alice, bob):
    report = register(alice)
    assessed(report, alice, confirmer=bob)
    decision = services.decide(bob, report, Outcome.LOCAL_TEAM, "Naar wijkteam.")
    report.refresh_from_db()
    assert decision.completion_deadline is None
    assert report.status == Status.HANDED_OVER
    assert [c.status for c in report.status_changes.all()] == [
        Status.REGISTERED,
        Status.IN_TRIAGE,
        Status.HANDED_OVER,
    ]


def test_status_changes_follow_the_transition_table(alice):
    report = register(alice)
    with pytest.raises(ValidationError):
        services.close(alice, report, "klaar")
    assert Status.REGISTERED in TRANSITIONS and TRANSITIONS[Status.CLOSED] == set()
    assert StatusChange.objects.filter(report=report).count() == 1


# Conversion and feedback


def test_advice_request_converts_into_a_linked_report_keeping_its_history(alice):
    household, known = known_household()
    with time_machine.travel(datetime.datetime(2026, 4, 20, 10, tzinfo=AMSTERDAM)) as clock:
        advice = register(alice, kind=Kind.ADVICE_REQUEST, persons=[person(bsn=known.bsn)])
        assert advice.household is None  # no file on a family for an advice request
        clock.move_to(datetime.datetime(2026, 4, 24, 16, tzinfo=AMSTERDAM))
        report = services.convert_to_report(alice, advice)
    advice.refresh_from_db()
    assert advice.kind == Kind.ADVICE_REQUEST and advice.status == Status.CONVERTED
    assert [c.status for c in advice.status_changes.all()] == [Status.REGISTERED, Status.CONVERTED]
    assert report.kind == Kind.REPORT and report.converted_from == advice
    assert report.triage_deadline == datetime.date(2026, 5, 4)
    assert report.persons.get().bsn == known.bsn
    assert list(report.violence.values_list("form", flat=True)) == ["partner_violence"]
    assert report.household == household and report.is_re_report
    with pytest.raises(ValidationError):
        services.convert_to_report(alice, advice)


def test_feedback_only_for_known_reporters_who_asked(alice, bob):
    anonymous = register(alice)
    with pytest.raises(ValidationError):
        services.record_feedback(alice, anonymous, anonymous.received_at, "Uitkomst gedeeld.")
    known = register(
        alice,
        reporter={
            "sector": Sector.EDUCATION,
            "anonymous": False,
            "name": "J. de Vries",
            "email": "leerkracht@example.org",
            "wants_feedback": True,
        },
    )
    feedback = services.record_feedback(alice, known, known.received_at, "Overgedragen.")
    assert known.feedback.get() == feedback

"""Closure, follow-up checks and re-reports within the long breath."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from tests.cases.factories import open_case, professional
from tests.reports.factories import register, veilig_thuis, worker
from veilignet.cases import services
from veilignet.cases.models import (
    CaseReportLink,
    CaseRole,
    FollowUpCheck,
    Notification,
    NotificationKind,
    Phase,
    SafetyJudgement,
)
from veilignet.reports import services as reports

CLOSED_ON = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=datetime.UTC)


def re_report(household):
    """A new report at Veilig Thuis that a worker links to the known household."""
    vt_worker = worker(veilig_thuis())
    report = register(vt_worker)
    reports.link_household(vt_worker, report, household)
    return report


def closed_case(months=None):
    with time_machine.travel(CLOSED_ON, tick=False):
        case = open_case()
        coordinator = case.members.get(case_role=CaseRole.COORDINATOR).user
        services.close_case(
            coordinator, case, "Doelen bereikt", SafetyJudgement.SAFE_ENOUGH, "Rustig", months
        )
    case.refresh_from_db()
    return case, coordinator


def test_closure_needs_the_coordinator_and_records_a_closing_assessment():
    case = open_case()
    with pytest.raises(ValidationError):
        services.close_case(professional(), case, "x", SafetyJudgement.SAFE_ENOUGH, "x")
    case, _coordinator = closed_case()
    assert case.phase == Phase.CLOSED and case.closed_at is not None
    assert case.phase_changes.get().assessment.judgement == SafetyJudgement.SAFE_ENOUGH


def test_closure_schedules_follow_up_checks_for_the_coordinators_organisation():
    case, coordinator = closed_case()
    checks = list(case.follow_up_checks.all())
    assert [(c.months_after_closure, c.due_on) for c in checks] == [
        (3, datetime.date(2026, 6, 2)),
        (12, datetime.date(2027, 3, 2)),
        (24, datetime.date(2028, 3, 2)),
    ]
    assert {c.organisation_id for c in checks} == {coordinator.organisation_id}


def test_follow_up_months_are_configurable():
    case, _coordinator = closed_case(months=[6])
    assert list(case.follow_up_checks.values_list("months_after_closure", flat=True)) == [6]


def test_follow_up_check_moves_to_follow_up_and_can_reopen():
    case, coordinator = closed_case()
    first, second, _third = case.follow_up_checks.all()
    services.record_follow_up_check(coordinator, first, True, SafetyJudgement.SAFE_ENOUGH, "Goed")
    case.refresh_from_db()
    assert case.phase == Phase.FOLLOW_UP
    services.record_follow_up_check(
        coordinator, second, True, SafetyJudgement.NOT_SAFE_ENOUGH, "Zorgen", reopen=True
    )
    case.refresh_from_db()
    assert case.phase == Phase.DIRECT_SAFETY and case.closed_at is None


def test_another_organisation_cannot_record_the_check():
    case, _coordinator = closed_case()
    with pytest.raises(ValidationError):
        services.record_follow_up_check(
            professional(), case.follow_up_checks.first(), True, SafetyJudgement.SAFE_ENOUGH, "x"
        )


def test_re_report_after_closure_links_and_notifies_the_coordinator(
    django_capture_on_commit_callbacks, mailoutbox
):
    case, coordinator = closed_case()
    with (
        time_machine.travel(CLOSED_ON + datetime.timedelta(days=400)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        report = re_report(case.household)
    assert CaseReportLink.objects.filter(case=case, report=report).exists()
    notification = Notification.objects.get(user=coordinator)
    assert notification.kind == NotificationKind.REPORT_LINKED
    assert case.events.filter(kind="report_linked").exists()
    # The e-mail names no person and no household: only a link by primary key.
    (mail,) = mailoutbox
    assert mail.to == [coordinator.email]
    assert f"/cases/{case.pk}/" in mail.body
    for member in case.household.members.select_related("person"):
        assert member.person.last_name not in mail.body + mail.subject
    assert case.household.reference not in mail.body
    # Idempotent: the same report links once.
    assert services.register_new_report(case.household, report.pk, professional()) == case
    assert Notification.objects.filter(user=coordinator).count() == 1


def test_re_report_during_follow_up_links():
    case, coordinator = closed_case()
    services.record_follow_up_check(
        coordinator, case.follow_up_checks.first(), True, SafetyJudgement.SAFE_ENOUGH, "Ok"
    )
    with time_machine.travel(CLOSED_ON + datetime.timedelta(days=1000)):
        report = re_report(case.household)
    assert CaseReportLink.objects.filter(case=case, report=report).exists()


def test_re_report_more_than_24_months_after_closure_does_not_link():
    case, _coordinator = closed_case()
    with time_machine.travel(CLOSED_ON + datetime.timedelta(days=740)):
        re_report(case.household)
    assert not CaseReportLink.objects.exists()


def test_report_on_open_case_links_too():
    case = open_case()
    report = re_report(case.household)
    assert CaseReportLink.objects.filter(case=case, report=report).exists()


def test_checks_of_a_reopened_case_are_no_tasks():
    case, coordinator = closed_case()
    services.record_follow_up_check(
        coordinator, case.follow_up_checks.first(), True, SafetyJudgement.ACUTELY_UNSAFE, "x", True
    )
    pending = FollowUpCheck.objects.filter(done_at__isnull=True).first()
    with pytest.raises(ValidationError):
        services.record_follow_up_check(
            coordinator, pending, True, SafetyJudgement.SAFE_ENOUGH, "x"
        )

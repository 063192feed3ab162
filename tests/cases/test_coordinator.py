"""Exactly one coordinator per open case, in the database; warm handover semantics."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, connections, transaction

from tests.cases.factories import agreed_plan, open_case, professional, racing_handover
from tests.factories import OrganisationFactory
from veilignet.cases import services
from veilignet.cases.models import CaseMember, CaseRole, HandoverStatus, LeaveReason
from veilignet.people.models import Household


def coordinators(case):
    return list(case.members.active().filter(case_role=CaseRole.COORDINATOR))


def test_database_refuses_a_second_active_coordinator():
    case = open_case()
    other = professional()
    with pytest.raises(IntegrityError), transaction.atomic():
        CaseMember.objects.create(
            case=case, user=other, organisation=other.organisation, case_role=CaseRole.COORDINATOR
        )
    assert len(coordinators(case)) == 1


def test_a_former_coordinator_row_does_not_count():
    case = open_case()
    receiver = professional()
    handover = services.propose_handover(
        coordinators(case)[0].user, case, receiver.organisation, "Samenvatting", receiver
    )
    services.accept_handover(receiver, handover)
    rows = case.members.filter(case_role=CaseRole.COORDINATOR)
    assert rows.count() == 2
    assert [m.user for m in coordinators(case)] == [receiver]


def test_handover_does_not_change_coordinator_until_accepted():
    case = open_case()
    sender = coordinators(case)[0].user
    receiver = professional()
    handover = services.propose_handover(
        sender, case, receiver.organisation, "Warme overdracht", receiver
    )
    assert [m.user for m in coordinators(case)] == [sender]
    services.accept_handover(receiver, handover)
    handover.refresh_from_db()
    assert handover.status == HandoverStatus.ACCEPTED
    assert [m.user for m in coordinators(case)] == [receiver]
    old = case.members.get(user=sender)
    assert old.left_at is not None and old.leave_reason == LeaveReason.HANDED_OVER
    assert Household.objects.for_user(receiver).filter(pk=case.household_id).exists()


def test_declined_handover_keeps_the_coordinator():
    case = open_case()
    sender = coordinators(case)[0].user
    receiver = professional()
    handover = services.propose_handover(sender, case, receiver.organisation, "S", receiver)
    with pytest.raises(ValidationError):
        services.decline_handover(professional(), handover, "Niet van mij")
    services.decline_handover(receiver, handover, "Geen capaciteit")
    assert [m.user for m in coordinators(case)] == [sender]
    with pytest.raises(ValidationError):
        services.accept_handover(receiver, handover)


def test_only_the_coordinator_proposes_and_one_handover_at_a_time():
    case = open_case()
    sender = coordinators(case)[0].user
    colleague = professional()
    services.add_member(sender, case, colleague, CaseRole.THERAPIST)
    receiver = professional()
    with pytest.raises(ValidationError):
        services.propose_handover(colleague, case, receiver.organisation, "S", receiver)
    services.propose_handover(sender, case, receiver.organisation, "S", receiver)
    with pytest.raises(ValidationError):
        services.propose_handover(sender, case, receiver.organisation, "S", receiver)


def test_coordinator_cannot_leave_and_cannot_be_added():
    case = open_case()
    coordinator = coordinators(case)[0]
    with pytest.raises(ValidationError):
        services.leave_case(coordinator.user, coordinator, LeaveReason.OTHER)
    with pytest.raises(ValidationError):
        services.add_member(coordinator.user, case, professional(), CaseRole.COORDINATOR)
    assert len(coordinators(case)) == 1


def test_member_joins_with_role_and_leaves_with_reason():
    case = open_case()
    coordinator = coordinators(case)[0].user
    therapist = professional()
    member = services.add_member(coordinator, case, therapist, CaseRole.THERAPIST)
    assert Household.objects.for_user(therapist).filter(pk=case.household_id).exists()
    services.leave_case(therapist, member, LeaveReason.TASK_DONE)
    member.refresh_from_db()
    assert member.left_at is not None and member.leave_reason == LeaveReason.TASK_DONE


def test_plan_moves_with_the_household_on_handover():
    case = open_case()
    sender = coordinators(case)[0].user
    plan = agreed_plan(sender, case)
    receiver = professional(OrganisationFactory())
    handover = services.propose_handover(sender, case, receiver.organisation, "S", receiver)
    services.accept_handover(receiver, handover)
    assert services.current_plan(case.household) == plan
    from veilignet.cases.models import SafetyPlanVersion

    assert list(SafetyPlanVersion.objects.for_user(receiver)) == [plan]
    assert not SafetyPlanVersion.objects.for_user(sender).exists()
    version = services.save_safety_plan(receiver, case, **{"unsafe_who_why": "Bijgewerkt"})
    assert version.number == 2 and version.household_id == plan.household_id


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite allows one write transaction at a time (IMMEDIATE), so two requests "
    "cannot interleave; the constraint itself is tested above on every database.",
)
@pytest.mark.django_db(transaction=True)
def test_two_parallel_accepts_leave_exactly_one_coordinator():
    case = open_case()
    sender = coordinators(case)[0].user
    first, second = professional(), professional()
    services.propose_handover(sender, case, first.organisation, "S", first)
    # A racing second proposal, as two browser tabs could have made it.
    racing_handover(sender, case, second)
    handovers = {h.to_user_id: h for h in case.handovers.all()}
    barrier = threading.Barrier(2)
    outcomes = []

    def accept(user):
        try:
            barrier.wait(timeout=10)
            services.accept_handover(user, handovers[user.pk])
            outcomes.append("ok")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=accept, args=(u,)) for u in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["ok", "refused"]
    assert len(coordinators(case)) == 1


def test_a_stale_second_handover_cannot_make_a_second_coordinator():
    case = open_case()
    sender = coordinators(case)[0].user
    first, second = professional(), professional()
    winner = services.propose_handover(sender, case, first.organisation, "S", first)
    stale = racing_handover(sender, case, second, winner.answer_due)
    services.accept_handover(first, winner)
    with pytest.raises(ValidationError):
        services.accept_handover(second, stale)
    assert [m.user for m in coordinators(case)] == [first]

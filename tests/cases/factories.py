"""Helpers for case tests: professionals of partner organisations and opened cases."""

import datetime

from tests.factories import OrganisationFactory, UserFactory, household_with_members
from veilignet.accounts.models import OrganisationType, Role
from veilignet.cases import services
from veilignet.cases.models import CaseOrigin, Handover, SafetyJudgement


def professional(organisation=None, role=Role.CASE_WORKER, **kwargs):
    return UserFactory(organisation=organisation or OrganisationFactory(), role=role, **kwargs)


def local_team_worker():
    return professional(OrganisationFactory(type=OrganisationType.LOCAL_TEAM))


def open_case(coordinator=None, origin=CaseOrigin.TRIAGE_LOCAL_TEAM, size=3):
    """A case on a new household with `coordinator` (a new case worker by default)."""
    coordinator = coordinator or professional()
    household = household_with_members(coordinator, size=size)
    return services.open_case(coordinator, household, origin)


def agreed_plan(actor, case, **overrides):
    fields = {
        "unsafe_who_why": "Vader slaat als hij gedronken heeft.",
        "conditions": [
            {"what": "Geen alcohol in huis", "responsible": "Vader", "check": "Huisbezoek"}
        ],
        "who_to_call": "Buurvrouw, daarna 112.",
        "agreed_on": datetime.date(2026, 1, 5),
        "agreed_by": "Moeder en vader",
    } | overrides
    return services.save_safety_plan(actor, case, **fields)


def to_risk_guided_care(actor, case):
    services.change_phase(
        actor, case, "risk_guided_care", SafetyJudgement.SAFE_ENOUGH, "Afspraken worden nagekomen."
    )


def racing_handover(sender, case, receiver, answer_due=None):
    """A proposed handover to `receiver` made past `services.propose_handover`'s
    one-open-handover check, as a second browser tab or app server could have made it."""
    return Handover.objects.create(
        case=case,
        proposed_by=sender,
        to_organisation=receiver.organisation,
        to_user=receiver,
        summary="S",
        answer_due=answer_due or case.opened_at.date(),
    )

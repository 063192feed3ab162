"""Synthetic demo cases for `seed_demo`: every phase, pending handovers and escalations."""

import datetime

from django.utils import timezone

from veilignet.cases import services
from veilignet.cases.models import (
    CaseOrigin,
    CaseRole,
    HelpAsked,
    HelpKind,
    HelpStatus,
    Phase,
    SafetyJudgement,
)
from veilignet.people.models import Household

SAFE = SafetyJudgement.SAFE_ENOUGH

# (phase, origin, coordinator, pending handover to, escalation levels to reach)
SCENARIOS = [
    (Phase.DIRECT_SAFETY, CaseOrigin.TRIAGE_LOCAL_TEAM, "wijkteam.medewerker", None, 0),
    (Phase.DIRECT_SAFETY, CaseOrigin.INVESTIGATION, "vt.medewerker", "wijkteam.medewerker", 0),
    (Phase.DIRECT_SAFETY, CaseOrigin.OWN_SIGNALS, "wijkteam.medewerker", None, 1),
    (Phase.RISK_GUIDED_CARE, CaseOrigin.CONDITIONS_AND_FOLLOW_UP, "vt.medewerker", None, 2),
    (Phase.RISK_GUIDED_CARE, CaseOrigin.MDA_PLUS, "vt.collega", "wijkteam-tilburg", 0),
    (Phase.RECOVERY, CaseOrigin.TRIAGE_LOCAL_TEAM, "wijkteam.medewerker", None, 0),
    (Phase.RECOVERY, CaseOrigin.OWN_SIGNALS, "wijkteam.medewerker", None, 3),
    (Phase.CLOSED, CaseOrigin.TRIAGE_LOCAL_TEAM, "wijkteam.medewerker", None, 0),
    (Phase.FOLLOW_UP, CaseOrigin.INVESTIGATION, "vt.medewerker", None, 0),
]


def seed_cases(users, fake):
    """Open one case per scenario on the oldest demo households; returns the cases."""
    households = Household.objects.order_by("pk")[: len(SCENARIOS)]
    return [
        _case(users, fake, household, *scenario)
        for household, scenario in zip(households, SCENARIOS, strict=False)
    ]


def _case(users, fake, household, phase, origin, coordinator_name, handover_to, levels):
    coordinator = users[coordinator_name]
    actor = coordinator if origin == CaseOrigin.OWN_SIGNALS else users["vt.medewerker"]
    case = services.open_case(actor, household, origin, coordinator=coordinator)
    partner = users[
        "vt.collega" if coordinator_name.startswith("wijkteam") else "wijkteam.medewerker"
    ]
    if partner != coordinator:
        services.add_member(coordinator, case, partner, CaseRole.CASE_WORKER)
    if phase != Phase.DIRECT_SAFETY or levels:
        _plan(coordinator, case, fake)
    if phase in (Phase.RISK_GUIDED_CARE, Phase.RECOVERY, Phase.CLOSED, Phase.FOLLOW_UP):
        services.change_phase(coordinator, case, Phase.RISK_GUIDED_CARE, SAFE, fake.sentence())
        person = household.members.first().person
        services.add_cause(coordinator, case, person, fake.paragraph(nb_sentences=2))
        services.add_goal(coordinator, case, fake.sentence())
        services.add_help(
            coordinator, case, HelpKind.TRAUMA_TREATMENT, "GGZ Hart van Brabant", HelpStatus.WAITING
        )
        services.add_help(
            coordinator, case, HelpKind.PERPETRATOR_PROGRAMME, "Reclassering", HelpStatus.ACTIVE
        )
    if phase in (Phase.RECOVERY, Phase.CLOSED, Phase.FOLLOW_UP):
        services.change_phase(coordinator, case, Phase.RECOVERY, SAFE, fake.sentence())
    if phase in (Phase.CLOSED, Phase.FOLLOW_UP):
        services.close_case(coordinator, case, fake.sentence(), SAFE, fake.sentence())
    if phase == Phase.FOLLOW_UP:
        check = case.follow_up_checks.first()
        services.record_follow_up_check(coordinator, check, True, SAFE, fake.sentence())
    if handover_to in users:
        receiver = users[handover_to]
        services.propose_handover(
            coordinator, case, receiver.organisation, fake.paragraph(), receiver
        )
    elif handover_to:
        organisation = users["wijkteam.teamleider"].organisation
        services.propose_handover(coordinator, case, organisation, fake.paragraph())
    escalation = None
    for level in range(1, levels + 1):
        if level == 1:
            escalation = services.escalate(
                coordinator, case, fake.paragraph(), HelpAsked.CAPACITY, fake.sentence()
            )
        else:
            escalation = services.raise_escalation(coordinator, escalation, fake.sentence())
    return case


def _plan(actor, case, fake):
    conditions = [
        {"what": fake.sentence(), "responsible": fake.first_name(), "check": fake.sentence()}
        for _ in range(3)
    ]
    base = {
        "unsafe_who_why": fake.paragraph(nb_sentences=2),
        "conditions": conditions[:2],
        "early_warning_signs": fake.sentence(),
        "who_to_call": fake.sentence(),
        "network_agreements": fake.sentence(),
        "agreed_by": fake.first_name(),
    }
    services.save_safety_plan(actor, case, **base)
    agreed_on = timezone.localdate() - datetime.timedelta(days=7)
    services.save_safety_plan(
        actor, case, **(base | {"conditions": conditions, "agreed_on": agreed_on})
    )

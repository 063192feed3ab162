"""Read-side queries of the MDA++ team: capacity, agenda rules and the structured case view.

Each function uses a fixed number of queries whatever the number of rows.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Subquery
from django.db.models.functions import Coalesce

from veilignet import deadlines
from veilignet.cases.models import CaseEvent, EventKind, SafetyAssessment
from veilignet.mda.models import (
    Action,
    AgendaReason,
    Conference,
    JusticeInfo,
    Referral,
    ReferralStatus,
    Scenario,
)
from veilignet.people.models import HouseholdMember

# Case timeline events that put an accepted case back on the agenda.
INCIDENT_EVENTS = (EventKind.INCIDENT, EventKind.REPORT_LINKED)


def caseload(user, team):
    """Accepted cases the user coordinates for the team."""
    return Referral.objects.filter(
        team=team, coordinator=user, status=ReferralStatus.ACCEPTED
    ).count()


def capacity(team):
    """The team's coordinators, each annotated with `caseload` (accepted cases)."""
    return with_caseload(team.memberships.all())


def with_caseload(memberships):
    """The coordinators among `memberships` (of any teams), each annotated with
    `caseload`: her accepted cases for that team."""
    load = (
        Referral.objects.filter(
            team=OuterRef("team_id"),
            coordinator=OuterRef("user_id"),
            status=ReferralStatus.ACCEPTED,
        )
        .order_by()
        .values("coordinator")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        memberships.coordinators()
        .select_related("user", "organisation")
        .annotate(caseload=Coalesce(Subquery(load), 0))
        .order_by("user__last_name", "user__first_name")
    )


def is_full(coordinators):
    """True when no coordinator (from `capacity`) can take another case."""
    return all(c.caseload >= c.max_cases for c in coordinators)


def _day_start(day):
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=deadlines.AMSTERDAM)


def agenda_candidates(conference):
    """(referral, reasons) for the conference, new referrals first. The rules:

    - a referral awaiting the team's decision (new referral);
    - an accepted case with an incident or a new report on its timeline since the start
      of the team's previous conference day (and after acceptance);
    - an accepted case whose review date has come;
    - an accepted case with an open action past its due date.
    """
    team, day = conference.team, conference.date
    previous = (
        Conference.objects.filter(team=team, date__lt=day)
        .order_by("-date")
        .values_list("date", flat=True)
        .first()
    )
    incidents = CaseEvent.objects.filter(
        case=OuterRef("case_id"), kind__in=INCIDENT_EVENTS, at__gt=OuterRef("decided_at")
    )
    if previous is not None:
        incidents = incidents.filter(at__gte=_day_start(previous))
    overdue = Action.objects.overdue(day).filter(referral=OuterRef("pk"))
    referrals = (
        Referral.objects.filter(team=team)
        .active()
        .annotate(new_incident=Exists(incidents), overdue_actions=Exists(overdue))
        .order_by("referred_at", "pk")
    )
    result = []
    for referral in referrals:
        reasons = []
        if referral.status == ReferralStatus.REFERRED:
            reasons.append(AgendaReason.NEW_REFERRAL)
        if referral.new_incident:
            reasons.append(AgendaReason.NEW_INCIDENT)
        if referral.next_review_on is not None and referral.next_review_on <= day:
            reasons.append(AgendaReason.REVIEW_DUE)
        if referral.overdue_actions:
            reasons.append(AgendaReason.OVERDUE_ACTIONS)
        if reasons:
            result.append((referral, [str(r) for r in reasons]))
    result.sort(key=lambda pair: pair[0].status != ReferralStatus.REFERRED)
    return result


@dataclass
class CaseView:
    """The short structured view of a referred case for the conference."""

    referral: Referral
    members: list = field(default_factory=list)
    assessment: SafetyAssessment | None = None
    justice: list = field(default_factory=list)
    scenario: Scenario | None = None
    actions: list = field(default_factory=list)

    @property
    def persons(self):
        return [m.person for m in self.members]


def case_views(user, referrals):
    """A CaseView per referral (same order). Justice information, scenarios and actions
    come through for_user: a user outside the team gets none of them."""
    referrals = list(referrals)
    views = {r.pk: CaseView(r) for r in referrals}
    if not referrals:
        return []
    households = {r.case.household_id: [] for r in referrals}
    for member in HouseholdMember.objects.filter(household_id__in=households).select_related(
        "person"
    ):
        households[member.household_id].append(member)
    latest = {}
    for assessment in SafetyAssessment.objects.filter(
        case_id__in={r.case_id for r in referrals}
    ).order_by("case_id", "-assessed_at", "-pk"):
        latest.setdefault(assessment.case_id, assessment)
    justice = defaultdict(list)
    for info in JusticeInfo.objects.for_user(user).filter(referral_id__in=views):
        justice[info.referral_id].append(info)
    scenarios = {}
    for scenario in Scenario.objects.for_user(user).filter(referral_id__in=views):
        scenarios.setdefault(scenario.referral_id, scenario)
    actions = defaultdict(list)
    for action in (
        Action.objects.for_user(user).open().filter(referral_id__in=views).select_related("owner")
    ):
        actions[action.referral_id].append(action)
    for referral in referrals:
        view = views[referral.pk]
        view.members = households[referral.case.household_id]
        view.assessment = latest.get(referral.case_id)
        view.justice = justice[referral.pk]
        view.scenario = scenarios.get(referral.pk)
        view.actions = actions[referral.pk]
    return [views[r.pk] for r in referrals]


def justice_status(user):
    """A subquery for annotating referrals with their latest justice status, visible only
    to the team's members (for_user inside): use as `.annotate(justice=justice_status(u))`."""
    return Subquery(
        JusticeInfo.objects.for_user(user)
        .filter(referral=OuterRef("pk"))
        .order_by("-recorded_at", "-pk")
        .values("status")[:1]
    )

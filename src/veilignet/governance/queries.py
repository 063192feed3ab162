"""Read-only rules of governance: what goes on an agenda, who is behind, evaluation reports."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q

from veilignet.accounts.models import OrganisationType
from veilignet.governance.models import (
    LEAD_ROLES,
    Action,
    AgendaItemKind,
    Answer,
    Bottleneck,
    LeadRole,
    Membership,
    Network,
    Priority,
    QuestionKind,
)


@dataclass(frozen=True)
class AgendaCandidate:
    kind: str
    title: str
    bottleneck: Bottleneck | None = None
    action: Action | None = None


def agenda_candidates(network, today):
    """The items the rules put on a network's next agenda, in this order:
    open high-priority bottlenecks, overdue actions (as of `today`), actions due for check."""
    bottlenecks = Bottleneck.objects.filter(network=network, priority=Priority.HIGH).open()
    actions = Action.objects.filter(network=network).select_related("owner_organisation")
    items = [
        AgendaCandidate(AgendaItemKind.HIGH_PRIORITY_BOTTLENECK, str(b), bottleneck=b)
        for b in bottlenecks.order_by("submitted_at", "pk")
    ]
    items += [
        AgendaCandidate(AgendaItemKind.OVERDUE_ACTION, f"{a} ({a.owner_organisation})", action=a)
        for a in actions.overdue(today).order_by("due_date", "pk")
    ]
    items += [
        AgendaCandidate(AgendaItemKind.ACTION_TO_CHECK, f"{a} ({a.owner_organisation})", action=a)
        for a in actions.due_for_check().order_by("due_date", "pk")
    ]
    return items


def networks_overview(region_id, today):
    """The region's networks with what the platform must watch, in a fixed number of queries:
    meetings this year against the norm, missing leads, members who have not seen onboarding,
    open and ownerless high-priority bottlenecks, overdue actions."""
    unseen = Membership.objects.current().with_onboarding_seen().filter(onboarding_seen=False)
    networks = list(
        Network.objects.filter(region_id=region_id)
        .with_meeting_count(today.year)
        .annotate(
            municipal_leads=Count(
                "memberships",
                filter=Q(
                    memberships__lead_role=LeadRole.MUNICIPAL_LEAD,
                    memberships__left_on__isnull=True,
                ),
                distinct=True,
            ),
            organisational_leads=Count(
                "memberships",
                filter=Q(
                    memberships__lead_role=LeadRole.ORGANISATIONAL_LEAD,
                    memberships__left_on__isnull=True,
                ),
                distinct=True,
            ),
        )
    )
    counts = {
        "members": _count_by_network(Membership.objects.current()),
        "not_onboarded": _count_by_network(unseen),
        "open_bottlenecks": _count_by_network(Bottleneck.objects.open()),
        "ownerless": _count_by_network(Bottleneck.objects.high_priority_without_owned_action()),
        "overdue": _count_by_network(Action.objects.overdue(today)),
    }
    for network in networks:
        network.behind_on_meetings = network.meetings_in_year < network.meetings_per_year
        network.lacks_leads = not (network.municipal_leads and network.organisational_leads)
        for name, by_network in counts.items():
            setattr(network, name, by_network.get(network.pk, 0))
    return networks


def _count_by_network(queryset):
    rows = queryset.values("network").annotate(n=Count("pk", distinct=True))
    return {row["network"]: row["n"] for row in rows}


def lead_users(network):
    """Representatives and deputies of the network's current leads."""
    leads = Membership.objects.current().filter(network=network, lead_role__in=LEAD_ROLES)
    users = []
    for membership in leads.select_related("representative", "deputy"):
        users += [u for u in (membership.representative, membership.deputy) if u]
    return users


@dataclass
class QuestionReport:
    question: object
    total: int = 0
    # closed questions: option -> count, and per organisation type: option -> count
    counts: dict = field(default_factory=dict)
    counts_by_type: dict = field(default_factory=dict)
    # open questions: organisation type label -> list of answers
    answers_by_type: dict = field(default_factory=dict)


def evaluation_report(evaluation):
    """Per question: counts per option (overall and per organisation type) for closed
    questions; all answers per organisation type for open ones. Two queries."""
    questions = list(evaluation.questionnaire.questions.all())
    answers = (
        Answer.objects.filter(response__evaluation=evaluation)
        .exclude(text="")
        .values_list("question_id", "text", "response__organisation_type")
        .order_by("response__organisation_type", "response__submitted_at", "pk")
    )
    by_question = defaultdict(list)
    for question_id, text, organisation_type in answers:
        by_question[question_id].append((text, organisation_type))
    type_labels = dict(OrganisationType.choices)
    reports = []
    for question in questions:
        report = QuestionReport(question=question, total=len(by_question[question.pk]))
        if question.kind == QuestionKind.CHOICE:
            overall = Counter(text for text, _type in by_question[question.pk])
            report.counts = {option: overall.get(option, 0) for option in question.options}
            per_type = defaultdict(Counter)
            for text, organisation_type in by_question[question.pk]:
                per_type[type_labels.get(organisation_type, organisation_type)][text] += 1
            report.counts_by_type = {
                label: [counter.get(option, 0) for option in question.options]
                for label, counter in sorted(per_type.items())
            }
        else:
            grouped = defaultdict(list)
            for text, organisation_type in by_question[question.pk]:
                grouped[type_labels.get(organisation_type, organisation_type)].append(text)
            report.answers_by_type = dict(sorted(grouped.items()))
        reports.append(report)
    return reports

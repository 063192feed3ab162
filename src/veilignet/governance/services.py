"""Business actions of governance: each in a transaction, each audited, notifications after
commit. Status changes are checked against the transition tables in models.py and written
as new history rows."""

import csv
import logging
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from veilignet.audit import events
from veilignet.governance import privacy
from veilignet.governance.models import (
    ACT_TARGETS,
    ACTION_TRANSITIONS,
    BOTTLENECK_TRANSITIONS,
    ActDecision,
    Action,
    ActionCheck,
    ActionStatus,
    ActionStatusChange,
    AgendaItem,
    AgendaItemKind,
    Answer,
    Attendance,
    Bottleneck,
    BottleneckClosure,
    BottleneckEvent,
    BottleneckEventKind,
    BottleneckFollower,
    BottleneckSource,
    BottleneckStatus,
    ClosureOutcome,
    Decision,
    Evaluation,
    EvaluationMoment,
    Invitation,
    LeadRole,
    Meeting,
    Membership,
    Network,
    Notification,
    Objective,
    ObjectiveAssessment,
    OnboardingVisit,
    OverdueFlag,
    Priority,
    Question,
    QuestionKind,
    Questionnaire,
    Response,
)
from veilignet.governance.queries import agenda_candidates, lead_users

logger = logging.getLogger(__name__)

TEMPLATE_FILE = Path(__file__).resolve().parent / "data" / "evaluation_template.csv"
TEMPLATE_KEY = "evaluatie-bestuurlijk-platform"
TEXT_FIELDS = ("title", "description", "example", "requested", "origin_reference")


class GovernanceError(ValidationError):
    """A business rule refused the change; the message is shown to the user."""


# Notifications ---------------------------------------------------------------------------


def notify(users, message, url=""):
    """In-app notifications for `users` (each once) and, after commit, an e-mail that only
    says there is news: neither the message nor any record text goes into the e-mail."""
    recipients = {user.pk: user for user in users if user is not None}
    Notification.objects.bulk_create(
        Notification(user=user, message=str(message)[:300], url=url) for user in recipients.values()
    )
    addresses = sorted({user.email for user in recipients.values() if user.email})
    if addresses:
        transaction.on_commit(lambda: _send_notice(addresses))


def _send_notice(addresses):
    for address in addresses:
        try:
            send_mail(
                _("Veilignet: there is news for you"),
                _(
                    "There is a new message for you in Veilignet (governance). "
                    "Log in and open 'Notifications' to read it."
                ),
                None,
                [address],
                fail_silently=False,
            )
        except Exception:
            logger.exception("Governance notice e-mail failed")


@transaction.atomic
def mark_notifications_read(user):
    """Mark all of the user's notifications as read."""
    return Notification.objects.for_user(user).unread().update(read_at=timezone.now())


# Networks and members --------------------------------------------------------------------

NETWORK_FIELDS = (
    "name",
    "description",
    "ambition",
    "guiding_principles",
    "working_agreements",
    "meetings_per_year",
)


@transaction.atomic
def create_network(actor, *, region, kind, **fields):
    """Create the platform or a themed network of a region."""
    network = Network(region=region, kind=kind, **fields)
    network.full_clean()
    network.save()
    events.network_created(actor, network)
    return network


@transaction.atomic
def update_network(actor, network, **changes):
    """Change a network's texts; the audit trail names the changed fields."""
    changed = {name for name, value in changes.items() if getattr(network, name) != value}
    for name in changed:
        setattr(network, name, changes[name])
    if changed:
        network.full_clean()
        network.save(update_fields=sorted(changed))
        events.network_updated(actor, network, changed)
    return network


@transaction.atomic
def add_member(actor, network, *, organisation, representative, deputy=None, lead_role=""):
    """Give an organisation a seat with a representative (and deputy) of its own; the new
    member is pointed to the onboarding page."""
    lead_role = lead_role or LeadRole.MEMBER
    for person in (representative, deputy):
        if person is not None and person.organisation_id != organisation.pk:
            raise GovernanceError(
                _("The representative and deputy must work at the member organisation.")
            )
    if organisation.region_id != network.region_id:
        raise GovernanceError(_("The organisation is not in this network's region."))
    if lead_role == LeadRole.MUNICIPAL_LEAD and organisation.type != "municipality":
        raise GovernanceError(_("A municipal lead must represent a municipality."))
    if Membership.objects.current().filter(network=network, organisation=organisation).exists():
        raise GovernanceError(_("This organisation is already a member of the network."))
    membership = Membership.objects.create(
        network=network,
        organisation=organisation,
        representative=representative,
        deputy=deputy,
        lead_role=lead_role,
    )
    events.network_member_added(actor, membership)
    notify(
        [representative, deputy],
        _("Welcome to %(network)s: read the onboarding page.") % {"network": network},
        reverse("governance:onboarding", args=[network.pk]),
    )
    return membership


@transaction.atomic
def end_membership(actor, membership):
    """The organisation leaves the network (the seat is kept as history)."""
    if membership.left_on is not None:
        raise GovernanceError(_("This membership has already ended."))
    membership.left_on = timezone.localdate()
    membership.save(update_fields=["left_on"])
    events.network_member_left(actor, membership)
    return membership


@transaction.atomic
def record_onboarding_visit(user, network):
    """Remember that the user opened the onboarding page of a network she is member of."""
    seats = Membership.objects.current().of_user(user).filter(network=network)
    for membership in seats:
        _visit, created = OnboardingVisit.objects.get_or_create(membership=membership, user=user)
        if created:
            events.onboarding_seen(user, membership)


# Bottlenecks ------------------------------------------------------------------------------


def _bottleneck_event(bottleneck, kind, actor, note="", meeting=None):
    BottleneckEvent.objects.create(
        bottleneck=bottleneck,
        kind=kind,
        status=bottleneck.status,
        priority=bottleneck.priority,
        note=note,
        actor=actor,
        meeting=meeting,
    )


def _set_bottleneck_status(bottleneck, status):
    if status not in BOTTLENECK_TRANSITIONS[bottleneck.status]:
        raise GovernanceError(
            _("A bottleneck cannot go from '%(from)s' to '%(to)s'.")
            % {
                "from": BottleneckStatus(bottleneck.status).label,
                "to": BottleneckStatus(status).label,
            }
        )
    bottleneck.status = status


@transaction.atomic
def submit_bottleneck(
    actor,
    *,
    source,
    title,
    description,
    example,
    requested,
    theme=None,
    organisations=(),
    region,
    origin_reference="",
    practitioners=(),
):
    """Register a bottleneck from practice.

    `theme` is the themed network it concerns (None: the platform triages it). Text that
    arrives from a case escalation (level 3) is stripped of personal data before it is
    stored; other sources are refused by their forms when they contain personal data.
    `practitioners` are further users who get feedback on closure, besides the submitter.
    """
    texts = {
        "title": title,
        "description": description,
        "example": example,
        "requested": requested,
        "origin_reference": origin_reference,
    }
    removed = set()
    if source == BottleneckSource.CASE_ESCALATION:
        for name in TEXT_FIELDS:
            texts[name], kinds = privacy.strip_personal_data(texts[name])
            removed.update(kinds)
    if theme is not None and theme.region_id != region.pk:
        raise GovernanceError(_("The theme belongs to another region."))
    bottleneck = Bottleneck(
        region=region, network=theme, source=source, submitted_by=actor, **texts
    )
    bottleneck.title = bottleneck.title[:200]
    bottleneck.full_clean(exclude=["organisations"])
    bottleneck.save()
    bottleneck.organisations.set(organisations)
    for user in {actor, *practitioners}:
        BottleneckFollower.objects.get_or_create(bottleneck=bottleneck, user=user)
    _bottleneck_event(bottleneck, BottleneckEventKind.SUBMITTED, actor)
    if removed:
        _bottleneck_event(
            bottleneck,
            BottleneckEventKind.PERSONAL_DATA_REMOVED,
            actor,
            note=privacy.describe(sorted(removed)),
        )
    events.bottleneck_submitted(actor, bottleneck, sorted(removed))
    return bottleneck


@transaction.atomic
def triage_bottleneck(actor, bottleneck, *, priority, network, note="", meeting=None):
    """The network decides: keep as is, lower priority, high priority or stop doing."""
    if network.region_id != bottleneck.region_id:
        raise GovernanceError(_("The network belongs to another region."))
    has_actions = bottleneck.actions.active().exists()
    target = (
        BottleneckStatus.IN_PROGRESS
        if priority == Priority.HIGH and has_actions
        else BottleneckStatus.TRIAGED
    )
    _set_bottleneck_status(bottleneck, target)
    bottleneck.priority = priority
    bottleneck.network = network
    bottleneck.save(update_fields=["status", "priority", "network"])
    _bottleneck_event(bottleneck, BottleneckEventKind.TRIAGED, actor, note, meeting)
    events.bottleneck_triaged(actor, bottleneck)
    return bottleneck


@transaction.atomic
def close_bottleneck(actor, bottleneck, *, outcome, check_evidence, feedback, meeting=None):
    """Close a bottleneck with a check that it is solved, or a decision to accept it; the
    submitter and the originating practitioners get the feedback."""
    if not check_evidence.strip() or not feedback.strip():
        raise GovernanceError(
            _("Closing needs the check (or the reason to accept) and feedback to practice.")
        )
    if (
        outcome == ClosureOutcome.SOLVED
        and bottleneck.actions.filter(
            status__in=(ActionStatus.PLAN, ActionStatus.DO, ActionStatus.CHECK)
        ).exists()
    ):
        raise GovernanceError(
            _("Actions are still open: check and conclude them before calling this solved.")
        )
    _set_bottleneck_status(bottleneck, BottleneckStatus.CLOSED)
    bottleneck.save(update_fields=["status"])
    BottleneckClosure.objects.create(
        bottleneck=bottleneck,
        outcome=outcome,
        check_evidence=check_evidence,
        feedback=feedback,
        closed_by=actor,
    )
    _bottleneck_event(
        bottleneck, BottleneckEventKind.CLOSED, actor, ClosureOutcome(outcome).label, meeting
    )
    events.bottleneck_closed(actor, bottleneck, outcome)
    followers = [f.user for f in bottleneck.followers.select_related("user")]
    notify(
        followers,
        _("Feedback on bottleneck %(ref)s: it has been closed.") % {"ref": bottleneck.reference},
        reverse("governance:bottleneck_detail", args=[bottleneck.pk]),
    )
    return bottleneck


@transaction.atomic
def reopen_bottleneck(actor, bottleneck, *, note):
    """A closed bottleneck turns out not to be solved: back to triage."""
    if bottleneck.status != BottleneckStatus.CLOSED:
        raise GovernanceError(_("Only a closed bottleneck can be reopened."))
    _set_bottleneck_status(bottleneck, BottleneckStatus.TRIAGED)
    bottleneck.save(update_fields=["status"])
    _bottleneck_event(bottleneck, BottleneckEventKind.REOPENED, actor, note)
    events.bottleneck_reopened(actor, bottleneck)
    return bottleneck


# Actions and the PDCA cycle ---------------------------------------------------------------


@transaction.atomic
def add_action(
    actor,
    *,
    network,
    title,
    owner,
    due_date,
    expected_effect,
    success_check,
    bottleneck=None,
    objective=None,
    meeting=None,
    indicator_key="",
):
    """Create an owned action (plan phase) for a bottleneck, an objective or a meeting."""
    if owner.organisation_id is None:
        raise GovernanceError(_("The owner must work at an organisation."))
    if bottleneck is not None and bottleneck.status == BottleneckStatus.CLOSED:
        raise GovernanceError(_("This bottleneck is closed; reopen it first."))
    action = Action(
        network=network,
        bottleneck=bottleneck,
        objective=objective,
        meeting=meeting,
        title=title,
        owner=owner,
        owner_organisation_id=owner.organisation_id,
        due_date=due_date,
        expected_effect=expected_effect,
        success_check=success_check,
        indicator_key=indicator_key,
    )
    action.full_clean()
    action.save()
    ActionStatusChange.objects.create(
        action=action, status=action.status, cycle=action.cycle, actor=actor
    )
    if bottleneck is not None:
        if bottleneck.priority == Priority.HIGH and bottleneck.status == BottleneckStatus.TRIAGED:
            _set_bottleneck_status(bottleneck, BottleneckStatus.IN_PROGRESS)
            bottleneck.save(update_fields=["status"])
        _bottleneck_event(bottleneck, BottleneckEventKind.ACTION_ADDED, actor, action.reference)
    events.governance_action_created(actor, action)
    notify(
        [owner],
        _("You are the owner of action %(ref)s.") % {"ref": action.reference},
        reverse("governance:action_detail", args=[action.pk]),
    )
    return action


def _set_action_status(actor, action, status, *, decision="", note=""):
    if status not in ACTION_TRANSITIONS[action.status]:
        raise GovernanceError(
            _("An action cannot go from '%(from)s' to '%(to)s'.")
            % {"from": ActionStatus(action.status).label, "to": ActionStatus(status).label}
        )
    if status == ActionStatus.DONE and not action.checks.filter(cycle=action.cycle).exists():
        raise GovernanceError(_("An action can only be marked done after its effect is checked."))
    previous = action.status
    action.status = status
    action.save(update_fields=["status", "cycle", "due_date"])
    ActionStatusChange.objects.create(
        action=action,
        from_status=previous,
        status=status,
        decision=decision,
        cycle=action.cycle,
        note=note,
        actor=actor,
    )
    events.governance_action_status_changed(actor, action, previous, status)


@transaction.atomic
def move_action(actor, action, status, *, note=""):
    """Plan → do → check, or stop. Done is only reached through `decide_action`."""
    if status == ActionStatus.DONE:
        raise GovernanceError(_("An action can only be marked done after its effect is checked."))
    _set_action_status(actor, action, status, note=note)
    return action


@transaction.atomic
def record_check(actor, action, *, effect_reached, evidence, indicator_value=None):
    """Check: was the expected effect reached? Evidence, possibly an indicator value."""
    if action.status != ActionStatus.CHECK:
        raise GovernanceError(_("Only an action in the check phase can be checked."))
    if not evidence.strip():
        raise GovernanceError(_("Describe the evidence of the check."))
    check = ActionCheck.objects.create(
        action=action,
        cycle=action.cycle,
        effect_reached=effect_reached,
        evidence=evidence,
        indicator_key=action.indicator_key,
        indicator_value=indicator_value,
        checked_by=actor,
    )
    events.governance_action_checked(actor, action)
    return check


@transaction.atomic
def decide_action(actor, action, *, decision, note="", new_due_date=None):
    """Act after the check: adopt (done), adjust (a new cycle with a new due date) or stop."""
    if decision == ActDecision.ADJUST:
        if new_due_date is None:
            raise GovernanceError(_("Adjusting needs a new due date."))
        action.cycle += 1
        action.due_date = new_due_date
    elif not action.checks.filter(cycle=action.cycle).exists():
        raise GovernanceError(_("An action can only be marked done after its effect is checked."))
    _set_action_status(actor, action, ACT_TARGETS[decision], decision=decision, note=note)
    return action


@transaction.atomic
def flag_overdue_actions(today=None):
    """Flag each overdue action once per due date to its owner and the network's leads.
    Idempotent: running it again the same day (or later) flags nothing new."""
    today = today or timezone.localdate()
    already = OverdueFlag.objects.filter(action=OuterRef("pk"), due_date=OuterRef("due_date"))
    overdue = (
        Action.objects.overdue(today).exclude(Exists(already)).select_related("owner", "network")
    )
    flagged = 0
    for action in overdue:
        _flag, created = OverdueFlag.objects.get_or_create(action=action, due_date=action.due_date)
        if not created:
            continue
        flagged += 1
        notify(
            [action.owner, *lead_users(action.network)],
            _("Action %(ref)s is overdue (due %(date)s).")
            % {"ref": action.reference, "date": action.due_date.isoformat()},
            reverse("governance:action_detail", args=[action.pk]),
        )
    return flagged


# Objectives -------------------------------------------------------------------------------


@transaction.atomic
def create_objective(actor, *, network, evaluation_moments=(), **fields):
    """An objective for one to two years with its measure, owner and evaluation moments."""
    objective = Objective(network=network, **fields)
    objective.full_clean()
    objective.save()
    EvaluationMoment.objects.bulk_create(
        EvaluationMoment(objective=objective, planned_for=day) for day in evaluation_moments
    )
    events.objective_created(actor, objective)
    return objective


@transaction.atomic
def add_evaluation_moment(actor, objective, planned_for):
    moment = EvaluationMoment.objects.create(objective=objective, planned_for=planned_for)
    events.objective_moment_added(actor, objective)
    return moment


@transaction.atomic
def assess_objective(actor, objective, *, assessment, note="", indicator_value=None):
    """Record the outcome of an evaluation of an objective (a new row each time)."""
    row = ObjectiveAssessment.objects.create(
        objective=objective,
        assessment=assessment,
        note=note,
        indicator_value=indicator_value,
        assessed_by=actor,
    )
    events.objective_assessed(actor, objective, assessment)
    return row


# Meetings ---------------------------------------------------------------------------------


@transaction.atomic
def schedule_meeting(actor, network, *, date, location=""):
    """Plan a meeting; its agenda is generated right away (and stays editable)."""
    meeting = Meeting.objects.create(network=network, date=date, location=location)
    events.network_meeting_scheduled(actor, meeting)
    generate_agenda(actor, meeting)
    return meeting


@transaction.atomic
def generate_agenda(actor, meeting, today=None):
    """Replace the generated items of the agenda by what the rules select now; items added
    by hand stay, after the generated ones."""
    today = today or timezone.localdate()
    meeting.agenda_items.filter(generated=True).delete()
    candidates = agenda_candidates(meeting.network, today)
    AgendaItem.objects.bulk_create(
        AgendaItem(
            meeting=meeting,
            position=position,
            kind=item.kind,
            title=item.title[:300],
            bottleneck=item.bottleneck,
            action=item.action,
            generated=True,
        )
        for position, item in enumerate(candidates, start=1)
    )
    manual = list(meeting.agenda_items.filter(generated=False).order_by("position", "pk"))
    for position, item in enumerate(manual, start=len(candidates) + 1):
        item.position = position
    AgendaItem.objects.bulk_update(manual, ["position"])
    events.network_meeting_agenda_changed(actor, meeting, "generated")
    return list(meeting.agenda_items.all())


@transaction.atomic
def add_agenda_item(actor, meeting, title):
    last = meeting.agenda_items.order_by("-position").values_list("position", flat=True).first()
    item = AgendaItem.objects.create(
        meeting=meeting, position=(last or 0) + 1, kind=AgendaItemKind.OTHER, title=title
    )
    events.network_meeting_agenda_changed(actor, meeting, "item_added")
    return item


@transaction.atomic
def remove_agenda_item(actor, item):
    meeting = item.meeting
    item.delete()
    events.network_meeting_agenda_changed(actor, meeting, "item_removed")


@transaction.atomic
def record_attendance(actor, meeting, memberships):
    """Record which member organisations were present (through their representative)."""
    memberships = list(memberships)
    if any(m.network_id != meeting.network_id for m in memberships):
        raise GovernanceError(_("Only members of this network can attend."))
    meeting.attendance.all().delete()
    Attendance.objects.bulk_create(
        Attendance(meeting=meeting, membership=m, attendee_id=m.representative_id)
        for m in memberships
    )
    events.network_meeting_attendance_recorded(actor, meeting)


@transaction.atomic
def record_decision(actor, meeting, *, text, bottleneck=None, action=None):
    """A decision of the meeting, linked to the bottleneck or action it concerns."""
    for linked in (bottleneck, action):
        if linked is not None and linked.network_id != meeting.network_id:
            raise GovernanceError(_("Link only bottlenecks and actions of this network."))
    decision = Decision.objects.create(
        meeting=meeting, text=text, bottleneck=bottleneck, action=action
    )
    events.network_meeting_decision_recorded(actor, meeting)
    return decision


@transaction.atomic
def save_minutes(actor, meeting, minutes):
    if meeting.minutes_published_at is not None:
        raise GovernanceError(_("The minutes have been published and can no longer change."))
    meeting.minutes = minutes
    meeting.save(update_fields=["minutes"])
    events.network_meeting_minutes_saved(actor, meeting)


@transaction.atomic
def publish_minutes(actor, meeting):
    """Publish the minutes to all current members (representatives and deputies)."""
    if meeting.minutes_published_at is not None:
        raise GovernanceError(_("The minutes have already been published."))
    if not meeting.minutes.strip():
        raise GovernanceError(_("Write the minutes before publishing them."))
    meeting.minutes_published_at = timezone.now()
    meeting.save(update_fields=["minutes_published_at"])
    members = Membership.objects.current().filter(network=meeting.network)
    users = []
    for membership in members.select_related("representative", "deputy"):
        users += [membership.representative, membership.deputy]
    notify(
        users,
        _("The minutes of %(meeting)s have been published.") % {"meeting": meeting},
        reverse("governance:meeting_detail", args=[meeting.pk]),
    )
    events.network_meeting_minutes_published(actor, meeting)


# Evaluations ------------------------------------------------------------------------------


@transaction.atomic
def load_evaluation_template(path=TEMPLATE_FILE):
    """Create or update the built-in questionnaire (seed 000 annex 2) from the shipped CSV.
    Idempotent: running it again changes nothing."""
    questionnaire, _created = Questionnaire.objects.update_or_create(
        key=TEMPLATE_KEY,
        defaults={
            "title": "Evaluatie Bestuurlijk Platform Huiselijk Geweld en Kindermishandeling",
            "introduction": "De 18 vragen uit bijlage 2 van het inspectieverslag (seed 000).",
            "region": None,
        },
    )
    positions = []
    with Path(path).open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            position = int(row["number"])
            Question.objects.update_or_create(
                questionnaire=questionnaire,
                position=position,
                defaults={
                    "text": row["text"],
                    "kind": row["kind"],
                    "options": [o for o in row["options"].split(";") if o],
                },
            )
            positions.append(position)
    questionnaire.questions.exclude(position__in=positions).delete()
    return questionnaire


@transaction.atomic
def create_questionnaire(actor, *, region, title, introduction="", questions):
    """A custom questionnaire; `questions` is a list of (text, kind, options)."""
    if not questions:
        raise GovernanceError(_("Add at least one question."))
    questionnaire = Questionnaire.objects.create(
        region=region, title=title, introduction=introduction
    )
    Question.objects.bulk_create(
        Question(
            questionnaire=questionnaire,
            position=position,
            text=text,
            kind=kind,
            options=list(options) if kind == QuestionKind.CHOICE else [],
        )
        for position, (text, kind, options) in enumerate(questions, start=1)
    )
    events.questionnaire_created(actor, questionnaire)
    return questionnaire


@transaction.atomic
def send_evaluation(actor, *, questionnaire, network, closes_on):
    """Send a questionnaire to the representatives of the network's current members."""
    if closes_on < timezone.localdate():
        raise GovernanceError(_("The closing date lies in the past."))
    evaluation = Evaluation.objects.create(
        questionnaire=questionnaire, network=network, closes_on=closes_on
    )
    members = list(
        Membership.objects.current().filter(network=network).select_related("representative")
    )
    Invitation.objects.bulk_create(
        [
            Invitation(evaluation=evaluation, user=m.representative, organisation=m.organisation)
            for m in members
        ],
        ignore_conflicts=True,
    )
    notify(
        [m.representative for m in members],
        _("Please answer the evaluation '%(title)s'.") % {"title": questionnaire.title},
        reverse("governance:evaluation_respond", args=[evaluation.pk]),
    )
    events.evaluation_sent(actor, evaluation)
    return evaluation


@transaction.atomic
def submit_response(actor, evaluation, answers):
    """Store an invited member's answers once; `answers` maps question pk to text."""
    invitation = evaluation.invitations.filter(user=actor).select_related("organisation").first()
    if invitation is None:
        raise GovernanceError(_("You were not invited to this evaluation."))
    if not evaluation.is_open:
        raise GovernanceError(_("This evaluation is closed."))
    if evaluation.responses.filter(respondent=actor).exists():
        raise GovernanceError(_("You have already answered this evaluation."))
    questions = {q.pk: q for q in evaluation.questionnaire.questions.all()}
    for pk, text in answers.items():
        question = questions.get(pk)
        if question is None:
            raise GovernanceError(_("Unknown question."))
        if question.kind == QuestionKind.CHOICE and text and text not in question.options:
            raise GovernanceError(_("Choose one of the options."))
    response = Response.objects.create(
        evaluation=evaluation,
        respondent=actor,
        organisation_type=invitation.organisation.type,
    )
    Answer.objects.bulk_create(
        Answer(response=response, question_id=pk, text=text.strip()) for pk, text in answers.items()
    )
    events.evaluation_answered(actor, evaluation)
    return response

"""Business actions on cases: each in a transaction, each audited, each on the timeline.

Refused actions raise `django.core.exceptions.ValidationError` with a message for the
user. The reports app calls `open_case` (triage decision) and `register_new_report`
(a new report on a known household).
"""

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from veilignet import deadlines
from veilignet.accounts.models import HOUSEHOLD_ROLES, OrganisationType, Role, User
from veilignet.audit import events
from veilignet.cases.models import (
    ESCALATION_TRANSITIONS,
    HANDOVER_TRANSITIONS,
    HELP_TRANSITIONS,
    LEVEL_ROLES,
    OPEN_PHASES,
    PHASE_TRANSITIONS,
    Case,
    CaseEvent,
    CaseMember,
    CaseOrigin,
    CaseReportLink,
    CaseRole,
    CauseAnalysis,
    DeployedHelp,
    Escalation,
    EscalationBottleneck,
    EscalationLevel,
    EscalationStatus,
    EventKind,
    FollowUpCheck,
    Handover,
    HandoverStatus,
    HelpStatus,
    HelpStatusChange,
    LeaveReason,
    NotificationKind,
    Phase,
    PhaseChange,
    RecoveryGoal,
    SafetyAssessment,
    SafetyJudgement,
    SafetyPlanVersion,
)
from veilignet.cases.notifications import notify
from veilignet.core.compiled import CompiledQuery
from veilignet.governance import services as governance
from veilignet.governance.models import BottleneckSource
from veilignet.people.models import AccessReason
from veilignet.people.services import grant_access

# Working days each escalation level has to respond before the next level is asked.
ESCALATION_RESPONSE_DAYS = {
    EscalationLevel.TEAM_LEADS: 5,
    EscalationLevel.DIRECTORS: 10,
    EscalationLevel.GOVERNANCE: 20,
}
HANDOVER_ANSWER_DAYS = 5
# A new report this long after closure still links to the case.
RELINK_MONTHS = 24
# Phases that need a current safety plan and a "safe enough" assessment to enter.
SAFETY_GATED_PHASES = (Phase.RISK_GUIDED_CARE, Phase.RECOVERY)


def _event(case, kind, actor, detail="", text=""):
    CaseEvent.objects.create(case=case, kind=kind, actor=actor, detail=detail, text=text)


def _coordinator_member(case):
    return case.members.active().filter(case_role=CaseRole.COORDINATOR).first()


def _require_member(actor, case):
    if not case.members.active().filter(user=actor).exists():
        raise ValidationError(_("Only members of the case can do this."))


def _require_coordinator(actor, case):
    member = _coordinator_member(case)
    if member is None or member.user_id != actor.pk:
        raise ValidationError(_("Only the coordinator of the case can do this."))


def _require_open(case):
    if not case.is_open:
        raise ValidationError(_("The case is not open."))


def _check_professional(user):
    if user.role not in HOUSEHOLD_ROLES or user.organisation_id is None:
        raise ValidationError(_("Only case workers and team leads of a partner can join a case."))


def _join(actor, case, user, case_role):
    _check_professional(user)
    member = CaseMember.objects.create(
        case=case, user=user, organisation_id=user.organisation_id, case_role=case_role
    )
    grant_access(case.household, user, AccessReason.CASE_MEMBER)
    _event(case, EventKind.MEMBER_JOINED, actor, detail=case_role)
    events.case_member_added(actor, case, member)
    return member


def _leave(actor, member, reason):
    member.left_at = timezone.now()
    member.leave_reason = reason
    member.save(update_fields=["left_at", "leave_reason"])
    _event(member.case, EventKind.MEMBER_LEFT, actor, detail=member.case_role)
    events.case_member_left(actor, member.case, member)


def _path(name, pk):
    return reverse(f"cases:{name}", args=[pk])


def _users_with_role(role, organisation_ids):
    return User.objects.filter(role=role, organisation_id__in=organisation_ids, is_active=True)


def has_open_case(household):
    """Whether the household has a case in one of the open phases."""
    return Case.objects.open().filter(household=household).exists()


@transaction.atomic
def open_case(actor, household, origin, source_report_id=None, coordinator=None):
    """Open the joint case on `household` with `coordinator` (default: the actor).

    Used by the reports app after a triage decision and by a local team on its own
    signals (then the actor must work for a local team). A household has at most one
    open case (database constraint).
    """
    if origin == CaseOrigin.OWN_SIGNALS and (
        actor.organisation is None or actor.organisation.type != OrganisationType.LOCAL_TEAM
    ):
        raise ValidationError(_("Only a local team can open a case on its own signals."))
    if has_open_case(household):
        raise ValidationError(_("This household already has an open case."))
    case = Case.objects.create(
        household=household,
        municipality_id=household.municipality_id,
        origin=origin,
        source_report_id=source_report_id,
        opened_by=actor,
    )
    _event(case, EventKind.OPENED, actor, detail=origin)
    events.case_opened(actor, case)
    if source_report_id is not None:
        CaseReportLink.objects.create(case=case, report_id=source_report_id)
    _join(actor, case, coordinator or actor, CaseRole.COORDINATOR)
    return case


@transaction.atomic
def add_member(actor, case, user, case_role):
    """The coordinator adds a partner with a case role; coordination moves only by handover."""
    _require_open(case)
    _require_coordinator(actor, case)
    if case_role == CaseRole.COORDINATOR:
        raise ValidationError(_("The coordinator changes only through a warm handover."))
    if case.members.active().filter(user=user).exists():
        raise ValidationError(_("This person is already a member of the case."))
    member = _join(actor, case, user, case_role)
    notify([user], NotificationKind.MEMBER_ADDED, case, _path("case_detail", case.pk))
    return member


@transaction.atomic
def leave_case(actor, member, reason):
    """A member leaves (or the coordinator removes her) with a reason; never the coordinator."""
    if member.left_at is not None:
        raise ValidationError(_("This member has already left."))
    if member.case_role == CaseRole.COORDINATOR:
        raise ValidationError(_("The coordinator stays until a handover has been accepted."))
    if member.user_id != actor.pk:
        _require_coordinator(actor, member.case)
    _leave(actor, member, reason)


def _assess(actor, case, judgement, rationale):
    assessment = SafetyAssessment.objects.create(
        case=case, judgement=judgement, rationale=rationale, assessed_by=actor
    )
    events.case_assessment_recorded(actor, case, assessment)
    return assessment


@CompiledQuery
def _newest_plan(household_id):
    return SafetyPlanVersion.objects.filter(household_id=household_id).order_by("-number")[:1]


def current_plan(household):
    """The newest safety plan version of the household, or None."""
    return next(iter(_newest_plan(household.pk)), None)


def _move(actor, case, to_phase, assessment, reason=""):
    """Change phase along PHASE_TRANSITIONS, recording the fresh assessment with it."""
    from_phase = case.phase
    if to_phase not in PHASE_TRANSITIONS[from_phase]:
        raise ValidationError(
            _("A case cannot move from %(from)s to %(to)s.")
            % {"from": Phase(from_phase).label, "to": Phase(to_phase).label}
        )
    if to_phase in SAFETY_GATED_PHASES:
        plan = current_plan(case.household)
        if plan is None or not plan.is_agreed:
            raise ValidationError(
                _("This phase needs a current safety plan agreed with the family.")
            )
        if assessment.judgement != SafetyJudgement.SAFE_ENOUGH:
            raise ValidationError(
                _("This phase needs a safety assessment that judges the situation safe enough.")
            )
    PhaseChange.objects.create(
        case=case,
        from_phase=from_phase,
        to_phase=to_phase,
        assessment=assessment,
        reason=reason,
        changed_by=actor,
    )
    case.phase = to_phase
    if to_phase == Phase.CLOSED and from_phase in OPEN_PHASES:
        case.closed_at = timezone.now()
    elif to_phase in OPEN_PHASES:
        case.closed_at = None
    case.save(update_fields=["phase", "closed_at"])
    detail = f"{Phase(from_phase).label} → {Phase(to_phase).label}"
    _event(case, EventKind.PHASE_CHANGED, actor, detail=detail, text=reason)
    events.case_phase_changed(actor, case, from_phase, to_phase)


@transaction.atomic
def change_phase(actor, case, to_phase, judgement, rationale, reason=""):
    """Move an open case to another open phase with a fresh safety assessment."""
    _require_open(case)
    _require_member(actor, case)
    if to_phase not in OPEN_PHASES:
        raise ValidationError(_("Use closing to close a case."))
    _move(actor, case, to_phase, _assess(actor, case, judgement, rationale), reason)


@transaction.atomic
def record_assessment(actor, case, judgement, rationale):
    """A safety assessment between phase changes."""
    _require_member(actor, case)
    assessment = _assess(actor, case, judgement, rationale)
    _event(case, EventKind.ASSESSMENT, actor, detail=SafetyJudgement(judgement).label)
    return assessment


@transaction.atomic
def record_incident(actor, case, description, judgement, rationale):
    """A new incident: recorded with a fresh assessment; back to direct safety if needed."""
    _require_open(case)
    _require_member(actor, case)
    _event(case, EventKind.INCIDENT, actor, text=description)
    events.case_note_added(actor, case, EventKind.INCIDENT)
    assessment = _assess(actor, case, judgement, rationale)
    if case.phase != Phase.DIRECT_SAFETY:
        _move(actor, case, Phase.DIRECT_SAFETY, assessment, description)


@transaction.atomic
def add_note(actor, case, text):
    _require_member(actor, case)
    _event(case, EventKind.NOTE, actor, text=text)
    events.case_note_added(actor, case, EventKind.NOTE)


@transaction.atomic
def save_safety_plan(actor, case, **fields):
    """Store a new version of the household's safety plan (the old ones stay)."""
    _require_open(case)
    _require_member(actor, case)
    versions = SafetyPlanVersion.objects.filter(household=case.household)
    number = (versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = SafetyPlanVersion.objects.create(
        household=case.household, case=case, number=number, created_by=actor, **fields
    )
    _event(case, EventKind.PLAN_VERSION, actor, detail=str(number))
    events.safety_plan_saved(actor, version)
    return version


@transaction.atomic
def add_cause(actor, case, person, causes):
    _require_member(actor, case)
    if not case.household.members.filter(person=person).exists():
        raise ValidationError(_("This person is not a member of the household."))
    cause = CauseAnalysis.objects.create(case=case, person=person, causes=causes, created_by=actor)
    _event(case, EventKind.ANALYSIS, actor, detail=_("Causes of unsafety"))
    events.recovery_plan_changed(actor, case, cause)
    return cause


@transaction.atomic
def add_goal(actor, case, description):
    _require_member(actor, case)
    goal = RecoveryGoal.objects.create(case=case, description=description, created_by=actor)
    _event(case, EventKind.ANALYSIS, actor, detail=_("Goal"))
    events.recovery_plan_changed(actor, case, goal)
    return goal


@transaction.atomic
def add_help(actor, case, kind, provider, status, person=None, starts_on=None, ends_on=None):
    """Deploy help in the recovery plan; waiting help shows since today."""
    _require_member(actor, case)
    today = timezone.localdate()
    help_ = DeployedHelp.objects.create(
        case=case,
        kind=kind,
        provider=provider,
        person=person,
        status=status,
        status_since=today,
        starts_on=starts_on,
        ends_on=ends_on,
    )
    HelpStatusChange.objects.create(help=help_, status=status, changed_on=today, changed_by=actor)
    _event(
        case,
        EventKind.HELP,
        actor,
        detail=f"{help_.get_kind_display()}: {help_.get_status_display()}",
    )
    events.recovery_plan_changed(actor, case, help_)
    return help_


@transaction.atomic
def change_help_status(actor, help_, status):
    """Move deployed help along HELP_TRANSITIONS (a new history row each time)."""
    _require_member(actor, help_.case)
    if status not in HELP_TRANSITIONS[help_.status]:
        raise ValidationError(_("This status change is not possible."))
    today = timezone.localdate()
    HelpStatusChange.objects.create(help=help_, status=status, changed_on=today, changed_by=actor)
    help_.status, help_.status_since = status, today
    if status == HelpStatus.ACTIVE and help_.starts_on is None:
        help_.starts_on = today
    if status in (HelpStatus.COMPLETED, HelpStatus.STOPPED) and help_.ends_on is None:
        help_.ends_on = today
    help_.save(update_fields=["status", "status_since", "starts_on", "ends_on"])
    _event(
        help_.case,
        EventKind.HELP,
        actor,
        detail=f"{help_.get_kind_display()}: {help_.get_status_display()}",
    )
    events.recovery_plan_changed(actor, help_.case, help_)


@transaction.atomic
def propose_handover(actor, case, to_organisation, summary, to_user=None):
    """The coordinator proposes a warm handover; she stays coordinator until accepted."""
    _require_open(case)
    _require_coordinator(actor, case)
    if case.handovers.filter(status=HandoverStatus.PROPOSED).exists():
        raise ValidationError(_("A handover is already awaiting an answer."))
    if to_user is not None:
        _check_professional(to_user)
        if to_user.organisation_id != to_organisation.pk:
            raise ValidationError(_("The receiver does not work for that organisation."))
        if to_user.pk == actor.pk:
            raise ValidationError(_("You cannot hand over to yourself."))
    handover = Handover.objects.create(
        case=case,
        proposed_by=actor,
        to_organisation=to_organisation,
        to_user=to_user,
        summary=summary,
        answer_due=deadlines.add_working_days(timezone.localdate(), HANDOVER_ANSWER_DAYS),
    )
    _event(case, EventKind.HANDOVER_PROPOSED, actor, detail=to_organisation.name)
    events.handover_proposed(actor, handover)
    receivers = [to_user] if to_user else _users_with_role(Role.TEAM_LEAD, [to_organisation.pk])
    notify(
        receivers, NotificationKind.HANDOVER_PROPOSED, case, _path("handover_detail", handover.pk)
    )
    return handover


def can_answer_handover(user, handover):
    """Whether `user` may answer `handover` (see `HandoverQuerySet.answerable_by`)."""
    return Handover.objects.answerable_by(user).filter(pk=handover.pk).exists()


def _answer(actor, handover, status):
    handover = Handover.objects.select_for_update().get(pk=handover.pk)
    if status not in HANDOVER_TRANSITIONS[handover.status]:
        raise ValidationError(_("This handover has already been answered."))
    if not can_answer_handover(actor, handover):
        raise ValidationError(_("Only the receiver can answer this handover."))
    handover.status, handover.answered_by, handover.answered_at = status, actor, timezone.now()
    return handover


@transaction.atomic
def accept_handover(actor, handover):
    """The receiver accepts: in one transaction the old coordinator leaves and the
    receiver becomes coordinator. The database allows only one active coordinator."""
    handover = _answer(actor, handover, HandoverStatus.ACCEPTED)
    handover.save(update_fields=["status", "answered_by", "answered_at"])
    case = handover.case
    _require_open(case)
    now = timezone.now()
    # The proposer's coordinator row ends; if she is no longer coordinator (another
    # handover won, even a concurrent one) the insert below hits the partial unique
    # index "one_coordinator_per_case" and the whole acceptance is rolled back.
    case.members.active().filter(case_role=CaseRole.COORDINATOR, user=handover.proposed_by).update(
        left_at=now, leave_reason=LeaveReason.HANDED_OVER
    )
    case.members.active().filter(user=actor).update(left_at=now, leave_reason=LeaveReason.OTHER)
    try:
        with transaction.atomic():
            _join(actor, case, actor, CaseRole.COORDINATOR)
    except IntegrityError as error:
        raise ValidationError(_("Coordination of this case has already changed.")) from error
    _event(case, EventKind.HANDOVER_ACCEPTED, actor, detail=actor.organisation.name)
    events.handover_answered(actor, handover)
    notify(
        [handover.proposed_by],
        NotificationKind.HANDOVER_ANSWERED,
        case,
        _path("handover_detail", handover.pk),
    )
    return handover


@transaction.atomic
def decline_handover(actor, handover, reason):
    """The receiver declines with a reason; the sender remains coordinator."""
    handover = _answer(actor, handover, HandoverStatus.DECLINED)
    handover.decline_reason = reason
    handover.save(update_fields=["status", "answered_by", "answered_at", "decline_reason"])
    _event(handover.case, EventKind.HANDOVER_DECLINED, actor, text=reason)
    events.handover_answered(actor, handover)
    notify(
        [handover.proposed_by],
        NotificationKind.HANDOVER_ANSWERED,
        handover.case,
        _path("handover_detail", handover.pk),
    )
    return handover


def _escalation_addressees(escalation):
    role = LEVEL_ROLES.get(escalation.level)
    if role is None:
        return []
    organisations = escalation.case.members.active().values("organisation_id")
    return list(_users_with_role(role, organisations))


def _open_escalation(actor, case, level, reason, help_asked, help_asked_detail, previous=None):
    escalation = Escalation.objects.create(
        case=case,
        level=level,
        previous=previous,
        raised_by=actor,
        reason=reason,
        help_asked=help_asked,
        help_asked_detail=help_asked_detail,
        respond_by=deadlines.add_working_days(
            timezone.localdate(), ESCALATION_RESPONSE_DAYS[level]
        ),
    )
    _event(case, EventKind.ESCALATED, actor, detail=EscalationLevel(level).label, text=reason)
    if actor is not None:
        events.escalation_raised(actor, escalation)
    if level == EscalationLevel.GOVERNANCE:
        _create_bottleneck(actor, escalation)
    notify(
        _escalation_addressees(escalation),
        NotificationKind.ESCALATION,
        case,
        _path("escalation_detail", escalation.pk),
    )
    return escalation


def _create_bottleneck(actor, escalation):
    """The anonymised hand-off to the governance module: structured fields only.

    The bottleneck is submitted to the region's platform at once; the case's active
    members follow it and get feedback when the network closes it.
    """
    case = escalation.case
    members = list(case.members.active().select_related("user", "organisation"))
    types = sorted({str(member.organisation.type) for member in members})
    days_open = (timezone.now() - case.opened_at).days
    municipality = case.household.municipality
    summary = _(
        "A case in phase %(phase)s in %(municipality)s, with %(count)s organisation type(s) "
        "involved (%(types)s), has been stuck for %(days)s days; help asked: %(help)s. "
        "Team leads and directors could not solve it."
    ) % {
        "phase": Phase(case.phase).label,
        "municipality": municipality.name,
        "count": len(types),
        "types": ", ".join(str(OrganisationType(t).label) for t in types),
        "days": days_open,
        "help": escalation.get_help_asked_display(),
    }
    governance.submit_bottleneck(
        actor or _coordinator_member(case).user,
        source=BottleneckSource.CASE_ESCALATION,
        title=_("Stuck case: %(help)s") % {"help": escalation.get_help_asked_display()},
        description=summary,
        example="",
        requested=escalation.get_help_asked_display(),
        organisations={member.organisation for member in members},
        region=municipality.region,
        practitioners=[member.user for member in members],
    )
    EscalationBottleneck.objects.create(
        escalation=escalation,
        region=municipality.region,
        municipality=municipality,
        help_asked=escalation.help_asked,
        phase=case.phase,
        organisation_types=types,
        days_open=days_open,
        summary=summary,
        picked_up_at=timezone.now(),
    )


@transaction.atomic
def escalate(actor, case, reason, help_asked, help_asked_detail):
    """Any member escalates a stuck case to level 1 (team leads of the involved partners)."""
    _require_open(case)
    _require_member(actor, case)
    if case.escalations.filter(status=EscalationStatus.OPEN).exists():
        raise ValidationError(_("This case already has an open escalation; raise that one."))
    return _open_escalation(
        actor, case, EscalationLevel.TEAM_LEADS, reason, help_asked, help_asked_detail
    )


def can_respond(user, escalation):
    """Addressees answer levels 1 and 2; the coordinator records level 3's decision."""
    if escalation.level == EscalationLevel.GOVERNANCE:
        member = _coordinator_member(escalation.case)
        return member is not None and member.user_id == user.pk
    return Escalation.objects.to_answer_by(user).filter(pk=escalation.pk).exists()


def _close_escalation(actor, escalation, status, outcome):
    escalation = Escalation.objects.select_for_update().get(pk=escalation.pk)
    if status not in ESCALATION_TRANSITIONS[escalation.status]:
        raise ValidationError(_("This escalation is no longer open."))
    escalation.status, escalation.outcome = status, outcome
    escalation.closed_by, escalation.closed_at = actor, timezone.now()
    escalation.save(update_fields=["status", "outcome", "closed_by", "closed_at"])
    if actor is not None:
        events.escalation_closed(actor, escalation)
    return escalation


@transaction.atomic
def raise_escalation(actor, escalation, reason):
    """Raise an open escalation to the next level (by a member or its addressee)."""
    if escalation.level >= EscalationLevel.GOVERNANCE:
        raise ValidationError(_("This is already the highest level."))
    if not (
        can_respond(actor, escalation)
        or escalation.case.members.active().filter(user=actor).exists()
    ):
        raise ValidationError(_("Only members and addressees can raise this escalation."))
    return _raise(actor, escalation, reason)


def _raise(actor, escalation, reason):
    escalation = _close_escalation(actor, escalation, EscalationStatus.RAISED, reason)
    return _open_escalation(
        actor,
        escalation.case,
        escalation.level + 1,
        reason,
        escalation.help_asked,
        escalation.help_asked_detail,
        previous=escalation,
    )


@transaction.atomic
def resolve_escalation(actor, escalation, outcome):
    """Record what was decided; the case goes on at case level."""
    if not can_respond(actor, escalation):
        raise ValidationError(_("Only the addressees of this level can resolve it."))
    escalation = _close_escalation(actor, escalation, EscalationStatus.RESOLVED, outcome)
    _event(
        escalation.case,
        EventKind.ESCALATION_RESOLVED,
        actor,
        detail=escalation.get_level_display(),
        text=outcome,
    )
    notify(
        [escalation.raised_by],
        NotificationKind.ESCALATION_CLOSED,
        escalation.case,
        _path("escalation_detail", escalation.pk),
    )
    return escalation


@transaction.atomic
def de_escalate(actor, escalation, reason):
    """Take the question back to case level (by the raiser, a member or an addressee)."""
    if not (
        can_respond(actor, escalation)
        or escalation.case.members.active().filter(user=actor).exists()
    ):
        raise ValidationError(_("Only members and addressees can de-escalate."))
    escalation = _close_escalation(actor, escalation, EscalationStatus.DE_ESCALATED, reason)
    _event(
        escalation.case,
        EventKind.DE_ESCALATED,
        actor,
        detail=escalation.get_level_display(),
        text=reason,
    )
    return escalation


def follow_up_dates(closed_on, months):
    return [(m, closed_on + relativedelta(months=m)) for m in sorted(set(months))]


@transaction.atomic
def close_case(actor, case, reason, judgement, rationale, follow_up_months=None):
    """The coordinator closes the case with a closing assessment; follow-up checks are
    planned for the coordinator's organisation (default months from settings)."""
    _require_open(case)
    _require_coordinator(actor, case)
    if case.handovers.filter(status=HandoverStatus.PROPOSED).exists():
        raise ValidationError(_("Answer or wait for the pending handover before closing."))
    if follow_up_months is None:
        follow_up_months = settings.VEILIGNET_FOLLOW_UP_MONTHS
    _move(actor, case, Phase.CLOSED, _assess(actor, case, judgement, rationale), reason)
    organisation_id = _coordinator_member(case).organisation_id
    FollowUpCheck.objects.bulk_create(
        FollowUpCheck(case=case, organisation_id=organisation_id, months_after_closure=m, due_on=d)
        for m, d in follow_up_dates(timezone.localdate(), follow_up_months)
    )
    _event(case, EventKind.CLOSED, actor, text=reason)
    events.case_closed(actor, case)


def can_record_check(user, check):
    return user.organisation_id == check.organisation_id and user.role in HOUSEHOLD_ROLES


@transaction.atomic
def record_follow_up_check(actor, check, contact_made, judgement, rationale, reopen=False):
    """Record a follow-up check; it may reopen the case (back to direct safety)."""
    check = FollowUpCheck.objects.select_for_update().get(pk=check.pk)
    case = check.case
    if check.done_at is not None:
        raise ValidationError(_("This check has already been recorded."))
    if not can_record_check(actor, check):
        raise ValidationError(_("This check is a task of another organisation."))
    if case.phase not in (Phase.CLOSED, Phase.FOLLOW_UP):
        raise ValidationError(_("The case is open again; no follow-up check is needed."))
    assessment = _assess(actor, case, judgement, rationale)
    check.done_at, check.done_by, check.contact_made = timezone.now(), actor, contact_made
    check.assessment, check.reopen = assessment, reopen
    check.save(update_fields=["done_at", "done_by", "contact_made", "assessment", "reopen"])
    remaining = case.follow_up_checks.filter(done_at__isnull=True).exists()
    if reopen:
        _move(actor, case, Phase.DIRECT_SAFETY, assessment, _("Reopened after a follow-up check"))
    elif case.phase == Phase.CLOSED and remaining:
        _move(actor, case, Phase.FOLLOW_UP, assessment)
    elif case.phase == Phase.FOLLOW_UP and not remaining:
        _move(actor, case, Phase.CLOSED, assessment, _("Follow-up completed"))
    _event(case, EventKind.FOLLOW_UP_CHECK, actor, detail=SafetyJudgement(judgement).label)
    events.follow_up_check_recorded(actor, check)
    return check


def case_to_link(household, now=None):
    """The case a new report on `household` belongs to: an open case, one in follow-up,
    or one closed less than RELINK_MONTHS ago (newest first); None otherwise."""
    now = now or timezone.now()
    since = now - relativedelta(months=RELINK_MONTHS)
    candidates = Case.objects.filter(household=household).filter(
        phase__in=[*OPEN_PHASES, Phase.FOLLOW_UP]
    ) | Case.objects.filter(household=household, phase=Phase.CLOSED, closed_at__gte=since)
    return candidates.order_by("-opened_at", "-pk").first()


@transaction.atomic
def register_new_report(household, report_id, actor):
    """Link a new report on `household` to its case (see `case_to_link`) and notify the
    coordinator. Idempotent per report; returns the case or None. Called by reports."""
    case = case_to_link(household)
    if case is None:
        return None
    _link, created = CaseReportLink.objects.get_or_create(case=case, report_id=report_id)
    if created:
        _event(case, EventKind.REPORT_LINKED, actor, detail=str(report_id))
        events.case_report_linked(actor, case, report_id)
        coordinator = _coordinator_member(case)
        notify(
            [coordinator.user] if coordinator else [],
            NotificationKind.REPORT_LINKED,
            case,
            _path("case_detail", case.pk),
        )
    return case


# Scheduled jobs: idempotent, run by `manage.py run_scheduled_jobs`.


@transaction.atomic
def escalate_unanswered_handovers(today=None):
    """Handovers unanswered past their 5-working-day deadline go to the receiving
    organisation's team leads (once). Returns how many were escalated."""
    today = today or timezone.localdate()
    overdue = Handover.objects.select_for_update().filter(
        status=HandoverStatus.PROPOSED, escalated_at__isnull=True, answer_due__lt=today
    )
    count = 0
    for handover in overdue.select_related("case"):
        handover.escalated_at = timezone.now()
        handover.save(update_fields=["escalated_at"])
        _event(handover.case, EventKind.HANDOVER_ESCALATED, None)
        notify(
            _users_with_role(Role.TEAM_LEAD, [handover.to_organisation_id]),
            NotificationKind.HANDOVER_ESCALATED,
            handover.case,
            _path("handover_detail", handover.pk),
        )
        count += 1
    return count


@transaction.atomic
def raise_overdue_escalations(today=None):
    """Open escalations past their response deadline go one level up (levels 1 and 2)."""
    today = today or timezone.localdate()
    overdue = Escalation.objects.select_for_update().filter(
        status=EscalationStatus.OPEN,
        respond_by__lt=today,
        level__lt=EscalationLevel.GOVERNANCE,
    )
    raised = [
        _raise(None, escalation, _("No response before the deadline"))
        for escalation in overdue.select_related("case")
    ]
    return len(raised)


@transaction.atomic
def notify_follow_up_checks_due(today=None):
    """Tell the organisation's team leads and the last coordinator that a check is due."""
    today = today or timezone.localdate()
    due = FollowUpCheck.objects.select_for_update().filter(
        done_at__isnull=True,
        notified_at__isnull=True,
        due_on__lte=today,
        case__phase__in=[Phase.CLOSED, Phase.FOLLOW_UP],
    )
    count = 0
    for check in due.select_related("case"):
        coordinator = _coordinator_member(check.case)
        users = [*_users_with_role(Role.TEAM_LEAD, [check.organisation_id])]
        if coordinator and coordinator.organisation_id == check.organisation_id:
            users.append(coordinator.user)
        notify(
            users, NotificationKind.FOLLOW_UP_DUE, check.case, _path("follow_up_check", check.pk)
        )
        check.notified_at = timezone.now()
        check.save(update_fields=["notified_at"])
        count += 1
    return count

"""The joint case on one household: members, phases, safety plan, recovery plan,
warm handover, escalation, follow-up after closure, timeline and notifications.

Access is need-to-know: `Case.objects.for_user(user)` is one indexed EXISTS on
`CaseMember` and every other model here is reached through it. Notifications live in
this app (in-app rows plus a personal-data-free e-mail) because cases are their only
source so far; another app may reuse `cases.notifications.notify`.
"""

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from veilignet.accounts.models import HOUSEHOLD_ROLES, Role
from veilignet.privacy.models import EmergencyAccess


class CaseRecord:
    """Mixin naming a record of a case by the case reference (no personal data)."""

    def __str__(self):
        return f"CA-{self.case_id:06d} {self._meta.verbose_name} {self.pk}"


class CaseOrigin(models.TextChoices):
    TRIAGE_LOCAL_TEAM = "triage_local_team", _("Triage decision: to local team")
    CONDITIONS_AND_FOLLOW_UP = "conditions_and_follow_up", _("Voorwaarden en vervolg")
    INVESTIGATION = "investigation", _("Investigation")
    MDA_PLUS = "mda_plus", _("MDA++")
    OWN_SIGNALS = "own_signals", _("Local team's own signals")


class Phase(models.TextChoices):
    DIRECT_SAFETY = "direct_safety", _("Direct safety")
    RISK_GUIDED_CARE = "risk_guided_care", _("Risk-guided care")
    RECOVERY = "recovery", _("Recovery")
    CLOSED = "closed", _("Closed")
    FOLLOW_UP = "follow_up", _("Follow-up")


# The one table of allowed phase changes. Back to direct safety is always possible
# (a new incident, or a follow-up check that reopens the case).
PHASE_TRANSITIONS = {
    Phase.DIRECT_SAFETY: {Phase.RISK_GUIDED_CARE, Phase.CLOSED},
    Phase.RISK_GUIDED_CARE: {Phase.RECOVERY, Phase.DIRECT_SAFETY, Phase.CLOSED},
    Phase.RECOVERY: {Phase.RISK_GUIDED_CARE, Phase.DIRECT_SAFETY, Phase.CLOSED},
    Phase.CLOSED: {Phase.FOLLOW_UP, Phase.DIRECT_SAFETY},
    Phase.FOLLOW_UP: {Phase.CLOSED, Phase.DIRECT_SAFETY},
}
OPEN_PHASES = (Phase.DIRECT_SAFETY, Phase.RISK_GUIDED_CARE, Phase.RECOVERY)


class CaseRole(models.TextChoices):
    COORDINATOR = "coordinator", _("Coordinator")
    CASE_WORKER = "case_worker", pgettext_lazy("case role", "Case worker")
    JUSTICE_PARTNER = "justice_partner", _("Justice partner")
    THERAPIST = "therapist", _("Therapist")
    EXPERT_BY_EXPERIENCE = "expert_by_experience", _("Expert by experience")


class LeaveReason(models.TextChoices):
    TASK_DONE = "task_done", _("Task completed")
    HANDED_OVER = "handed_over", _("Coordination handed over")
    NOT_NEEDED = "not_needed", _("No longer needed")
    CASE_CLOSED = "case_closed", _("Case closed")
    OTHER = "other", _("Other")


class SafetyJudgement(models.TextChoices):
    SAFE_ENOUGH = "safe_enough", _("Safe enough")
    NOT_SAFE_ENOUGH = "not_safe_enough", _("Not safe enough yet")
    ACUTELY_UNSAFE = "acutely_unsafe", _("Acutely unsafe")


def _membership_filter(user, case_ref):
    """Active memberships that give `user` access to the case at `case_ref`, or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    members = CaseMember.objects.filter(case=case_ref, left_at__isnull=True)
    if user.role == Role.CASE_WORKER:
        return members.filter(user_id=user.pk)
    if user.role == Role.TEAM_LEAD:
        return members.filter(organisation_id=user.organisation_id)
    return None


class CaseQuerySet(models.QuerySet):
    def for_user(self, user, at=None):
        """Cases the user may open (at `at`, now by default): an active membership of
        her own, or (team lead, for supervision) of a colleague of her organisation, or
        an unexpired emergency access of her own. Indexed EXISTS subqueries, no per-row
        checks."""
        members = _membership_filter(user, OuterRef("pk"))
        if members is None:
            return self.none()
        emergency = EmergencyAccess.objects.active(at).filter(case=OuterRef("pk"), user_id=user.pk)
        return self.filter(Exists(members) | Exists(emergency))

    def open(self):
        return self.filter(phase__in=OPEN_PHASES)


class Case(models.Model):
    """The joint file on one household; `phase` mirrors the latest PhaseChange row."""

    household = models.ForeignKey(
        "people.Household",
        on_delete=models.PROTECT,
        related_name="cases",
        verbose_name=_("household"),
    )
    # The household's municipality, copied when the case opens (a household keeps its
    # municipality: nothing changes it), so that monitoring counts cases per
    # municipality without joining every household.
    municipality = models.ForeignKey(
        "regions.Municipality",
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        db_index=False,  # case_by_municipality leads with it
        verbose_name=_("municipality"),
    )
    origin = models.CharField(_("origin"), max_length=32, choices=CaseOrigin.choices)
    source_report = models.ForeignKey(
        "reports.Report",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("source report"),
    )
    phase = models.CharField(
        _("phase"), max_length=32, choices=Phase.choices, default=Phase.DIRECT_SAFETY
    )
    opened_at = models.DateTimeField(_("opened at"), auto_now_add=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    # Set by the retention job (privacy.retention) when the case's free text is removed.
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_at", "-pk"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        indexes = [
            models.Index(fields=["household", "phase"], name="case_by_household"),
            # Monitoring: "the household already had a case" as an index-only probe.
            models.Index(fields=["household", "opened_at"], name="case_opened_by_household"),
            # Monitoring: a region's cases open during a period (not closed, or closed
            # since its start) as two ranges of one index, not all its cases ever.
            models.Index(fields=["municipality", "closed_at"], name="case_by_municipality"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["household"],
                condition=Q(phase__in=OPEN_PHASES),
                name="one_open_case_per_household",
            )
        ]

    def __str__(self):
        return self.reference

    @property
    def reference(self):
        """A reference without personal data, for lists, URLs and e-mails."""
        return f"CA-{self.pk:06d}"

    @property
    def is_open(self):
        return self.phase in OPEN_PHASES


class CaseMemberQuerySet(models.QuerySet):
    def active(self):
        return self.filter(left_at__isnull=True)


class CaseMember(models.Model):
    """A professional's membership of a case with a case role; leaving keeps the row."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="case_memberships"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="case_memberships"
    )
    case_role = models.CharField(_("case role"), max_length=32, choices=CaseRole.choices)
    joined_at = models.DateTimeField(_("joined at"), auto_now_add=True)
    left_at = models.DateTimeField(_("left at"), null=True, blank=True)
    leave_reason = models.CharField(
        _("reason for leaving"), max_length=32, choices=LeaveReason.choices, blank=True
    )

    objects = CaseMemberQuerySet.as_manager()

    class Meta:
        ordering = ["case", "joined_at", "pk"]
        verbose_name = _("case member")
        verbose_name_plural = _("case members")
        constraints = [
            # At most one coordinator per case at any moment, in the database itself.
            # Services never let an open case lose its coordinator except by swapping
            # in the next one in the same transaction (accepted handover).
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(case_role="coordinator", left_at__isnull=True),
                name="one_coordinator_per_case",
            ),
            models.UniqueConstraint(
                fields=["case", "user"],
                condition=Q(left_at__isnull=True),
                name="member_active_once",
            ),
            models.CheckConstraint(
                condition=Q(left_at__isnull=True) | ~Q(leave_reason=""),
                name="leaving_needs_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["user", "case"], name="casemember_by_user"),
            models.Index(fields=["organisation", "case"], name="casemember_by_org"),
        ]

    def __str__(self):
        return f"{self.case.reference}: {self.get_case_role_display()}"


class SafetyAssessment(CaseRecord, models.Model):
    """A structured judgement of safety; a new row every time, never changed."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="assessments")
    judgement = models.CharField(_("judgement"), max_length=32, choices=SafetyJudgement.choices)
    rationale = models.TextField(_("rationale"))
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    assessed_at = models.DateTimeField(_("assessed at"), auto_now_add=True)

    class Meta:
        ordering = ["-assessed_at", "-pk"]
        verbose_name = _("safety assessment")
        verbose_name_plural = _("safety assessments")


class PhaseChange(CaseRecord, models.Model):
    """One change of phase, always with the fresh safety assessment made for it."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="phase_changes")
    from_phase = models.CharField(max_length=32, choices=Phase.choices, blank=True)
    to_phase = models.CharField(max_length=32, choices=Phase.choices)
    assessment = models.OneToOneField(
        SafetyAssessment, on_delete=models.PROTECT, related_name="phase_change"
    )
    reason = models.TextField(_("reason"), blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-changed_at", "-pk"]
        verbose_name = _("phase change")
        verbose_name_plural = _("phase changes")
        # Monitoring's phase of a case at a moment, and whether it changed since: one
        # index-only probe per case.
        indexes = [
            models.Index(
                fields=["case", "changed_at", "id"], include=["to_phase"], name="phase_change_at"
            ),
        ]


class SafetyPlanVersionQuerySet(models.QuerySet):
    def for_user(self, user):
        """Plans of households on which the user can open a case."""
        visible = Case.objects.for_user(user).filter(household=OuterRef("household"))
        return self.filter(Exists(visible))


class SafetyPlanVersion(models.Model):
    """One version of the household's safety plan in the regional format.

    The plan belongs to the household, not to a case, coordinator or organisation, so
    it moves with the family. Conditions are a list of {"what", "responsible", "check"}.
    """

    household = models.ForeignKey(
        "people.Household", on_delete=models.PROTECT, related_name="safety_plan_versions"
    )
    number = models.PositiveIntegerField(_("version"))
    case = models.ForeignKey(
        Case, on_delete=models.SET_NULL, null=True, related_name="safety_plan_versions"
    )
    unsafe_who_why = models.TextField(_("who is unsafe and why"))
    conditions = models.JSONField(_("safety conditions"), default=list)
    early_warning_signs = models.TextField(_("early-warning signs"), blank=True)
    who_to_call = models.TextField(_("who to call when"), blank=True)
    network_agreements = models.TextField(_("agreements with the family's network"), blank=True)
    agreed_on = models.DateField(_("agreed with the family on"), null=True, blank=True)
    agreed_by = models.CharField(_("agreed by"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SafetyPlanVersionQuerySet.as_manager()

    class Meta:
        ordering = ["household", "-number"]
        verbose_name = _("safety plan version")
        verbose_name_plural = _("safety plan versions")
        constraints = [
            models.UniqueConstraint(fields=["household", "number"], name="plan_version_once")
        ]

    def __str__(self):
        return f"{self.household.reference} v{self.number}"

    @property
    def is_agreed(self):
        return self.agreed_on is not None


class CauseAnalysis(CaseRecord, models.Model):
    """Causes of unsafety for one person of the household (analysis plan)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="causes")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    causes = models.TextField(_("causes of unsafety"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["case", "pk"]


class RecoveryGoal(CaseRecord, models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="goals")
    description = models.TextField(_("goal"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["case", "pk"]


class HelpKind(models.TextChoices):
    TRAUMA_TREATMENT = "trauma_treatment", _("Trauma treatment")
    PERPETRATOR_PROGRAMME = "perpetrator_programme", _("Perpetrator programme")
    PEER_GROUP = "peer_group", _("Peer group")
    EXPERT_BY_EXPERIENCE = "expert_by_experience", _("Expert by experience")
    DEBT_COUNSELLING = "debt_counselling", _("Debt counselling")
    PARENTING_SUPPORT = "parenting_support", _("Parenting support")
    OTHER = "other", _("Other help")


class HelpStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting")
    ACTIVE = "active", _("Active")
    COMPLETED = "completed", _("Completed")
    STOPPED = "stopped", _("Stopped")


HELP_TRANSITIONS = {
    HelpStatus.WAITING: {HelpStatus.ACTIVE, HelpStatus.STOPPED},
    HelpStatus.ACTIVE: {HelpStatus.COMPLETED, HelpStatus.STOPPED},
    HelpStatus.COMPLETED: set(),
    HelpStatus.STOPPED: set(),
}


class DeployedHelp(CaseRecord, models.Model):
    """Help deployed in the recovery plan; `status`/`status_since` mirror the latest
    HelpStatusChange row, so a waiting help shows since when it waits."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="help")
    kind = models.CharField(_("kind of help"), max_length=32, choices=HelpKind.choices)
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    provider = models.CharField(_("provider"), max_length=200)
    status = models.CharField(_("status"), max_length=16, choices=HelpStatus.choices)
    status_since = models.DateField(_("since"))
    starts_on = models.DateField(_("start"), null=True, blank=True)
    ends_on = models.DateField(_("end"), null=True, blank=True)

    class Meta:
        ordering = ["case", "pk"]
        verbose_name = _("deployed help")
        verbose_name_plural = _("deployed help")


class HelpStatusChange(models.Model):
    help = models.ForeignKey(DeployedHelp, on_delete=models.CASCADE, related_name="changes")
    status = models.CharField(max_length=16, choices=HelpStatus.choices)
    changed_on = models.DateField()
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["help", "pk"]

    def __str__(self):
        return f"{self.help} {self.status}"


class HandoverStatus(models.TextChoices):
    PROPOSED = "proposed", _("Awaiting answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


HANDOVER_TRANSITIONS = {
    HandoverStatus.PROPOSED: {HandoverStatus.ACCEPTED, HandoverStatus.DECLINED},
    HandoverStatus.ACCEPTED: set(),
    HandoverStatus.DECLINED: set(),
}


def _addressed_to(user):
    """The one rule of who answers a handover: the named receiver, or anyone of the
    receiving organisation when none is named; its team lead always. None for a user
    who answers no handovers."""
    if getattr(user, "role", None) not in HOUSEHOLD_ROLES or user.organisation_id is None:
        return None
    addressed = Q(to_organisation_id=user.organisation_id)
    if user.role != Role.TEAM_LEAD:
        addressed &= Q(to_user__isnull=True) | Q(to_user_id=user.pk)
    return addressed


class HandoverQuerySet(models.QuerySet):
    def for_user(self, user):
        """Handovers of cases the user can open, and those addressed to her (or, for a
        team lead, to her organisation) so she can read the summary before accepting."""
        addressed = _addressed_to(user)
        if addressed is None:
            return self.none()
        return self.filter(Q(case__in=Case.objects.for_user(user)) | addressed)

    def answerable_by(self, user):
        """Handovers `user` may accept or decline (whatever their status)."""
        addressed = _addressed_to(user)
        return self.none() if addressed is None else self.filter(addressed)


class Handover(CaseRecord, models.Model):
    """A warm handover of coordination: the sender stays coordinator until accepted.

    Its history (proposed, escalated, accepted/declined) is kept as CaseEvent rows.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="handovers")
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    to_organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    to_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    summary = models.TextField(_("summary"))
    proposed_at = models.DateTimeField(auto_now_add=True)
    answer_due = models.DateField(_("answer due"))
    status = models.CharField(
        max_length=16, choices=HandoverStatus.choices, default=HandoverStatus.PROPOSED
    )
    escalated_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.TextField(_("reason for declining"), blank=True)

    objects = HandoverQuerySet.as_manager()

    class Meta:
        ordering = ["-proposed_at", "-pk"]
        indexes = [models.Index(fields=["status", "answer_due"], name="handover_due")]


class EscalationLevel(models.IntegerChoices):
    TEAM_LEADS = 1, _("Level 1: team leads")
    DIRECTORS = 2, _("Level 2: directors")
    GOVERNANCE = 3, _("Level 3: governance network")


# Who answers each level (by role in an involved organisation); level 3 goes to the
# governance network through an EscalationBottleneck.
LEVEL_ROLES = {EscalationLevel.TEAM_LEADS: Role.TEAM_LEAD, EscalationLevel.DIRECTORS: Role.DIRECTOR}


class EscalationStatus(models.TextChoices):
    OPEN = "open", _("Open")
    RESOLVED = "resolved", _("Resolved")
    RAISED = "raised", _("Raised to the next level")
    DE_ESCALATED = "de_escalated", _("De-escalated")


ESCALATION_TRANSITIONS = {
    EscalationStatus.OPEN: {
        EscalationStatus.RESOLVED,
        EscalationStatus.RAISED,
        EscalationStatus.DE_ESCALATED,
    },
    EscalationStatus.RESOLVED: set(),
    EscalationStatus.RAISED: set(),
    EscalationStatus.DE_ESCALATED: set(),
}


class HelpAsked(models.TextChoices):
    CAPACITY = "capacity", _("Capacity or waiting list")
    APPROACH = "approach", _("Disagreement on the approach")
    INFORMATION = "information", _("Information sharing")
    FUNDING = "funding", _("Funding or indication")
    OTHER = "other", _("Other")


class EscalationQuerySet(models.QuerySet):
    def for_user(self, user):
        """Escalations of cases the user can open, plus (directors) the open level-2
        escalations of cases in which her organisation takes part."""
        visible = Q(case__in=Case.objects.for_user(user))
        if getattr(user, "role", None) == Role.DIRECTOR:
            involved = CaseMember.objects.filter(
                case=OuterRef("case"), left_at__isnull=True, organisation_id=user.organisation_id
            )
            visible |= Q(Exists(involved), level=EscalationLevel.DIRECTORS)
        return self.filter(visible)

    def to_answer_by(self, user):
        """Open escalations at the level this user answers for her organisation."""
        level = {role: lvl for lvl, role in LEVEL_ROLES.items()}.get(user.role)
        if level is None:
            return self.none()
        involved = CaseMember.objects.filter(
            case=OuterRef("case"), left_at__isnull=True, organisation_id=user.organisation_id
        )
        return self.filter(Exists(involved), level=level, status=EscalationStatus.OPEN)


class Escalation(CaseRecord, models.Model):
    """One step on the escalation ladder; raising further opens a new row."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="escalations")
    level = models.PositiveSmallIntegerField(_("level"), choices=EscalationLevel.choices)
    previous = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="next"
    )
    # Empty when the response deadline of the previous level raised it automatically.
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    raised_at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField(_("why the case is stuck"))
    help_asked = models.CharField(_("help asked"), max_length=32, choices=HelpAsked.choices)
    help_asked_detail = models.TextField(_("help asked, explained"))
    respond_by = models.DateField(_("response due"))
    status = models.CharField(
        max_length=16, choices=EscalationStatus.choices, default=EscalationStatus.OPEN
    )
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    outcome = models.TextField(_("what was decided"), blank=True)

    objects = EscalationQuerySet.as_manager()

    class Meta:
        ordering = ["-raised_at", "-pk"]
        indexes = [models.Index(fields=["status", "respond_by"], name="escalation_due")]


class EscalationBottleneck(models.Model):
    """Hand-off point for the governance module: an anonymised bottleneck made from
    structured fields only (never the free text, names, BSN or dates of birth)."""

    escalation = models.OneToOneField(
        Escalation, on_delete=models.PROTECT, related_name="bottleneck"
    )
    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+")
    municipality = models.ForeignKey(
        "regions.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    help_asked = models.CharField(max_length=32, choices=HelpAsked.choices)
    phase = models.CharField(max_length=32, choices=Phase.choices)
    organisation_types = models.JSONField(default=list)
    days_open = models.PositiveIntegerField()
    summary = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    picked_up_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.municipality} {self.help_asked} {self.created_at:%Y-%m-%d}"


class FollowUpCheck(CaseRecord, models.Model):
    """A planned check after closure, a task for the last coordinator's organisation."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="follow_up_checks")
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="follow_up_checks"
    )
    months_after_closure = models.PositiveSmallIntegerField()
    due_on = models.DateField(_("due on"))
    notified_at = models.DateTimeField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    contact_made = models.BooleanField(_("contact with the family"), null=True)
    assessment = models.OneToOneField(
        SafetyAssessment, on_delete=models.PROTECT, null=True, related_name="follow_up_check"
    )
    reopen = models.BooleanField(_("reopen the case"), default=False)

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["organisation", "done_at", "due_on"], name="check_due")]


class CaseReportLink(CaseRecord, models.Model):
    """A report linked to the case (the source report and later re-reports); the reports
    app calls `services.register_new_report` when it links a report to a household."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="report_links")
    report = models.ForeignKey(
        "reports.Report", on_delete=models.PROTECT, related_name="case_links"
    )
    linked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-linked_at"]
        constraints = [
            models.UniqueConstraint(fields=["case", "report"], name="report_linked_once")
        ]


class EventKind(models.TextChoices):
    OPENED = "opened", _("Case opened")
    MEMBER_JOINED = "member_joined", _("Member joined")
    MEMBER_LEFT = "member_left", _("Member left")
    PHASE_CHANGED = "phase_changed", _("Phase changed")
    ASSESSMENT = "assessment", _("Safety assessment")
    INCIDENT = "incident", _("New incident")
    NOTE = "note", _("Note")
    PLAN_VERSION = "plan_version", _("Safety plan version")
    ANALYSIS = "analysis", _("Analysis and recovery plan")
    HELP = "help", _("Deployed help")
    HANDOVER_PROPOSED = "handover_proposed", _("Handover proposed")
    HANDOVER_ESCALATED = "handover_escalated", _("Unanswered handover escalated")
    HANDOVER_ACCEPTED = "handover_accepted", _("Handover accepted")
    HANDOVER_DECLINED = "handover_declined", _("Handover declined")
    ESCALATED = "escalated", _("Escalated")
    ESCALATION_RESOLVED = "escalation_resolved", _("Escalation resolved")
    DE_ESCALATED = "de_escalated", _("De-escalated")
    CLOSED = "closed", _("Case closed")
    FOLLOW_UP_CHECK = "follow_up_check", _("Follow-up check")
    REPORT_LINKED = "report_linked", _("New report linked")


class CaseEvent(CaseRecord, models.Model):
    """One line on the case timeline; append-only. `text` holds what the worker wrote
    (notes, incidents, reasons); `detail` holds structured values (phases, roles)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=32, choices=EventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    detail = models.CharField(max_length=255, blank=True)
    text = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["case", "at"], name="event_by_case")]


class NotificationKind(models.TextChoices):
    HANDOVER_PROPOSED = "handover_proposed", _("A handover awaits your answer")
    HANDOVER_ESCALATED = "handover_escalated", _("A handover to your team is unanswered")
    HANDOVER_ANSWERED = "handover_answered", _("Your handover proposal was answered")
    ESCALATION = "escalation", _("An escalation awaits your response")
    ESCALATION_CLOSED = "escalation_closed", _("An escalation was answered")
    FOLLOW_UP_DUE = "follow_up_due", _("A follow-up check is due")
    REPORT_LINKED = "report_linked", _("A new report was linked to your case")
    MEMBER_ADDED = "member_added", _("You were added to a case")
    EMERGENCY_ACCESS = "emergency_access", _("Someone used emergency access to a case")


class Notification(CaseRecord, models.Model):
    """An in-app notification; the message is the kind's label plus the case reference."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=32, choices=NotificationKind.choices)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notifications")
    path = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_unread")]

"""The network's governance: the platform and themed networks of a region, bottlenecks
from practice, owned actions in a Plan-Do-Check-Act cycle, objectives, meetings,
onboarding of new members and evaluation questionnaires.

Governance records hold no client data: bottleneck texts are anonymised (see privacy.py).
Member names are those of professionals. Every status change is a new history row; the
`status` column on a record is a copy of its latest history row, written only by services.
"""

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from veilignet.accounts.models import Role

# Roles that run governance in their region: board members, policy officers, directors.
GOVERNANCE_ROLES = (Role.BOARD_MEMBER, Role.POLICY_OFFICER, Role.DIRECTOR)


def runs_governance(user) -> bool:
    return getattr(user, "role", None) in GOVERNANCE_ROLES


def region_id_of(user):
    """The region of the user's organisation, or None."""
    organisation = getattr(user, "organisation", None)
    return organisation.region_id if organisation else None


class NetworkKind(models.TextChoices):
    PLATFORM = "platform", _("Platform")
    THEMED = "themed", _("Themed network")


class NetworkQuerySet(models.QuerySet):
    def for_user(self, user):
        """Networks of the user's region (governance is not client data)."""
        region_id = region_id_of(user)
        if not getattr(user, "is_authenticated", False) or region_id is None:
            return self.none()
        return self.filter(region_id=region_id)

    def with_meeting_count(self, year):
        """Annotate `meetings_in_year`: meetings held or planned in `year`."""
        return self.annotate(
            meetings_in_year=models.Count("meetings", filter=Q(meetings__date__year=year))
        )


class Network(models.Model):
    """The regional platform or one of its themed networks."""

    region = models.ForeignKey(
        "regions.Region",
        on_delete=models.PROTECT,
        related_name="networks",
        verbose_name=_("region"),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=NetworkKind.choices)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    ambition = models.TextField(_("ambition"), blank=True)
    guiding_principles = models.TextField(_("guiding principles"), blank=True)
    working_agreements = models.TextField(_("working agreements"), blank=True)
    meetings_per_year = models.PositiveSmallIntegerField(
        _("meetings per year (at least)"), default=2
    )

    objects = NetworkQuerySet.as_manager()

    class Meta:
        ordering = ["region", "kind", "name"]
        verbose_name = _("network")
        verbose_name_plural = _("networks")
        constraints = [
            models.UniqueConstraint(
                fields=["region"], condition=Q(kind="platform"), name="one_platform_per_region"
            )
        ]

    def __str__(self):
        return self.name

    @property
    def is_platform(self):
        return self.kind == NetworkKind.PLATFORM


class LeadRole(models.TextChoices):
    MEMBER = "member", _("Member")
    MUNICIPAL_LEAD = "municipal_lead", _("Municipal lead")
    ORGANISATIONAL_LEAD = "organisational_lead", _("Organisational lead")


LEAD_ROLES = (LeadRole.MUNICIPAL_LEAD, LeadRole.ORGANISATIONAL_LEAD)


class MembershipQuerySet(models.QuerySet):
    def current(self):
        return self.filter(left_on__isnull=True)

    def for_user(self, user):
        return self.filter(network__in=Network.objects.for_user(user))

    def of_user(self, user):
        """Memberships in which the user is representative or deputy."""
        return self.filter(Q(representative=user) | Q(deputy=user))

    def with_onboarding_seen(self):
        """Annotate `onboarding_seen`: the representative has opened the onboarding page."""
        visits = OnboardingVisit.objects.filter(
            membership=OuterRef("pk"), user=OuterRef("representative")
        )
        return self.annotate(onboarding_seen=Exists(visits))


class Membership(models.Model):
    """An organisation's seat in a network: a representative, a deputy and a lead role."""

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("network")
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="network_memberships",
        verbose_name=_("organisation"),
    )
    representative = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="represents",
        verbose_name=_("representative"),
    )
    deputy = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deputises",
        verbose_name=_("deputy"),
    )
    lead_role = models.CharField(
        _("lead role"), max_length=32, choices=LeadRole.choices, default=LeadRole.MEMBER
    )
    joined_on = models.DateField(_("joined on"), default=timezone.localdate)
    left_on = models.DateField(_("left on"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["network", "organisation__name"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["network", "organisation"],
                condition=Q(left_on__isnull=True),
                name="one_current_seat_per_organisation",
            )
        ]

    def __str__(self):
        return f"{self.network}: {self.organisation}"

    @property
    def is_lead(self):
        return self.lead_role in LEAD_ROLES


class OnboardingVisit(models.Model):
    """A member's representative or deputy opened the onboarding page (first visit kept)."""

    membership = models.ForeignKey(
        Membership, on_delete=models.CASCADE, related_name="onboarding_visits"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    visited_at = models.DateTimeField(_("first visit"), default=timezone.now)

    class Meta:
        verbose_name = _("onboarding visit")
        verbose_name_plural = _("onboarding visits")
        constraints = [
            models.UniqueConstraint(fields=["membership", "user"], name="onboarding_visit_once")
        ]

    def __str__(self):
        return f"{self.membership}: {self.visited_at:%Y-%m-%d}"


class BottleneckSource(models.TextChoices):
    PRACTITIONER = "practitioner", _("Practitioner form")
    CASE_ESCALATION = "case_escalation", _("Case escalation (level 3)")
    MEETING = "meeting", _("Meeting")
    EVALUATION = "evaluation", _("Evaluation")


class Priority(models.TextChoices):
    KEEP = "keep", _("Keep as is")
    LOWER = "lower", _("Lower priority")
    HIGH = "high", _("High priority")
    STOP = "stop", _("Stop doing")


class BottleneckStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Awaiting triage")
    TRIAGED = "triaged", _("Triaged")
    IN_PROGRESS = "in_progress", _("Actions under way")
    CLOSED = "closed", _("Closed")


BOTTLENECK_TRANSITIONS = {
    BottleneckStatus.SUBMITTED: {BottleneckStatus.TRIAGED},
    BottleneckStatus.TRIAGED: {
        BottleneckStatus.TRIAGED,
        BottleneckStatus.IN_PROGRESS,
        BottleneckStatus.CLOSED,
    },
    BottleneckStatus.IN_PROGRESS: {
        BottleneckStatus.TRIAGED,
        BottleneckStatus.IN_PROGRESS,
        BottleneckStatus.CLOSED,
    },
    BottleneckStatus.CLOSED: {BottleneckStatus.TRIAGED},
}


class ClosureOutcome(models.TextChoices):
    SOLVED = "solved", _("Solved (checked)")
    ACCEPTED = "accepted", _("Accepted (decision not to solve further)")


class ActionStatus(models.TextChoices):
    PLAN = "plan", _("Plan")
    DO = "do", _("Do")
    CHECK = "check", _("Check")
    DONE = "done", _("Done (adopted)")
    STOPPED = "stopped", _("Stopped")


# Act: after the check the network adopts (done), adjusts (a new cycle) or stops.
ACTION_TRANSITIONS = {
    ActionStatus.PLAN: {ActionStatus.DO, ActionStatus.STOPPED},
    ActionStatus.DO: {ActionStatus.CHECK, ActionStatus.STOPPED},
    ActionStatus.CHECK: {ActionStatus.DONE, ActionStatus.PLAN, ActionStatus.STOPPED},
    ActionStatus.DONE: set(),
    ActionStatus.STOPPED: set(),
}
OPEN_ACTION_STATUSES = (ActionStatus.PLAN, ActionStatus.DO)
ACTIVE_ACTION_STATUSES = (ActionStatus.PLAN, ActionStatus.DO, ActionStatus.CHECK)


class ActDecision(models.TextChoices):
    ADOPT = "adopt", _("Adopt: the effect is reached")
    ADJUST = "adjust", _("Adjust: plan a new cycle")
    STOP = "stop", _("Stop the action")


ACT_TARGETS = {
    ActDecision.ADOPT: ActionStatus.DONE,
    ActDecision.ADJUST: ActionStatus.PLAN,
    ActDecision.STOP: ActionStatus.STOPPED,
}


class Direction(models.TextChoices):
    RISE = "rise", _("Should rise")
    FALL = "fall", _("Should fall")


class BottleneckQuerySet(models.QuerySet):
    def for_user(self, user):
        """Governance roles see their region's bottlenecks; everyone else only those they
        submitted or follow (one EXISTS on the follower table)."""
        region_id = region_id_of(user)
        if not getattr(user, "is_authenticated", False) or region_id is None:
            return self.none()
        if runs_governance(user):
            return self.filter(region_id=region_id)
        followers = BottleneckFollower.objects.filter(bottleneck=OuterRef("pk"), user_id=user.pk)
        return self.filter(Exists(followers))

    def open(self):
        return self.exclude(status=BottleneckStatus.CLOSED)

    def high_priority_without_owned_action(self):
        """Open high-priority bottlenecks with no action (other than stopped ones)."""
        owned = Action.objects.filter(bottleneck=OuterRef("pk")).exclude(
            status=ActionStatus.STOPPED
        )
        return self.open().filter(priority=Priority.HIGH).filter(~Exists(owned))


class Bottleneck(models.Model):
    """A problem from practice that the network must solve (knelpunt)."""

    region = models.ForeignKey(
        "regions.Region",
        on_delete=models.PROTECT,
        related_name="bottlenecks",
        verbose_name=_("region"),
    )
    network = models.ForeignKey(
        Network,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bottlenecks",
        verbose_name=_("theme (network)"),
    )
    source = models.CharField(_("source"), max_length=32, choices=BottleneckSource.choices)
    title = models.CharField(_("what goes wrong (short)"), max_length=200)
    description = models.TextField(_("what goes wrong and where it hinders"))
    example = models.TextField(_("anonymised example"), blank=True)
    requested = models.TextField(_("what is asked"))
    organisations = models.ManyToManyField(
        "accounts.Organisation",
        blank=True,
        related_name="bottlenecks",
        verbose_name=_("organisations involved"),
    )
    origin_reference = models.CharField(_("origin reference"), max_length=64, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="submitted_bottlenecks",
        verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=BottleneckStatus.choices,
        default=BottleneckStatus.SUBMITTED,
    )
    priority = models.CharField(_("priority"), max_length=16, choices=Priority.choices, blank=True)

    objects = BottleneckQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("bottleneck")
        verbose_name_plural = _("bottlenecks")
        indexes = [models.Index(fields=["region", "status", "priority"], name="bottleneck_state")]

    def __str__(self):
        return f"{self.reference} {self.title}"

    @property
    def reference(self):
        return f"K-{self.pk:05d}"


class BottleneckFollower(models.Model):
    """Who gets feedback on a bottleneck: the submitter and the originating practitioners."""

    bottleneck = models.ForeignKey(Bottleneck, on_delete=models.CASCADE, related_name="followers")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="followed_bottlenecks"
    )
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("bottleneck follower")
        verbose_name_plural = _("bottleneck followers")
        constraints = [models.UniqueConstraint(fields=["bottleneck", "user"], name="follow_once")]
        indexes = [models.Index(fields=["user", "bottleneck"], name="follower_by_user")]

    def __str__(self):
        return f"{self.bottleneck_id} → {self.user_id}"


class BottleneckEventKind(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    PERSONAL_DATA_REMOVED = "personal_data_removed", _("Personal data removed")
    TRIAGED = "triaged", _("Triaged")
    ACTION_ADDED = "action_added", _("Action added")
    CLOSED = "closed", _("Closed")
    REOPENED = "reopened", _("Reopened")


class BottleneckEvent(models.Model):
    """One step in the history of a bottleneck; never changed afterwards."""

    bottleneck = models.ForeignKey(Bottleneck, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("event"), max_length=32, choices=BottleneckEventKind.choices)
    status = models.CharField(_("status"), max_length=16, choices=BottleneckStatus.choices)
    priority = models.CharField(_("priority"), max_length=16, choices=Priority.choices, blank=True)
    note = models.TextField(_("note"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    meeting = models.ForeignKey(
        "Meeting", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("bottleneck event")
        verbose_name_plural = _("bottleneck events")

    def __str__(self):
        return f"{self.bottleneck_id}: {self.get_kind_display()}"


class BottleneckClosure(models.Model):
    """The check (or acceptance decision) with which a bottleneck was closed."""

    bottleneck = models.ForeignKey(Bottleneck, on_delete=models.CASCADE, related_name="closures")
    outcome = models.CharField(_("outcome"), max_length=16, choices=ClosureOutcome.choices)
    check_evidence = models.TextField(_("check: how do we know it is solved (or why accept)"))
    feedback = models.TextField(_("feedback to practice"))
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-closed_at", "-pk"]
        verbose_name = _("bottleneck closure")
        verbose_name_plural = _("bottleneck closures")

    def __str__(self):
        return f"{self.bottleneck_id}: {self.get_outcome_display()}"


class ObjectiveQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(network__in=Network.objects.for_user(user))

    def active_in(self, year):
        return self.filter(start_year__lte=year, end_year__gte=year)


class Objective(models.Model):
    """A concrete objective of the platform or a network for one to two years (seed 000 §4.1).

    `indicator_key` links the measure to an indicator of the monitoring module by its key
    (e.g. "re_report_share"); the target and the direction say when we are satisfied.
    """

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="objectives", verbose_name=_("network")
    )
    statement = models.CharField(_("objective"), max_length=300)
    measure = models.TextField(_("measure: how do we know it is reached"))
    indicator_key = models.CharField(_("monitoring indicator (key)"), max_length=64, blank=True)
    target_value = models.DecimalField(
        _("target value"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    direction = models.CharField(
        _("direction"), max_length=8, choices=Direction.choices, blank=True
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="owned_objectives",
        verbose_name=_("owner"),
    )
    start_year = models.PositiveSmallIntegerField(_("from year"))
    end_year = models.PositiveSmallIntegerField(_("up to and including year"))
    created_at = models.DateTimeField(default=timezone.now)

    objects = ObjectiveQuerySet.as_manager()

    class Meta:
        ordering = ["start_year", "network", "pk"]
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__gte=models.F("start_year"))
                & Q(end_year__lte=models.F("start_year") + 1),
                name="objective_one_or_two_years",
            )
        ]

    def __str__(self):
        return self.statement


class EvaluationMoment(models.Model):
    """A planned moment to evaluate an objective."""

    objective = models.ForeignKey(
        Objective, on_delete=models.CASCADE, related_name="evaluation_moments"
    )
    planned_for = models.DateField(_("evaluation moment"))

    class Meta:
        ordering = ["planned_for"]
        verbose_name = _("evaluation moment")
        verbose_name_plural = _("evaluation moments")

    def __str__(self):
        return f"{self.objective_id}: {self.planned_for:%Y-%m-%d}"


class Assessment(models.TextChoices):
    ON_TRACK = "on_track", _("On track")
    AT_RISK = "at_risk", _("At risk")
    REACHED = "reached", _("Reached")
    NOT_REACHED = "not_reached", _("Not reached")


class ObjectiveAssessment(models.Model):
    """The outcome of an evaluation of an objective; a new row each time."""

    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="assessments")
    assessment = models.CharField(_("assessment"), max_length=16, choices=Assessment.choices)
    indicator_value = models.DecimalField(
        _("measured value"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    note = models.TextField(_("explanation"), blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    assessed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-assessed_at", "-pk"]
        verbose_name = _("objective assessment")
        verbose_name_plural = _("objective assessments")

    def __str__(self):
        return f"{self.objective_id}: {self.get_assessment_display()}"


class MeetingQuerySet(models.QuerySet):
    def for_user(self, user):
        """Governance roles: the region's meetings; members: their networks' meetings."""
        if runs_governance(user):
            return self.filter(network__in=Network.objects.for_user(user))
        if not getattr(user, "is_authenticated", False):
            return self.none()
        seats = Membership.objects.current().of_user(user).filter(network=OuterRef("network"))
        return self.filter(Exists(seats))


class Meeting(models.Model):
    """A meeting of a network: agenda, attendance, decisions and minutes."""

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("network")
    )
    date = models.DateField(_("date"))
    location = models.CharField(_("location"), max_length=200, blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    minutes_published_at = models.DateTimeField(_("minutes published"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self):
        return f"{self.network} {self.date:%Y-%m-%d}"


class ActionQuerySet(models.QuerySet):
    def for_user(self, user):
        """Governance roles: the region's actions; others: actions owned by them or their
        organisation."""
        if runs_governance(user):
            return self.filter(network__in=Network.objects.for_user(user))
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(Q(owner_id=user.pk) | Q(owner_organisation_id=user.organisation_id))

    def overdue(self, today):
        return self.filter(status__in=OPEN_ACTION_STATUSES, due_date__lt=today)

    def due_for_check(self):
        return self.filter(status=ActionStatus.CHECK)

    def active(self):
        return self.filter(status__in=ACTIVE_ACTION_STATUSES)


class Action(models.Model):
    """An owned action with a due date, an expected effect and a way to check success."""

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="actions", verbose_name=_("network")
    )
    bottleneck = models.ForeignKey(
        Bottleneck,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("bottleneck"),
    )
    objective = models.ForeignKey(
        Objective,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("objective"),
    )
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="new_actions",
        verbose_name=_("decided in meeting"),
    )
    title = models.CharField(_("action"), max_length=200)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="owned_actions",
        verbose_name=_("owner"),
    )
    owner_organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="owned_actions",
        verbose_name=_("owner organisation"),
    )
    due_date = models.DateField(_("due date"))
    expected_effect = models.TextField(_("expected effect"))
    success_check = models.TextField(_("how success is checked"))
    indicator_key = models.CharField(_("monitoring indicator (key)"), max_length=64, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=ActionStatus.choices, default=ActionStatus.PLAN
    )
    cycle = models.PositiveSmallIntegerField(_("cycle"), default=1)
    created_at = models.DateTimeField(default=timezone.now)

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        indexes = [models.Index(fields=["status", "due_date"], name="action_due")]

    def __str__(self):
        return f"{self.reference} {self.title}"

    @property
    def reference(self):
        return f"A-{self.pk:05d}"

    def is_overdue(self, today=None):
        today = today or timezone.localdate()
        return self.status in OPEN_ACTION_STATUSES and self.due_date < today


class ActionStatusChange(models.Model):
    """One step of an action's PDCA cycle (history row)."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=16, choices=ActionStatus.choices, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=ActionStatus.choices)
    decision = models.CharField(
        _("decision"), max_length=16, choices=ActDecision.choices, blank=True
    )
    cycle = models.PositiveSmallIntegerField(_("cycle"))
    note = models.TextField(_("note"), blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("action status change")
        verbose_name_plural = _("action status changes")

    def __str__(self):
        return f"{self.action_id}: {self.get_status_display()}"


class ActionCheck(models.Model):
    """The check of an action's cycle: was the effect reached, with what evidence."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="checks")
    cycle = models.PositiveSmallIntegerField(_("cycle"))
    effect_reached = models.BooleanField(_("the expected effect was reached"))
    evidence = models.TextField(_("evidence"))
    indicator_key = models.CharField(_("monitoring indicator (key)"), max_length=64, blank=True)
    indicator_value = models.DecimalField(
        _("indicator value"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    checked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-checked_at", "-pk"]
        verbose_name = _("action check")
        verbose_name_plural = _("action checks")

    def __str__(self):
        return f"{self.action_id} (cycle {self.cycle})"


class OverdueFlag(models.Model):
    """An overdue action was flagged to its owner and the network leads (once per due date)."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="overdue_flags")
    due_date = models.DateField()
    flagged_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("overdue flag")
        verbose_name_plural = _("overdue flags")
        constraints = [
            models.UniqueConstraint(fields=["action", "due_date"], name="flag_once_per_due_date")
        ]

    def __str__(self):
        return f"{self.action_id}: {self.due_date:%Y-%m-%d}"


class AgendaItemKind(models.TextChoices):
    HIGH_PRIORITY_BOTTLENECK = "bottleneck", _("Open high-priority bottleneck")
    OVERDUE_ACTION = "overdue_action", _("Overdue action")
    ACTION_TO_CHECK = "action_to_check", _("Action due for check")
    OTHER = "other", _("Other item")


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    position = models.PositiveSmallIntegerField(_("position"))
    kind = models.CharField(_("kind"), max_length=32, choices=AgendaItemKind.choices)
    title = models.CharField(_("item"), max_length=300)
    bottleneck = models.ForeignKey(
        Bottleneck, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    action = models.ForeignKey(
        Action, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    generated = models.BooleanField(_("generated"), default=False)

    class Meta:
        ordering = ["meeting", "position", "pk"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self):
        return f"{self.position}. {self.title}"


class Attendance(models.Model):
    """A member organisation was present at a meeting, through this person."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")
    attendee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "membership"], name="attend_once")
        ]

    def __str__(self):
        return f"{self.meeting_id}: {self.membership_id}"


class Decision(models.Model):
    """A decision taken in a meeting, linked to the bottleneck or action it concerns."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    text = models.TextField(_("decision"))
    bottleneck = models.ForeignKey(
        Bottleneck,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("bottleneck"),
    )
    action = models.ForeignKey(
        Action,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("action"),
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self):
        return self.text[:80]


class QuestionnaireQuerySet(models.QuerySet):
    def for_user(self, user):
        """Built-in templates and the questionnaires of the user's region."""
        region_id = region_id_of(user)
        return self.filter(Q(region__isnull=True) | Q(region_id=region_id))


class Questionnaire(models.Model):
    """A list of questions: the built-in template (region empty) or a custom one."""

    region = models.ForeignKey(
        "regions.Region", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    key = models.SlugField(_("key"), max_length=64, blank=True)
    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = QuestionnaireQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        constraints = [
            models.UniqueConstraint(fields=["key"], condition=~Q(key=""), name="template_key_once")
        ]

    def __str__(self):
        return self.title

    @property
    def is_template(self):
        return self.region_id is None


class QuestionKind(models.TextChoices):
    OPEN = "open", _("Open question")
    CHOICE = "choice", _("Closed question (one option)")


class Question(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="questions"
    )
    position = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("question"))
    kind = models.CharField(_("kind"), max_length=16, choices=QuestionKind.choices)
    options = models.JSONField(_("options"), default=list, blank=True)

    class Meta:
        ordering = ["questionnaire", "position"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "position"], name="question_position")
        ]

    def __str__(self):
        return f"{self.position}. {self.text}"


class EvaluationQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(network__in=Network.objects.for_user(user))


class Evaluation(models.Model):
    """A questionnaire sent to the members of a network."""

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, related_name="evaluations"
    )
    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="evaluations", verbose_name=_("network")
    )
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    closes_on = models.DateField(_("answers until"))

    objects = EvaluationQuerySet.as_manager()

    class Meta:
        ordering = ["-sent_at", "-pk"]
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")

    def __str__(self):
        return f"{self.questionnaire} ({self.network})"

    @property
    def is_open(self):
        return timezone.localdate() <= self.closes_on


class Invitation(models.Model):
    """A member's representative is asked to answer an evaluation."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="invitations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [models.UniqueConstraint(fields=["evaluation", "user"], name="invite_once")]

    def __str__(self):
        return f"{self.evaluation_id} → {self.user_id}"


class Response(models.Model):
    """One member's answers; the organisation type is kept for the report."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="responses")
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    organisation_type = models.CharField(_("organisation type"), max_length=32)
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "respondent"], name="respond_once")
        ]

    def __str__(self):
        return f"{self.evaluation_id}: {self.respondent_id}"


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    text = models.TextField(_("answer"), blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [models.UniqueConstraint(fields=["response", "question"], name="answer_once")]

    def __str__(self):
        return f"{self.response_id}: {self.question_id}"


class NotificationQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(user_id=user.pk)

    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """An in-app message to one user; the text names records, never client data."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="governance_notifications"
    )
    message = models.CharField(_("message"), max_length=300)
    url = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["user", "read_at"], name="notification_inbox")]

    def __str__(self):
        return self.message

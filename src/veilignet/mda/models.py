"""The MDA++ team (Veiligheidsteam): referrals, capacity, the weekly conference, scenario,
actions, minutes and the team's justice information.

Access: the team's own records (conferences, scenarios, actions, justice information) are
for its active members only, one indexed EXISTS on `TeamMembership`. A referral is also
visible to the members of the referred case, so the referrer sees the decision and the
advice, but never the justice information.
"""

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from veilignet import deadlines


def _member_of(user, team_ref):
    """Active memberships of `user` in the team at `team_ref` (an OuterRef or a team)."""
    return TeamMembership.objects.filter(team=team_ref, user_id=user.pk, left_at__isnull=True)


def _authenticated(user):
    return getattr(user, "is_authenticated", False)


class TeamQuerySet(models.QuerySet):
    def for_user(self, user):
        """Teams of which the user is an active member."""
        if not _authenticated(user):
            return self.none()
        return self.filter(Exists(_member_of(user, OuterRef("pk"))))


class Team(models.Model):
    """A multidisciplinary team of care and justice partners for structural violence."""

    name = models.CharField(_("name"), max_length=200)
    region = models.ForeignKey(
        "regions.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("region")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TeamQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("MDA++ team")
        verbose_name_plural = _("MDA++ teams")

    def __str__(self):
        return self.name


class TeamRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    COORDINATOR = "coordinator", _("Long-term case coordinator")
    CARE_PARTNER = "care_partner", _("Care partner")
    JUSTICE_PARTNER = "justice_partner", _("Justice partner")


class TeamMembershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(left_at__isnull=True)

    def coordinators(self):
        return self.active().filter(role=TeamRole.COORDINATOR)


class TeamMembership(models.Model):
    """A professional's membership of the team: the table behind the team's confidentiality.
    Coordinators have a maximum caseload (the team's capacity)."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="mda_memberships"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(_("role in the team"), max_length=32, choices=TeamRole.choices)
    max_cases = models.PositiveSmallIntegerField(_("maximum caseload"), null=True, blank=True)
    joined_at = models.DateTimeField(auto_now_add=True)
    left_at = models.DateTimeField(null=True, blank=True)

    objects = TeamMembershipQuerySet.as_manager()

    class Meta:
        ordering = ["team", "role", "pk"]
        verbose_name = _("team membership")
        verbose_name_plural = _("team memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["team", "user"], condition=Q(left_at__isnull=True), name="mda_member_once"
            ),
            models.CheckConstraint(
                condition=~Q(role="coordinator") | Q(max_cases__isnull=False),
                name="mda_coordinator_has_capacity",
            ),
        ]
        indexes = [models.Index(fields=["user", "team"], name="mda_member_by_user")]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()})"


class ReferralStatus(models.TextChoices):
    REFERRED = "referred", _("Referred, awaiting the team's decision")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined with advice")
    CLOSED = "closed", _("Closed by the team")


REFERRAL_TRANSITIONS = {
    ReferralStatus.REFERRED: {ReferralStatus.ACCEPTED, ReferralStatus.DECLINED},
    ReferralStatus.ACCEPTED: {ReferralStatus.CLOSED},
    ReferralStatus.DECLINED: set(),
    ReferralStatus.CLOSED: set(),
}
ACTIVE_REFERRAL_STATUSES = (ReferralStatus.REFERRED, ReferralStatus.ACCEPTED)

# The criteria for structural violence (seed 003): all must be met to refer.
CRITERIA = (
    ("repeated_reports", _("Repeated reports")),
    ("regular_help_exhausted", _("Regular help has been exhausted")),
    ("multiple_life_domains", _("Problems on multiple life domains")),
    ("care_and_justice_involved", _("Care and justice are both involved")),
)


class ReferralQuerySet(models.QuerySet):
    def for_user(self, user):
        """Referrals of the user's teams, and referrals of cases she may open."""
        if not _authenticated(user):
            return self.none()
        from veilignet.cases.models import Case

        team_member = Exists(_member_of(user, OuterRef("team_id")))
        case_member = Exists(Case.objects.for_user(user).filter(pk=OuterRef("case_id")))
        return self.filter(team_member | case_member)

    def active(self):
        return self.filter(status__in=ACTIVE_REFERRAL_STATUSES)


class Referral(models.Model):
    """A case referred to the team by Veilig Thuis; `status` mirrors the latest
    ReferralStatusChange row."""

    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="referrals")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="mda_referrals")
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    referred_at = models.DateTimeField(_("referred at"), default=timezone.now)
    repeated_reports = models.BooleanField(CRITERIA[0][1])
    regular_help_exhausted = models.BooleanField(CRITERIA[1][1])
    multiple_life_domains = models.BooleanField(CRITERIA[2][1])
    care_and_justice_involved = models.BooleanField(CRITERIA[3][1])
    motivation = models.TextField(_("why the team is needed"))
    status = models.CharField(
        _("status"), max_length=16, choices=ReferralStatus.choices, default=ReferralStatus.REFERRED
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="mda_coordinated",
        verbose_name=_("long-term case coordinator"),
    )
    advice = models.TextField(_("advice to the referrer"), blank=True)
    next_review_on = models.DateField(_("next review"), null=True, blank=True)
    handover = models.OneToOneField(
        "cases.Handover", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = ReferralQuerySet.as_manager()

    class Meta:
        ordering = ["-referred_at", "-pk"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(status__in=["referred", "accepted"]),
                name="mda_one_active_referral_per_case",
            )
        ]
        indexes = [
            models.Index(fields=["team", "status"], name="mda_referral_by_team"),
            models.Index(fields=["coordinator", "status"], name="mda_caseload"),
        ]

    def __str__(self):
        return self.reference

    @property
    def reference(self):
        """A reference without personal data."""
        return f"MDA-{self.pk:06d}"

    def criteria(self):
        """(label, met) per criterion."""
        return [(label, getattr(self, name)) for name, label in CRITERIA]


class ReferralStatusChange(models.Model):
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="changes")
    status = models.CharField(max_length=16, choices=ReferralStatus.choices)
    changed_at = models.DateTimeField(default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["changed_at", "pk"]

    def __str__(self):
        return f"{self.referral_id}: {self.status}"


class TeamRecordQuerySet(models.QuerySet):
    """Records of a referral that only the team's active members may see."""

    def for_user(self, user):
        if not _authenticated(user):
            return self.none()
        return self.filter(Exists(_member_of(user, OuterRef("referral__team_id"))))


class JusticeKind(models.TextChoices):
    POLICE = "police", _("Police: incidents and records")
    PROSECUTION = "prosecution", _("Public prosecutor: criminal proceedings")
    RESTRAINING_ORDER = "restraining_order", _("Restraining order (huisverbod)")
    PROBATION = "probation", _("Probation: supervision or conditions")
    DETENTION = "detention", _("Detention")
    CHILD_PROTECTION = "child_protection", _("Child protection measure")


class JusticeInfo(models.Model):
    """Justice information shared within the team; a new row for every update."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="justice_info")
    kind = models.CharField(_("kind"), max_length=32, choices=JusticeKind.choices)
    status = models.CharField(_("justice status"), max_length=200)
    details = models.TextField(_("details"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = TeamRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        verbose_name = _("justice information")
        verbose_name_plural = _("justice information")

    def __str__(self):
        return f"{self.referral_id}: {self.kind}"


class ConferenceQuerySet(models.QuerySet):
    def for_user(self, user):
        if not _authenticated(user):
            return self.none()
        return self.filter(Exists(_member_of(user, OuterRef("team_id"))))


class Conference(models.Model):
    """The team's weekly conference; minutes go to the participants within 3 working days."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="conferences")
    date = models.DateField(_("date"))
    minutes = models.TextField(_("minutes"), blank=True)
    minutes_due = models.DateField(_("minutes due"))
    minutes_sent_at = models.DateTimeField(_("minutes sent"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    objects = ConferenceQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("conference")
        verbose_name_plural = _("conferences")
        constraints = [
            models.UniqueConstraint(fields=["team", "date"], name="mda_conference_once_a_day")
        ]

    def __str__(self):
        return f"{self.team} {self.date:%Y-%m-%d}"

    def minutes_status(self, on=None):
        """The deadline status of the minutes, or None once they were sent."""
        if self.minutes_sent_at is not None:
            return None
        return deadlines.deadline_status(self.minutes_due, on)

    @property
    def minutes_sent_on_time(self):
        sent = self.minutes_sent_at
        return sent is not None and deadlines.local_date(sent) <= self.minutes_due


class AgendaReason(models.TextChoices):
    NEW_REFERRAL = "new_referral", _("New referral")
    NEW_INCIDENT = "new_incident", _("New incident or report")
    REVIEW_DUE = "review_due", _("Due for review")
    OVERDUE_ACTIONS = "overdue_actions", _("Overdue actions")


class AgendaItem(models.Model):
    """A referral on the conference agenda, with the rules that put it there."""

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="items")
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveSmallIntegerField()
    reasons = models.JSONField(default=list)

    class Meta:
        ordering = ["conference", "position"]
        constraints = [
            models.UniqueConstraint(fields=["conference", "referral"], name="mda_agenda_once")
        ]

    def __str__(self):
        return f"{self.conference_id}.{self.position}"

    def reason_labels(self):
        return [AgendaReason(code).label for code in self.reasons]


class Attendance(models.Model):
    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="attendance")
    membership = models.ForeignKey(TeamMembership, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["conference", "membership"], name="mda_attend_once")
        ]

    def __str__(self):
        return f"{self.conference_id}: {self.membership_id}"


class Scenario(models.Model):
    """The scenario agreed at a conference: what care and justice partners do, in which
    order. A new agreement is a new row; the newest is current."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="scenarios")
    conference = models.ForeignKey(
        Conference, on_delete=models.PROTECT, null=True, blank=True, related_name="scenarios"
    )
    care_steps = models.TextField(_("what the care partners do"))
    justice_steps = models.TextField(_("what the justice partners do"))
    sequence = models.TextField(_("in which order"))
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    agreed_at = models.DateTimeField(default=timezone.now)

    objects = TeamRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-agreed_at", "-pk"]
        verbose_name = _("scenario")
        verbose_name_plural = _("scenarios")

    def __str__(self):
        return f"{self.referral_id}: {self.agreed_at:%Y-%m-%d}"


class ActionQuerySet(TeamRecordQuerySet):
    def open(self):
        return self.filter(done_at__isnull=True)

    def overdue(self, on):
        return self.open().filter(due_on__lt=on)


class Action(models.Model):
    """An action agreed for a referred case, with an owner from the team and a due date."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="actions")
    conference = models.ForeignKey(
        Conference, on_delete=models.PROTECT, null=True, blank=True, related_name="actions"
    )
    description = models.CharField(_("action"), max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="mda_actions",
        verbose_name=_("owner"),
    )
    due_on = models.DateField(_("due on"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        indexes = [models.Index(fields=["referral", "done_at", "due_on"], name="mda_action_due")]

    def __str__(self):
        return f"{self.referral_id}: {self.due_on:%Y-%m-%d}"

    @property
    def is_done(self):
        return self.done_at is not None


class MinutesRecipient(models.Model):
    """A participant to whom the minutes were sent (the in-app record of the sending)."""

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="recipients")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["conference", "user"], name="mda_minutes_once")
        ]

    def __str__(self):
        return f"{self.conference_id}: {self.user_id}"

"""Advice requests and reports at Veilig Thuis: intake, triage, decision and feedback.

A report belongs to the organisation that handles it (a Veilig Thuis); only that
organisation's case workers and team leads see it. Its status is a cache of the latest
`StatusChange` row: every change adds a row, nothing is overwritten.
"""

from django.conf import settings
from django.db import models, transaction
from django.db.models import Case, Exists, F, OuterRef, Q, Subquery, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from veilignet.accounts.models import HOUSEHOLD_ROLES
from veilignet.people.bsn import mask_bsn, validate_bsn
from veilignet.people.matching import name_key
from veilignet.people.models import MemberRole


class Kind(models.TextChoices):
    REPORT = "report", _("Report")
    ADVICE_REQUEST = "advice_request", _("Advice request")


class Channel(models.TextChoices):
    PHONE = "phone", _("Phone")
    WEB = "web", _("Web form")
    EMAIL = "email", _("E-mail")
    IN_PERSON = "in_person", _("In person")
    POLICE = "police", _("Police care report")
    API = "api", _("Partner API")


class Sector(models.TextChoices):
    POLICE = "police", _("Police")
    EDUCATION = "education", _("Education")
    CHILDCARE = "childcare", _("Childcare")
    GP = "gp", _("General practitioner")
    HOSPITAL = "hospital", _("Hospital")
    MENTAL_HEALTH = "mental_health", _("Mental-health care")
    YOUTH_CARE = "youth_care", _("Youth care")
    LOCAL_TEAM = "local_team", _("Local team")
    CITIZEN = "citizen", _("Citizen or bystander")
    VICTIM = "victim", _("Victim")
    PERPETRATOR = "perpetrator", _("Perpetrator")
    OTHER = "other", _("Other")


class ViolenceForm(models.TextChoices):
    PARTNER = "partner_violence", _("Partner violence")
    EX_PARTNER = "ex_partner_violence", _("Ex-partner violence")
    CHILD_ABUSE = "child_abuse", _("Child abuse (including neglect)")
    ELDER_ABUSE = "elder_abuse", _("Elder abuse (including financial exploitation)")
    SEXUAL = "sexual_violence", _("Sexual violence")
    HONOUR_RELATED = "honour_related_violence", _("Honour-related violence")
    HUMAN_TRAFFICKING = "human_trafficking", _("Human trafficking")


class Status(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    IN_TRIAGE = "in_triage", _("In triage")
    FOLLOW_UP = "follow_up", _("In follow-up")
    HANDED_OVER = "handed_over", _("Handed over")
    CLOSED = "closed", _("Closed")
    CONVERTED = "converted", _("Converted into a report")


# The one table of allowed status changes.
TRANSITIONS = {
    Status.REGISTERED: {Status.IN_TRIAGE, Status.CONVERTED, Status.CLOSED},
    Status.IN_TRIAGE: {Status.FOLLOW_UP, Status.HANDED_OVER, Status.CLOSED},
    Status.FOLLOW_UP: {Status.HANDED_OVER, Status.CLOSED},
    Status.HANDED_OVER: set(),
    Status.CLOSED: set(),
    Status.CONVERTED: set(),
}
OPEN_STATUSES = (Status.REGISTERED, Status.IN_TRIAGE, Status.FOLLOW_UP)
ENDED_STATUSES = (Status.CLOSED, Status.HANDED_OVER)
# The deadline that runs now, in the database (`Report.current_deadline` in Python): the
# worklist's order and the index that serves it (`report_worklist_due`).
CURRENT_DEADLINE = Case(
    When(status=Status.FOLLOW_UP, then=F("completion_deadline")),
    When(status__in=[Status.REGISTERED, Status.IN_TRIAGE], then=F("triage_deadline")),
)


class Judgement(models.TextChoices):
    SAFE = "safe", _("Safe")
    UNSAFE = "unsafe", _("Unsafe")
    ACUTELY_UNSAFE = "acutely_unsafe", _("Acutely unsafe")


class RiskFactor(models.TextChoices):
    EARLIER_VIOLENCE = "earlier_violence", _("Earlier violence or reports")
    ESCALATION = "escalation", _("Violence increases in frequency or severity")
    THREATS = "threats", _("Threats to kill or seriously harm")
    WEAPONS = "weapons", _("Access to weapons")
    STRANGULATION = "strangulation", _("Strangulation or choking")
    SEPARATION = "separation", _("Recent or planned separation")
    ADDICTION = "addiction", _("Addiction")
    MENTAL_HEALTH = "mental_health", _("Psychiatric problems")
    PREGNANCY = "pregnancy", _("Pregnancy or a baby in the household")
    ISOLATION = "isolation", _("Social isolation or dependency")
    STALKING = "stalking", _("Stalking")
    FINANCIAL = "financial", _("Financial exploitation or severe debts")


class Outcome(models.TextChoices):
    ADVICE_ONLY = "advice_only", _("Advice given only")
    LOCAL_TEAM = "local_team", _("Hand over to the local team")
    CONDITIONS_AND_FOLLOW_UP = "conditions_follow_up", _("Safety conditions and follow-up")
    INVESTIGATION = "investigation", _("Investigation")
    MDA = "mda", _("Refer to the multidisciplinary team (MDA++)")
    CRISIS = "crisis_intervention", _("Crisis intervention")
    NO_FURTHER_ACTION = "no_further_action", _("No further action")


# The report's status after a triage decision with each outcome.
OUTCOME_STATUS = {
    Outcome.ADVICE_ONLY: Status.CLOSED,
    Outcome.LOCAL_TEAM: Status.HANDED_OVER,
    Outcome.CONDITIONS_AND_FOLLOW_UP: Status.FOLLOW_UP,
    Outcome.INVESTIGATION: Status.FOLLOW_UP,
    Outcome.MDA: Status.HANDED_OVER,
    Outcome.CRISIS: Status.FOLLOW_UP,
    Outcome.NO_FURTHER_ACTION: Status.CLOSED,
}
# Outcomes that must be completed within 10 weeks (seed 002, annex 1).
OUTCOMES_WITH_COMPLETION = (Outcome.CONDITIONS_AND_FOLLOW_UP, Outcome.INVESTIGATION)
# Outcomes after which a joint case on the household is opened (issue 4, app `cases`).
CASE_OUTCOMES = (
    Outcome.LOCAL_TEAM,
    Outcome.CONDITIONS_AND_FOLLOW_UP,
    Outcome.INVESTIGATION,
    Outcome.MDA,
)


class ReportQuerySet(models.QuerySet):
    def for_user(self, user):
        """Reports handled by the user's organisation, for its case workers and team leads."""
        if not getattr(user, "is_authenticated", False) or user.role not in HOUSEHOLD_ROLES:
            return self.none()
        return self.filter(handling_organisation_id=user.organisation_id)

    def submitted_by(self, organisation):
        """Reports a partner organisation sent in through the API (for its status look-ups)."""
        return self.filter(submitted_by_organisation=organisation)

    def mark_feedback_due(self):
        """Set `feedback_due` from the records, for rows written in bulk (demo and
        national data generators) rather than through reports.services."""
        return (
            self.filter(
                decision__isnull=False, reporter_anonymous=False, reporter_wants_feedback=True
            )
            .exclude(Exists(ReporterFeedback.objects.filter(report=OuterRef("pk"))))
            .update(feedback_due=True)
        )

    def update(self, **kwargs):
        """Update the reports; where a column copied onto their rows changes, the copies
        too, in the same transaction (see `ReportCopies`)."""
        columns = {self.model._meta.get_field(name).attname for name in kwargs}
        if not COPIED_COLUMNS.intersection(columns):
            return super().update(**kwargs)
        with transaction.atomic(using=self.db):
            ids = list(self.values_list("pk", flat=True))
            count = super().update(**kwargs)
            refresh_copies(ids)
        return count


class Report(models.Model):
    """An advice request or a report, from receipt to triage decision and feedback."""

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    handling_organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="handled_reports",
        verbose_name=_("handled by"),
    )
    submitted_by_organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="submitted_reports",
        null=True,
        blank=True,
        verbose_name=_("sent in by (API)"),
    )
    received_at = models.DateTimeField(_("received at"))
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    municipality = models.ForeignKey(
        "regions.Municipality",
        on_delete=models.PROTECT,
        related_name="reports",
        verbose_name=_("municipality"),
    )
    reporter_sector = models.CharField(
        _("reporter's sector"), max_length=16, choices=Sector.choices
    )
    reporter_anonymous = models.BooleanField(_("anonymous reporter"), default=False)
    reporter_name = models.CharField(_("reporter's name"), max_length=200, blank=True)
    reporter_organisation = models.CharField(
        _("reporter's organisation"), max_length=200, blank=True
    )
    reporter_phone = models.CharField(_("reporter's phone"), max_length=32, blank=True)
    reporter_email = models.EmailField(_("reporter's e-mail"), blank=True)
    reporter_wants_feedback = models.BooleanField(_("reporter wants feedback"), default=False)
    # Decided, the known reporter asked for feedback and none is recorded yet: kept by
    # services.decide and services.record_feedback, so the worklist's count is an index scan.
    feedback_due = models.BooleanField(_("feedback due"), default=False, db_default=False)
    complex_divorce = models.BooleanField(_("complex divorce"), default=False)
    concern = models.TextField(_("concern"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.REGISTERED
    )
    triage_deadline = models.DateField(_("triage deadline"))
    completion_deadline = models.DateField(_("completion deadline"), null=True, blank=True)
    household = models.ForeignKey(
        "people.Household",
        on_delete=models.PROTECT,
        related_name="reports",
        null=True,
        blank=True,
        verbose_name=_("household"),
    )
    is_re_report = models.BooleanField(_("re-report"), default=False)
    converted_from = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        related_name="converted_into",
        null=True,
        blank=True,
        verbose_name=_("converted from advice request"),
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="assigned_reports",
        null=True,
        blank=True,
        verbose_name=_("assigned to"),
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="registered_reports",
        verbose_name=_("registered by"),
    )
    registered_at = models.DateTimeField(_("registered at"), default=timezone.now)
    # Set by the retention job (privacy.retention) when the free text and names are removed.
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["triage_deadline", "pk"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        indexes = [
            models.Index(
                fields=["handling_organisation", "status", "triage_deadline"],
                name="report_worklist",
            ),
            # The worklist: an organisation's open items, the nearest deadline first, read
            # in order (the first page without sorting every open item).
            models.Index(
                F("handling_organisation"),
                CURRENT_DEADLINE,
                F("received_at"),
                F("id"),
                condition=Q(status__in=OPEN_STATUSES),
                name="report_worklist_due",
            ),
            models.Index(fields=["municipality", "received_at"], name="report_by_municipality"),
            models.Index(fields=["received_at"], name="report_received"),  # monitoring
            # Monitoring: a region's reports by index only, to join its decisions and
            # completions to (the report's id, kind and deadlines without the table).
            models.Index(
                fields=["municipality", "id"],
                include=["kind", "triage_deadline", "completion_deadline"],
                name="report_municipality_cover",
            ),
            # Monitoring's 12-month re-report test: an index-only probe per report.
            models.Index(
                fields=["household", "received_at"],
                condition=models.Q(kind=Kind.REPORT),
                name="report_by_household",
            ),
            models.Index(
                fields=["handling_organisation"],
                condition=models.Q(feedback_due=True),
                name="report_feedback_due",
            ),
        ]

    def __str__(self):
        return self.reference

    def save(self, *args, **kwargs):
        """Save; when a column copied onto the report's rows changed since the report
        was read, update the copies in the same transaction (see `ReportCopies`)."""
        current = self._copied_values()
        saved = set(COPIED_COLUMNS)
        if kwargs.get("update_fields") is not None:
            saved &= {self._meta.get_field(name).attname for name in kwargs["update_fields"]}
        previous = getattr(self, "_copied", None)
        if kwargs.get("force_insert") or previous is None:
            changed = False
        else:
            changed = any(previous[column] != current[column] for column in saved)
        if not changed:
            super().save(*args, **kwargs)
        else:
            with transaction.atomic(using=kwargs.get("using")):
                super().save(*args, **kwargs)
                refresh_copies([self.pk])
        self._copied = {**(previous or current), **{c: current[c] for c in saved}}

    def get_absolute_url(self):
        return reverse("reports:detail", args=[self.pk])

    @classmethod
    def from_db(cls, db, field_names, values):
        report = super().from_db(db, field_names, values)
        report._copied = report._copied_values()
        return report

    def _copied_values(self):
        return {column: self.__dict__.get(column) for column in COPIED_COLUMNS}

    @property
    def reference(self):
        """A reference without personal data, for lists and URLs."""
        return f"VT-{self.pk:06d}"

    @property
    def is_open(self):
        return self.status in OPEN_STATUSES

    @property
    def current_deadline(self):
        """The deadline that runs now: completion in follow-up, triage before the decision
        (CURRENT_DEADLINE in the database)."""
        if self.status == Status.FOLLOW_UP:
            return self.completion_deadline
        if self.status in (Status.REGISTERED, Status.IN_TRIAGE):
            return self.triage_deadline
        return None

    @property
    def feedback_expected(self):
        """Only a reporter who is known and asked for it gets feedback."""
        return not self.reporter_anonymous and self.reporter_wants_feedback


class ReportChildQuerySet(models.QuerySet):
    def for_user(self, user):
        """Rows of reports the user may see."""
        return self.filter(
            Exists(Report.objects.for_user(user).filter(pk=OuterRef("report_id"))),
        )


class ReportCopyQuerySet(ReportChildQuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        """Insert the rows with their copies of the report's columns set."""
        objs = list(objs)
        for obj in objs:
            obj.copy_report()
        return super().bulk_create(objs, *args, **kwargs)


class ReportCopies:
    """A row that carries copies of columns of its report (REPORT_COPIES: {copy: report
    column}, attribute names), so that monitoring counts it without a join to the report.

    Set from the report when the row is inserted (save, bulk_create); kept in step by
    `Report.save()` and `ReportQuerySet.update()` (which `bulk_update()` goes through)
    when the report's columns change.
    Writers that bypass the ORM (the national data generator, COPY) write them
    themselves."""

    REPORT_COPIES = {}

    def copy_report(self):
        for copy, column in self.REPORT_COPIES.items():
            setattr(self, copy, getattr(self.report, column))

    def save(self, *args, **kwargs):
        if self._state.adding:
            self.copy_report()
        super().save(*args, **kwargs)


COPY_HELP = "Copy of the report's {}: kept by the services, read by monitoring."


def _municipality_copy():
    return models.ForeignKey(
        "regions.Municipality",
        on_delete=models.PROTECT,
        related_name="+",
        # Monitoring reads a period by date and filters the municipality; an index led
        # by the municipality went unused even for one region (bench, 7 December 2026).
        db_index=False,
        editable=False,
        help_text=COPY_HELP.format("municipality"),
    )


def _kind_copy():
    return models.CharField(
        max_length=16, choices=Kind.choices, editable=False, help_text=COPY_HELP.format("kind")
    )


def _received_at_copy():
    return models.DateTimeField(editable=False, help_text=COPY_HELP.format("receipt"))


class ReportViolence(ReportCopies, models.Model):
    """One form of violence named in a report."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="violence")
    form = models.CharField(_("form of violence"), max_length=32, choices=ViolenceForm.choices)
    report_municipality = _municipality_copy()
    report_received_at = _received_at_copy()

    REPORT_COPIES = {
        "report_municipality_id": "municipality_id",
        "report_received_at": "received_at",
    }

    objects = ReportCopyQuerySet.as_manager()

    class Meta:
        ordering = ["report", "form"]
        constraints = [models.UniqueConstraint(fields=["report", "form"], name="violence_once")]
        indexes = [
            # Monitoring: the contacts naming elder abuse in a period.
            models.Index(
                fields=["report_received_at"],
                include=["report_municipality", "id"],
                condition=Q(form=ViolenceForm.ELDER_ABUSE),
                name="violence_elder_received",
            ),
            # Monitoring: the forms of violence of a period.
            models.Index(fields=["report_received_at"], name="violence_received"),
        ]

    def __str__(self):
        return self.get_form_display()


class ReportPerson(ReportCopies, models.Model):
    """A person as named in the report; `person` is set once linked to a household member."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="persons")
    role = models.CharField(_("role"), max_length=32, choices=MemberRole.choices)
    first_name = models.CharField(_("first name"), max_length=100, blank=True)
    last_name = models.CharField(_("last name"), max_length=150, blank=True)
    last_name_key = models.CharField(max_length=150, blank=True, editable=False)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    bsn = models.CharField(_("BSN"), max_length=9, blank=True, validators=[validate_bsn])
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="report_mentions",
        null=True,
        blank=True,
    )
    report_kind = _kind_copy()
    report_municipality = _municipality_copy()
    report_received_at = _received_at_copy()

    REPORT_COPIES = {
        "report_kind": "kind",
        "report_municipality_id": "municipality_id",
        "report_received_at": "received_at",
    }

    objects = ReportCopyQuerySet.as_manager()

    class Meta:
        ordering = ["report", "pk"]
        verbose_name = _("person in a report")
        verbose_name_plural = _("persons in reports")
        indexes = [
            models.Index(fields=["last_name_key"], name="report_person_name"),
            # Monitoring: the children named in reports of a period.
            models.Index(
                fields=["report_received_at"],
                condition=Q(role=MemberRole.CHILD),
                name="report_child_received",
            ),
        ]

    def __str__(self):
        return self.display_name

    def save(self, *args, **kwargs):
        self.last_name_key = name_key(self.last_name)
        super().save(*args, **kwargs)

    @property
    def display_name(self):
        return " ".join(p for p in (self.first_name, self.last_name) if p) or _("(name unknown)")

    @property
    def masked_bsn(self):
        return mask_bsn(self.bsn)


class StatusChange(models.Model):
    """One step in a report's status history."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="status_changes")
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    note = models.CharField(_("note"), max_length=255, blank=True)

    objects = ReportChildQuerySet.as_manager()

    class Meta:
        ordering = ["changed_at", "pk"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        indexes = [
            # Monitoring's completions: the follow-ups ended in a period, index-only.
            models.Index(
                fields=["changed_at"],
                include=["report", "id"],
                condition=Q(status__in=ENDED_STATUSES),
                name="status_change_ended",
            )
        ]

    def __str__(self):
        return f"{self.report_id}: {self.status}"


class SafetyAssessment(models.Model):
    """A structured safety assessment; a new one is a new row. Final once a second
    professional of the same organisation has confirmed it (four eyes)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="assessments")
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("assessed by"),
    )
    assessed_at = models.DateTimeField(_("assessed at"), default=timezone.now)
    immediate_danger = models.BooleanField(_("immediate danger"))
    risk_factors = models.JSONField(_("risk factors"), default=list, blank=True)
    children_present = models.BooleanField(_("children present"))
    judgement = models.CharField(_("overall judgement"), max_length=16, choices=Judgement.choices)
    rationale = models.TextField(_("rationale"))
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("confirmed by"),
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)

    objects = ReportChildQuerySet.as_manager()

    class Meta:
        ordering = ["assessed_at", "pk"]
        verbose_name = _("safety assessment")
        verbose_name_plural = _("safety assessments")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(confirmed_by=models.F("assessed_by")),
                name="assessment_four_eyes",
            )
        ]

    def __str__(self):
        return f"{self.report_id}: {self.judgement}"

    @property
    def is_confirmed(self):
        return self.confirmed_by_id is not None

    def risk_factor_labels(self):
        return [RiskFactor(code).label for code in self.risk_factors]


class TriageDecision(ReportCopies, models.Model):
    """The final triage decision on a report, resting on a confirmed safety assessment."""

    report = models.OneToOneField(Report, on_delete=models.CASCADE, related_name="decision")
    assessment = models.ForeignKey(SafetyAssessment, on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField(_("outcome"), max_length=32, choices=Outcome.choices)
    rationale = models.TextField(_("rationale"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), default=timezone.now)
    completion_deadline = models.DateField(_("completion deadline"), null=True, blank=True)
    report_kind = _kind_copy()
    report_municipality = _municipality_copy()
    report_triage_deadline = models.DateField(
        editable=False, help_text=COPY_HELP.format("triage deadline")
    )

    REPORT_COPIES = {
        "report_kind": "kind",
        "report_municipality_id": "municipality_id",
        "report_triage_deadline": "triage_deadline",
    }

    objects = ReportCopyQuerySet.as_manager()

    class Meta:
        verbose_name = _("triage decision")
        verbose_name_plural = _("triage decisions")
        indexes = [models.Index(fields=["decided_at"], name="decision_decided")]  # monitoring

    def __str__(self):
        return f"{self.report_id}: {self.outcome}"


class ReporterFeedback(models.Model):
    """What was fed back to the reporter, and when."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="feedback")
    given_at = models.DateTimeField(_("fed back at"))
    summary = models.TextField(_("what was fed back"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = ReportChildQuerySet.as_manager()

    class Meta:
        ordering = ["given_at", "pk"]
        verbose_name = _("feedback to the reporter")
        verbose_name_plural = _("feedback to reporters")

    def __str__(self):
        return f"{self.report_id}: {self.given_at:%Y-%m-%d}"


# The rows that carry copies of their report's columns, and the report's columns copied.
REPORT_COPY_MODELS = (ReportPerson, ReportViolence, TriageDecision)
COPIED_COLUMNS = frozenset(
    column for model in REPORT_COPY_MODELS for column in model.REPORT_COPIES.values()
)


def refresh_copies(report_ids):
    """Copy the columns of the reports `report_ids` onto their rows again, after the
    reports changed: one UPDATE per model, a subquery per column (migration
    reports/0008 fills them the same way)."""
    source = Report.objects.filter(pk=OuterRef("report_id"))
    for model in REPORT_COPY_MODELS:
        model.objects.filter(report_id__in=report_ids).update(
            **{
                copy: Subquery(source.values(column)[:1])
                for copy, column in model.REPORT_COPIES.items()
            }
        )

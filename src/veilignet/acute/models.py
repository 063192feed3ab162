"""Acute help: 24/7 crisis intake at the Meldpunt with a warm handover that must be accepted
within 24 hours, the hospital one-stop shop and Handle with Care notices to schools.

Access: an intake belongs to the organisation that took it (the Meldpunt); an organisation
to which it was forwarded sees it too, so it can read before accepting. A hospital
registration is seen by the hospital, by Veilig Thuis (through its report) and by the
members of the household's case. A Handle with Care notice is seen by the sender's
organisation and by the one school contact it was addressed to.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from veilignet import deadlines
from veilignet.accounts.models import HOUSEHOLD_ROLES

HANDOVER_HOURS = 24
OFFICE_HOURS = (datetime.time(8), datetime.time(17))
# Handle with Care concerns school-age children (inclusive).
SCHOOL_AGE = (4, 18)


def is_office_hours(moment):
    """A working day (deadlines.is_working_day) between 08:00 and 17:00 in Amsterdam."""
    local = moment.astimezone(deadlines.AMSTERDAM)
    opens, closes = OFFICE_HOURS
    return deadlines.is_working_day(local.date()) and opens <= local.time() < closes


def _professional(user):
    return getattr(user, "is_authenticated", False) and user.role in HOUSEHOLD_ROLES


class IntakeChannel(models.TextChoices):
    PHONE = "phone", _("Phone")
    POLICE = "police", _("From the police")


class Urgency(models.TextChoices):
    ACUTE = "acute", _("Acute")
    NON_ACUTE = "non_acute", _("Not acute")


class IntakeOutcome(models.TextChoices):
    CRISIS_INTERVENTION = "crisis_intervention", _("Crisis intervention deployed")
    ADVICE = "advice", _("Advice given")
    FORWARDED = "forwarded", _("Forwarded (warm handover)")


class IntakeStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    TRIAGED = "triaged", _("Triaged")
    AWAITING_HANDOVER = "awaiting_handover", _("Awaiting acceptance of the handover")
    CLOSED = "closed", _("Closed")


INTAKE_TRANSITIONS = {
    IntakeStatus.REGISTERED: {IntakeStatus.TRIAGED},
    IntakeStatus.TRIAGED: {IntakeStatus.AWAITING_HANDOVER, IntakeStatus.CLOSED},
    # Declined: the intake keeps "regie" and forwards elsewhere or decides otherwise.
    IntakeStatus.AWAITING_HANDOVER: {IntakeStatus.CLOSED, IntakeStatus.TRIAGED},
    IntakeStatus.CLOSED: set(),
}


class CrisisIntakeQuerySet(models.QuerySet):
    def for_user(self, user):
        """Intakes of the user's organisation, and intakes forwarded to it."""
        if not _professional(user):
            return self.none()
        forwarded = CrisisForward.objects.filter(
            intake=OuterRef("pk"), to_organisation_id=user.organisation_id
        )
        return self.filter(Q(intake_organisation_id=user.organisation_id) | Exists(forwarded))


class CrisisIntake(models.Model):
    """A concern about a person, taken 24/7; `status` mirrors the latest IntakeStatusChange."""

    intake_organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="crisis_intakes"
    )
    received_at = models.DateTimeField(_("received at"))
    channel = models.CharField(_("channel"), max_length=16, choices=IntakeChannel.choices)
    outside_office_hours = models.BooleanField(_("outside office hours"))
    caller = models.CharField(_("who called"), max_length=200, blank=True)
    first_name = models.CharField(_("first name"), max_length=100, blank=True)
    last_name = models.CharField(_("last name"), max_length=150, blank=True)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    municipality = models.ForeignKey(
        "regions.Municipality",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("municipality"),
    )
    concern = models.TextField(_("concern"))
    urgency = models.CharField(_("urgency"), max_length=16, choices=Urgency.choices, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=32, choices=IntakeOutcome.choices, blank=True
    )
    status = models.CharField(
        _("status"), max_length=32, choices=IntakeStatus.choices, default=IntakeStatus.REGISTERED
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    objects = CrisisIntakeQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("crisis intake")
        verbose_name_plural = _("crisis intakes")
        indexes = [
            models.Index(fields=["intake_organisation", "received_at"], name="intake_by_org"),
        ]

    def __str__(self):
        return self.reference

    @property
    def reference(self):
        """A reference without personal data."""
        return f"CR-{self.pk:06d}"

    @property
    def display_name(self):
        return " ".join(p for p in (self.first_name, self.last_name) if p) or _("(name unknown)")


class IntakeStatusChange(models.Model):
    intake = models.ForeignKey(CrisisIntake, on_delete=models.CASCADE, related_name="changes")
    status = models.CharField(max_length=32, choices=IntakeStatus.choices)
    changed_at = models.DateTimeField(default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["changed_at", "pk"]

    def __str__(self):
        return f"{self.intake_id}: {self.status}"


class ForwardTarget(models.TextChoices):
    LOCAL_TEAM = "local_team", _("Local team")
    PROVIDER = "provider", _("Care provider")
    VEILIG_THUIS = "veilig_thuis", _("Veilig Thuis")


class ForwardStatus(models.TextChoices):
    PROPOSED = "proposed", _("Awaiting acceptance")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


FORWARD_TRANSITIONS = {
    ForwardStatus.PROPOSED: {ForwardStatus.ACCEPTED, ForwardStatus.DECLINED},
    ForwardStatus.ACCEPTED: set(),
    ForwardStatus.DECLINED: set(),
}


class CrisisForwardQuerySet(models.QuerySet):
    def for_user(self, user):
        """Forwards of intakes the user's organisation took, and forwards to it."""
        if not _professional(user):
            return self.none()
        return self.filter(
            Q(intake__intake_organisation_id=user.organisation_id)
            | Q(to_organisation_id=user.organisation_id)
        )

    def pending(self):
        return self.filter(status=ForwardStatus.PROPOSED)


class CrisisForward(models.Model):
    """A warm handover of an intake: the Meldpunt keeps "regie" until the receiver accepts,
    which must happen within 24 hours (clock time)."""

    intake = models.ForeignKey(CrisisIntake, on_delete=models.CASCADE, related_name="forwards")
    target = models.CharField(_("forwarded to"), max_length=16, choices=ForwardTarget.choices)
    to_organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("receiving organisation"),
    )
    summary = models.TextField(_("summary for the receiver"))
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    proposed_at = models.DateTimeField(default=timezone.now)
    accept_by = models.DateTimeField(_("to be accepted before"))
    status = models.CharField(
        max_length=16, choices=ForwardStatus.choices, default=ForwardStatus.PROPOSED
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    minutes_to_accept = models.PositiveIntegerField(null=True, blank=True)
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)

    objects = CrisisForwardQuerySet.as_manager()

    class Meta:
        ordering = ["accept_by", "pk"]
        verbose_name = _("warm handover")
        verbose_name_plural = _("warm handovers")
        constraints = [
            models.UniqueConstraint(
                fields=["intake"], condition=Q(status="proposed"), name="one_pending_forward"
            )
        ]
        indexes = [models.Index(fields=["status", "accept_by"], name="forward_due")]

    def __str__(self):
        return f"{self.intake_id} → {self.to_organisation_id}"

    def is_overdue(self, now=None):
        return self.status == ForwardStatus.PROPOSED and (now or timezone.now()) > self.accept_by


class SafeHome(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    UNSURE = "unsure", _("Not sure")


class HospitalRegistrationQuerySet(models.QuerySet):
    def for_user(self, user):
        """The registering hospital, Veilig Thuis (through the report) and the members of
        the household's case: all see the same story."""
        if not _professional(user):
            return self.none()
        from veilignet.cases.models import Case
        from veilignet.reports.models import Report

        report = Report.objects.for_user(user).filter(pk=OuterRef("report_id"))
        case = Case.objects.for_user(user).filter(household=OuterRef("report__household_id"))
        return self.filter(Q(hospital_id=user.organisation_id) | Exists(report) | Exists(case))


class HospitalRegistration(models.Model):
    """A victim of violence registered once at the hospital; the report it produced."""

    hospital = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    report = models.OneToOneField(
        "reports.Report", on_delete=models.PROTECT, related_name="hospital_registration"
    )
    injuries = models.TextField(_("injuries"))
    safe_home = models.CharField(
        _("can you go home safely?"), max_length=8, choices=SafeHome.choices
    )
    forensic_examination = models.BooleanField(_("forensic examination"))
    wants_police_report = models.BooleanField(_("wishes to report to the police"))
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    registered_at = models.DateTimeField(default=timezone.now)

    objects = HospitalRegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["-registered_at", "-pk"]
        verbose_name = _("hospital registration")
        verbose_name_plural = _("hospital registrations")

    def __str__(self):
        return self.reference

    @property
    def reference(self):
        return f"ZH-{self.pk:06d}"


class SchoolContact(models.Model):
    """The contact person of a school for Handle with Care notices."""

    school = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="hwc_contacts"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="school_contacts"
    )

    class Meta:
        verbose_name = _("school contact person")
        verbose_name_plural = _("school contact persons")
        constraints = [models.UniqueConstraint(fields=["school", "user"], name="contact_once")]

    def __str__(self):
        return f"{self.user} ({self.school})"


class NoticeQuerySet(models.QuerySet):
    def for_user(self, user):
        """The sending organisation's professionals and the addressed school contact."""
        if not _professional(user):
            return self.none()
        return self.filter(Q(contact_id=user.pk) | Q(sent_by__organisation_id=user.organisation_id))


class HandleWithCareNotice(models.Model):
    """A minimal notice to the child's school after a police-reported incident: the child,
    the date and "give extra attention" — deliberately no field for incident details."""

    intake = models.ForeignKey(CrisisIntake, on_delete=models.PROTECT, related_name="notices")
    child_first_name = models.CharField(_("child's first name"), max_length=100)
    child_last_name = models.CharField(_("child's last name"), max_length=150)
    child_date_of_birth = models.DateField(_("child's date of birth"))
    incident_date = models.DateField(_("date"))
    school = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    contact = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="hwc_notices"
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    sent_at = models.DateTimeField(default=timezone.now)
    acknowledged_at = models.DateTimeField(null=True, blank=True)

    objects = NoticeQuerySet.as_manager()

    class Meta:
        ordering = ["-sent_at", "-pk"]
        verbose_name = _("Handle with Care notice")
        verbose_name_plural = _("Handle with Care notices")

    def __str__(self):
        return f"HWC-{self.pk:06d}"

    @property
    def child_name(self):
        return f"{self.child_first_name} {self.child_last_name}"

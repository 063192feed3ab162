"""Privacy safeguards: emergency access to cases, a person's rights (rectification,
restriction) and the record of each retention run.

This module imports nothing from the apps whose data it guards (string foreign keys
only), so `cases.models` and `people.models` can use its tables in their `for_user`.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EmergencyAccessQuerySet(models.QuerySet):
    def active(self, at=None):
        """Grants that have not expired at `at` (now by default)."""
        return self.filter(expires_at__gt=at or timezone.now())

    def for_reviewer(self, user):
        """Grants a privacy officer reviews: those used by her own organisation's staff."""
        from veilignet.accounts.models import Role

        if getattr(user, "role", None) != Role.PRIVACY_OFFICER or not user.organisation_id:
            return self.none()
        return self.filter(organisation_id=user.organisation_id)

    def unreviewed(self):
        return self.filter(reviewed_at__isnull=True)


class EmergencyAccess(models.Model):
    """ "Break the glass": a time-limited opening of a case for a non-member, with reason.

    Reviewing sets `reviewed_at`/`reviewed_by`/`review_note` once, through the service.
    """

    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="emergency_access"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="emergency_access"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="emergency_access"
    )
    reason = models.TextField(_("reason"))
    granted_at = models.DateTimeField(_("opened at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    review_note = models.TextField(_("review"), blank=True)

    objects = EmergencyAccessQuerySet.as_manager()

    class Meta:
        ordering = ["-granted_at", "-pk"]
        verbose_name = _("emergency access")
        verbose_name_plural = _("emergency accesses")
        indexes = [
            models.Index(fields=["user", "case", "expires_at"], name="emergency_by_user"),
            models.Index(fields=["organisation", "reviewed_at"], name="emergency_review"),
        ]

    def __str__(self):
        return f"{self.case_id} → {self.user_id} ({self.granted_at:%Y-%m-%d %H:%M})"

    @property
    def is_active(self):
        return self.expires_at > timezone.now()


class RestrictionQuerySet(models.QuerySet):
    def active(self):
        return self.filter(lifted_at__isnull=True)


class Restriction(models.Model):
    """Restriction of processing (AVG art. 18): while active, the person's data is hidden
    from every normal view; only privacy officers see it. Lifting keeps the row."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    reason = models.TextField(_("reason"))
    started_at = models.DateTimeField(_("since"), default=timezone.now)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    lifted_at = models.DateTimeField(_("lifted at"), null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    objects = RestrictionQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at", "-pk"]
        verbose_name = _("restriction of processing")
        verbose_name_plural = _("restrictions of processing")
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(lifted_at__isnull=True),
                name="one_restriction",
            )
        ]

    def __str__(self):
        return f"{self.person_id} {self.started_at:%Y-%m-%d}"


class Rectification(models.Model):
    """A rectification (AVG art. 16): which fields were corrected on whose request.
    The values themselves live only on the person; this row names the fields."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    fields = models.CharField(_("corrected fields"), max_length=255)
    request_note = models.TextField(_("request"))
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        verbose_name = _("rectification")
        verbose_name_plural = _("rectifications")

    def __str__(self):
        return f"{self.person_id} {self.recorded_at:%Y-%m-%d}"


class RetentionRun(models.Model):
    """What one run of the retention job removed or anonymised: counts per record type
    and the cut-off dates used, never personal data."""

    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    cutoffs = models.JSONField(_("cut-off dates"), default=dict)
    counts = models.JSONField(_("records removed or anonymised"), default=dict)

    class Meta:
        ordering = ["-started_at", "-pk"]
        verbose_name = _("retention run")
        verbose_name_plural = _("retention runs")

    def __str__(self):
        return f"{self.started_at:%Y-%m-%d %H:%M}"

    @property
    def total(self):
        return sum(self.counts.values())

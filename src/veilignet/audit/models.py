"""The append-only audit trail of every read and change of personal data (NEN 7513 spirit)."""

from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class AppendOnlyError(Exception):
    """Raised on any attempt to change or delete an audit entry."""


class Action(models.TextChoices):
    VIEW = "view", _("Viewed")
    LIST = "list", _("Listed")
    SEARCH = "search", _("Searched")
    CREATE = "create", _("Created")
    UPDATE = "update", _("Changed")
    DELETE = "delete", _("Deleted")
    EXPORT = "export", _("Exported")
    ACCESS_DENIED = "access_denied", _("Access refused")


class Purpose(models.TextChoices):
    CASE_WORK = "case_work", _("Case work")
    SUPERVISION = "supervision", _("Supervision by team lead")
    REGISTRATION = "registration", _("Registration")
    AUDIT = "audit", _("Audit")
    PRIVACY = "privacy", _("Privacy: emergency access, data-subject rights, retention")


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Audit entries cannot be changed.")

    def delete(self):
        raise AppendOnlyError("Audit entries cannot be deleted.")

    def bulk_update(self, objs, fields, batch_size=None):
        raise AppendOnlyError("Audit entries cannot be changed.")

    _raw_delete = delete


class AuditEntry(models.Model):
    """One access to or change of personal data. Never updated, never deleted.

    The actor's username, organisation and role are copied so the entry stays true
    when the account changes later. `person` is set when the entry concerns one person.
    """

    timestamp = models.DateTimeField(_("when"), default=timezone.now)
    # No index of their own: audit_by_user and audit_by_person below lead with these
    # columns. Every page view inserts entries; each index costs every insert.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        db_index=False,
        verbose_name=_("user"),
    )
    username = models.CharField(_("username"), max_length=150)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    role = models.CharField(_("role"), max_length=32, blank=True)
    event = models.CharField(_("event"), max_length=64)
    action = models.CharField(
        pgettext_lazy("audit", "action"), max_length=16, choices=Action.choices
    )
    purpose = models.CharField(_("purpose"), max_length=32, choices=Purpose.choices)
    object_type = models.CharField(_("record type"), max_length=64)
    object_id = models.CharField(_("record"), max_length=64, blank=True)
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        related_name="+",
        db_index=False,
        verbose_name=_("person"),
    )
    detail = models.CharField(_("detail"), max_length=255, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-timestamp", "-pk"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        indexes = [
            models.Index(fields=["person", "timestamp"], name="audit_by_person"),
            models.Index(fields=["user", "timestamp"], name="audit_by_user"),
            # The auditor's search by username (the copy that outlives the account).
            models.Index(fields=["username", "timestamp"], name="audit_by_username"),
            models.Index(fields=["timestamp"], name="audit_by_time"),
        ]

    def __str__(self):
        return f"{self.timestamp:%Y-%m-%d %H:%M} {self.username} {self.event}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("Audit entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Audit entries cannot be deleted.")

    @property
    def role_label(self):
        from veilignet.accounts.models import Role

        return Role(self.role).label if self.role in Role.values else self.role

    @property
    def record_label(self):
        """'huishouden 12' rather than 'people.household 12'."""
        if not self.object_type:
            return ""
        model = apps.get_model(self.object_type)
        return f"{model._meta.verbose_name} {self.object_id}".strip()

"""Partner organisations, their users and roles, and the demo second factor."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device


class OrganisationType(models.TextChoices):
    VEILIG_THUIS = "veilig_thuis", _("Veilig Thuis")
    LOCAL_TEAM = "local_team", _("Local team")
    POLICE = "police", _("Police")
    PUBLIC_PROSECUTOR = "public_prosecutor", _("Public prosecutor")
    CHILD_PROTECTION_BOARD = "child_protection_board", _("Child protection board")
    PROBATION = "probation", _("Probation service")
    YOUTH_PROTECTION = "youth_protection", _("Youth protection")
    MENTAL_HEALTH = "mental_health", _("Mental-health care")
    ADDICTION_CARE = "addiction_care", _("Addiction care")
    SHELTER = "shelter", _("Women's shelter")
    SCHOOL = "school", _("School")
    HOSPITAL = "hospital", _("Hospital")
    GP = "gp", _("General practitioner")
    MUNICIPALITY = "municipality", _("Municipality")
    EXPERTS_BY_EXPERIENCE = "experts_by_experience", _("Experts-by-experience pool")
    OTHER = "other", _("Other")


class Role(models.TextChoices):
    CASE_WORKER = "case_worker", _("Case worker")
    TEAM_LEAD = "team_lead", _("Team lead")
    DIRECTOR = "director", _("Director")
    POLICY_OFFICER = "policy_officer", _("Policy officer")
    BOARD_MEMBER = "board_member", _("Board member")
    FUNCTIONAL_ADMIN = "functional_admin", _("Functional administrator")
    AUDITOR = "auditor", _("Auditor")
    PRIVACY_OFFICER = "privacy_officer", _("Privacy officer")


# Roles whose work needs personal data of households (always behind an access grant).
HOUSEHOLD_ROLES = (Role.CASE_WORKER, Role.TEAM_LEAD)


class Organisation(models.Model):
    """A partner organisation in a region."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), unique=True)
    type = models.CharField(_("type"), max_length=32, choices=OrganisationType.choices)
    region = models.ForeignKey(
        "regions.Region",
        on_delete=models.PROTECT,
        related_name="organisations",
        verbose_name=_("region"),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name


class User(AbstractUser):
    """A professional of one partner organisation, with one role."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="users",
        null=True,
        blank=True,
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.get_full_name() or self.username


class Session(AbstractBaseSession):
    """A login session: Django's database session, with the user it is of and the
    second-factor device that verified it as columns too (they are also in its data), so
    that one query reads a request's session, user and device (accounts.sessions)."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="sessions", null=True, blank=True
    )
    device_model = models.CharField(max_length=100, blank=True)  # "app_label.modelname"
    device_pk = models.BigIntegerField(null=True, blank=True)

    class Meta(AbstractBaseSession.Meta):
        pass

    @classmethod
    def get_session_store_class(cls):
        from veilignet.accounts.sessions import SessionStore

        return SessionStore


class DemoDevice(Device):
    """A second factor that accepts the documented demo code (settings.DEMO_OTP_TOKEN).

    Only the synthetic demo accounts get one, and it accepts nothing when the setting is
    empty; the deploy check refuses a non-empty DEMO_OTP_TOKEN in production.
    """

    class Meta:
        verbose_name = _("demo second factor")

    def verify_token(self, token):
        expected = settings.DEMO_OTP_TOKEN
        return bool(expected) and constant_time_compare(str(token).strip(), expected)

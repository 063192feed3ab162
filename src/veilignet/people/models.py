"""Persons, households with their members, and who may see a household (access grants)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from veilignet.accounts.models import HOUSEHOLD_ROLES, Role
from veilignet.people.bsn import mask_bsn, validate_bsn
from veilignet.people.matching import name_key
from veilignet.privacy.models import Restriction


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other")
    UNKNOWN = "unknown", _("Unknown")


class MemberRole(models.TextChoices):
    VICTIM = "victim", _("Victim")
    PERPETRATOR = "perpetrator", _("Perpetrator")
    CHILD = "child", _("Child")
    PARENT = "parent", _("Parent or carer")
    HOUSEHOLD_MEMBER = "household_member", _("Other household member")
    NETWORK = "network", _("Network")


class AccessReason(models.TextChoices):
    REPORT = "report", _("Handles a report")
    CASE_MEMBER = "case_member", _("Member of the case")
    REGISTRATION = "registration", _("Registered the household")


class HouseholdQuerySet(models.QuerySet):
    def for_user(self, user):
        """Households the user may see: an access grant of her own, or (team lead)
        of a colleague in her organisation. One indexed EXISTS, no per-row checks."""
        if not getattr(user, "is_authenticated", False) or user.role not in HOUSEHOLD_ROLES:
            return self.none()
        grants = HouseholdAccess.objects.filter(household=OuterRef("pk"))
        if user.role == Role.TEAM_LEAD:
            grants = grants.filter(organisation_id=user.organisation_id)
        else:
            grants = grants.filter(user_id=user.pk)
        return self.filter(Exists(grants))


class Household(models.Model):
    """The unit of work: all members of a family and its network."""

    municipality = models.ForeignKey(
        "regions.Municipality",
        on_delete=models.PROTECT,
        related_name="households",
        verbose_name=_("municipality"),
    )
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)

    objects = HouseholdQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("household")
        verbose_name_plural = _("households")

    def __str__(self):
        return self.reference

    @property
    def reference(self):
        """A reference without personal data, for lists and URLs."""
        return f"HH-{self.pk:06d}"


class PersonQuerySet(models.QuerySet):
    def for_user(self, user):
        """Persons who are members of a household the user may see, except persons
        whose processing is restricted (privacy.Restriction)."""
        visible = Household.objects.for_user(user)
        return self.filter(
            Exists(HouseholdMember.objects.filter(person=OuterRef("pk"), household__in=visible))
        ).exclude(Exists(_active_restriction("pk")))


class Person(models.Model):
    """A person involved; every field is optional so partial data can be registered."""

    first_name = models.CharField(_("first name"), max_length=100, blank=True)
    last_name = models.CharField(_("last name"), max_length=150, blank=True)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    gender = models.CharField(
        _("gender"), max_length=16, choices=Gender.choices, default=Gender.UNKNOWN
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    bsn = models.CharField(_("BSN"), max_length=9, blank=True, validators=[validate_bsn])
    last_name_key = models.CharField(max_length=150, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Set by the retention job (privacy.retention): names, BSN, birth date, address removed.
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name", "pk"]
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        constraints = [
            models.UniqueConstraint(fields=["bsn"], condition=~Q(bsn=""), name="unique_bsn")
        ]
        indexes = [models.Index(fields=["last_name_key", "date_of_birth"], name="person_match")]

    def __str__(self):
        return self.display_name

    def save(self, *args, **kwargs):
        self.last_name_key = name_key(self.last_name)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "last_name_key"}
        super().save(*args, **kwargs)

    def clean(self):
        """No NUL characters in the text (PostgreSQL refuses them; forms and the API
        refuse them already, this covers every other caller of the services)."""
        errors = {}
        for field in self._meta.concrete_fields:
            value = getattr(self, field.attname)
            if isinstance(value, str):
                try:
                    ProhibitNullCharactersValidator()(value)
                except ValidationError as error:
                    errors[field.name] = error.messages
        if errors:
            raise ValidationError(errors)

    @property
    def display_name(self):
        return " ".join(p for p in (self.first_name, self.last_name) if p) or _("(name unknown)")

    @property
    def masked_bsn(self):
        return mask_bsn(self.bsn)


def _active_restriction(person_field):
    return Restriction.objects.active().filter(person=OuterRef(person_field))


class HouseholdMemberQuerySet(models.QuerySet):
    def unrestricted(self):
        """Memberships of persons whose processing is not restricted (for normal views)."""
        return self.exclude(Exists(_active_restriction("person_id")))


class HouseholdMember(models.Model):
    """A person's membership of a household, with the role the person has in it."""

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(_("role"), max_length=32, choices=MemberRole.choices)
    added_at = models.DateTimeField(auto_now_add=True)

    objects = HouseholdMemberQuerySet.as_manager()

    class Meta:
        ordering = ["household", "pk"]
        verbose_name = _("household member")
        verbose_name_plural = _("household members")
        constraints = [models.UniqueConstraint(fields=["household", "person"], name="member_once")]

    def __str__(self):
        return f"{self.household.reference}: {self.get_role_display()}"


class HouseholdAccess(models.Model):
    """A user's need-to-know grant on a household: the membership table behind for_user."""

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="access")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="household_access"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="household_access"
    )
    reason = models.CharField(_("reason"), max_length=32, choices=AccessReason.choices)
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("household access")
        verbose_name_plural = _("household access")
        constraints = [models.UniqueConstraint(fields=["user", "household"], name="access_once")]
        indexes = [models.Index(fields=["organisation", "household"], name="access_by_org")]

    def __str__(self):
        return f"{self.household.reference} → {self.user_id}"

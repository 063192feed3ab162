"""Business actions for privacy: emergency access, its review, rectification and
restriction. Each runs in a transaction and writes the audit trail."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from veilignet.accounts.models import OrganisationType, Role, User
from veilignet.audit import events
from veilignet.audit.models import Purpose
from veilignet.cases.models import CaseMember, CaseRole, NotificationKind
from veilignet.cases.notifications import notify
from veilignet.people import services as people_services
from veilignet.privacy.models import EmergencyAccess, Rectification, Restriction

# Who may break the glass: case workers and team leads of a Veilig Thuis, in their region.
EMERGENCY_ROLES = (Role.CASE_WORKER, Role.TEAM_LEAD)
EMERGENCY_ORGANISATION_TYPES = (OrganisationType.VEILIG_THUIS,)


def may_use_emergency_access(user):
    organisation = getattr(user, "organisation", None)
    return (
        getattr(user, "role", None) in EMERGENCY_ROLES
        and organisation is not None
        and organisation.type in EMERGENCY_ORGANISATION_TYPES
    )


def privacy_officers(organisation):
    return User.objects.filter(organisation=organisation, role=Role.PRIVACY_OFFICER, is_active=True)


@transaction.atomic
def grant_emergency_access(actor, case, reason):
    """Open `case` for `actor` for a limited time after she states why; the coordinator
    and her organisation's privacy officers are notified."""
    reason = (reason or "").strip()
    minimum = settings.VEILIGNET_EMERGENCY_REASON_MIN_LENGTH
    if not may_use_emergency_access(actor):
        raise ValidationError(_("Your role does not allow emergency access."))
    if case.household.municipality.region_id != actor.organisation.region_id:
        raise ValidationError(_("Emergency access is limited to cases in your own region."))
    if len(reason) < minimum:
        raise ValidationError(
            _("Explain the emergency in at least %(count)d characters.") % {"count": minimum}
        )
    now = timezone.now()
    grant = EmergencyAccess.objects.create(
        case=case,
        user=actor,
        organisation=actor.organisation,
        reason=reason,
        granted_at=now,
        expires_at=now + datetime.timedelta(hours=settings.VEILIGNET_EMERGENCY_ACCESS_HOURS),
    )
    events.emergency_access_granted(actor, grant)
    coordinator = (
        CaseMember.objects.active()
        .filter(case=case, case_role=CaseRole.COORDINATOR)
        .select_related("user")
        .first()
    )
    if coordinator is not None and coordinator.user_id != actor.pk:
        notify(
            [coordinator.user],
            NotificationKind.EMERGENCY_ACCESS,
            case,
            reverse("cases:case_detail", args=[case.pk]),
        )
    notify(
        privacy_officers(actor.organisation),
        NotificationKind.EMERGENCY_ACCESS,
        case,
        reverse("privacy:emergency_review_list"),
    )
    return grant


@transaction.atomic
def review_emergency_access(actor, grant, note):
    """A privacy officer records her review of one emergency access (once)."""
    grant = EmergencyAccess.objects.select_for_update().get(pk=grant.pk)
    if grant.reviewed_at is not None:
        raise ValidationError(_("This emergency access has already been reviewed."))
    if not (note or "").strip():
        raise ValidationError(_("Write down what you concluded."))
    grant.reviewed_at = timezone.now()
    grant.reviewed_by = actor
    grant.review_note = note.strip()
    grant.save(update_fields=["reviewed_at", "reviewed_by", "review_note"])
    events.emergency_access_reviewed(actor, grant)
    return grant


@transaction.atomic
def rectify_person(actor, person, request_note, **changes):
    """Correct a person's data on her request; the changed field names are recorded."""
    changed = sorted(name for name, value in changes.items() if getattr(person, name) != value)
    if not changed:
        raise ValidationError(_("Nothing was changed."))
    people_services.update_person(actor, person, Purpose.PRIVACY, **changes)
    rectification = Rectification.objects.create(
        person=person, fields=", ".join(changed), request_note=request_note, recorded_by=actor
    )
    events.person_rectified(actor, person, rectification)
    return rectification


@transaction.atomic
def restrict_processing(actor, person, reason):
    """Hide the person's data from every normal view until the restriction is lifted."""
    if Restriction.objects.active().filter(person=person).exists():
        raise ValidationError(_("Processing of this person's data is already restricted."))
    restriction = Restriction.objects.create(person=person, reason=reason, started_by=actor)
    events.processing_restricted(actor, person, restriction)
    return restriction


@transaction.atomic
def lift_restriction(actor, person):
    restriction = Restriction.objects.active().filter(person=person).first()
    if restriction is None:
        raise ValidationError(_("Processing of this person's data is not restricted."))
    restriction.lifted_at = timezone.now()
    restriction.lifted_by = actor
    restriction.save(update_fields=["lifted_at", "lifted_by"])
    events.restriction_lifted(actor, person, restriction)
    return restriction

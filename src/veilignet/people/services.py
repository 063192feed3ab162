"""Business actions on households and persons: each in a transaction, each audited."""

from django.db import transaction

from veilignet.audit import events
from veilignet.people.models import (
    AccessReason,
    Household,
    HouseholdAccess,
    HouseholdMember,
    Person,
)


def grant_access(household, user, reason):
    """Give `user` need-to-know access to `household` (idempotent)."""
    HouseholdAccess.objects.get_or_create(
        household=household,
        user=user,
        defaults={"organisation_id": user.organisation_id, "reason": reason},
    )


@transaction.atomic
def register_household(actor, municipality):
    """Register a new household; the registering worker gets access to it."""
    household = Household.objects.create(municipality=municipality)
    grant_access(household, actor, AccessReason.REGISTRATION)
    events.household_created(actor, household)
    return household


@transaction.atomic
def add_person(actor, household, role, **person_data):
    """Register a new person (any field may be missing) as member of a household."""
    person = Person(**person_data)
    person.full_clean()
    person.save()
    HouseholdMember.objects.create(household=household, person=person, role=role)
    events.person_added(actor, household, person, role)
    return person


@transaction.atomic
def add_member(actor, household, person, role):
    """Make an already registered person a member of a household (idempotent)."""
    _, created = HouseholdMember.objects.get_or_create(
        household=household, person=person, defaults={"role": role}
    )
    if created:
        events.person_added(actor, household, person, role)
    return person


@transaction.atomic
def update_person(actor, person, purpose, **changes):
    """Change a person's data; the audit entry names the fields that changed."""
    changed = {name for name, value in changes.items() if getattr(person, name) != value}
    if not changed:
        return person
    for name in changed:
        setattr(person, name, changes[name])
    person.full_clean()
    person.save(update_fields=[*changed, "updated_at"])
    events.person_updated(actor, person, changed, purpose)
    return person

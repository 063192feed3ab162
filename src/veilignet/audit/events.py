"""One named function per audited event. Call them inside the service's transaction.

Entries hold ids, event names and field names, never the personal data itself.
"""

from collections.abc import Iterable

from veilignet.audit.models import Action, AuditEntry, Purpose


def _entries(actor, event, action, purpose, obj=None, persons: Iterable = (), detail=""):
    """One entry, or one per person when the event concerns persons."""
    organisation = getattr(actor, "organisation", None)
    base = {
        "user": actor,
        "username": actor.get_username(),
        "organisation": organisation.name if organisation else "",
        "role": getattr(actor, "role", ""),
        "event": event,
        "action": action,
        "purpose": purpose,
        "object_type": obj._meta.label_lower if obj is not None else "",
        "object_id": str(obj.pk) if obj is not None else "",
        "detail": detail,
    }
    person_ids = [getattr(p, "pk", p) for p in persons]
    return [AuditEntry(person_id=pid, **base) for pid in person_ids] or [AuditEntry(**base)]


def _record(*args, **kwargs):
    AuditEntry.objects.bulk_create(_entries(*args, **kwargs))


def household_list_viewed(actor, households, purpose):
    """A page of the household list, showing these households' member names."""
    entries = []
    for household in households:
        entries += _entries(actor, "household_list_viewed", Action.LIST, purpose, household)
    AuditEntry.objects.bulk_create(entries)


def household_viewed(actor, household, persons, purpose):
    """The household page, showing its members' data."""
    _record(actor, "household_viewed", Action.VIEW, purpose, household, persons)


def household_created(actor, household):
    _record(actor, "household_created", Action.CREATE, Purpose.REGISTRATION, household)


def person_viewed(actor, person, purpose):
    _record(actor, "person_viewed", Action.VIEW, purpose, person, [person])


def person_added(actor, household, person, role):
    """A person was registered (or linked) as member of a household with a role."""
    _record(actor, "person_added", Action.CREATE, Purpose.REGISTRATION, household, [person], role)


def person_updated(actor, person, changed_fields, purpose):
    """The names of the changed fields are kept, not their values."""
    detail = ", ".join(sorted(changed_fields))
    _record(actor, "person_updated", Action.UPDATE, purpose, person, [person], detail)


def access_denied(actor, obj):
    """Someone tried to open a record outside her need-to-know."""
    _record(actor, "access_denied", Action.ACCESS_DENIED, Purpose.CASE_WORK, obj)


def audit_trail_searched(actor, filters):
    """An auditor searched the trail; the filter names (not values) are kept."""
    detail = ", ".join(sorted(k for k, v in filters.items() if v))
    _record(actor, "audit_trail_searched", Action.SEARCH, Purpose.AUDIT, detail=detail)

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


# Governance (bottlenecks, actions, meetings): no client data, but every change is traced.


def network_created(actor, network):
    _record(
        actor, "network_created", Action.CREATE, Purpose.REGISTRATION, network, detail=network.kind
    )


def network_updated(actor, network, changed_fields):
    detail = ", ".join(sorted(changed_fields))
    _record(actor, "network_updated", Action.UPDATE, Purpose.REGISTRATION, network, detail=detail)


def network_member_added(actor, membership):
    _record(
        actor,
        "network_member_added",
        Action.CREATE,
        Purpose.REGISTRATION,
        membership,
        detail=membership.lead_role,
    )


def network_member_left(actor, membership):
    _record(actor, "network_member_left", Action.UPDATE, Purpose.REGISTRATION, membership)


def onboarding_seen(actor, membership):
    _record(actor, "onboarding_seen", Action.VIEW, Purpose.REGISTRATION, membership)


def bottleneck_submitted(actor, bottleneck, removed_kinds=()):
    """The source and the kinds of personal data stripped from the text (never the data)."""
    detail = " ".join([bottleneck.source, *(f"removed:{kind}" for kind in removed_kinds)])
    _record(
        actor,
        "bottleneck_submitted",
        Action.CREATE,
        Purpose.REGISTRATION,
        bottleneck,
        detail=detail,
    )


def bottleneck_triaged(actor, bottleneck):
    _record(
        actor,
        "bottleneck_triaged",
        Action.UPDATE,
        Purpose.REGISTRATION,
        bottleneck,
        detail=bottleneck.priority,
    )


def bottleneck_closed(actor, bottleneck, outcome):
    _record(
        actor, "bottleneck_closed", Action.UPDATE, Purpose.REGISTRATION, bottleneck, detail=outcome
    )


def bottleneck_reopened(actor, bottleneck):
    _record(actor, "bottleneck_reopened", Action.UPDATE, Purpose.REGISTRATION, bottleneck)


def governance_action_created(actor, action):
    _record(actor, "governance_action_created", Action.CREATE, Purpose.REGISTRATION, action)


def governance_action_status_changed(actor, action, from_status, to_status):
    _record(
        actor,
        "governance_action_status_changed",
        Action.UPDATE,
        Purpose.REGISTRATION,
        action,
        detail=f"{from_status}->{to_status}",
    )


def governance_action_checked(actor, action):
    _record(actor, "governance_action_checked", Action.UPDATE, Purpose.REGISTRATION, action)


def objective_created(actor, objective):
    _record(actor, "objective_created", Action.CREATE, Purpose.REGISTRATION, objective)


def objective_moment_added(actor, objective):
    _record(actor, "objective_moment_added", Action.UPDATE, Purpose.REGISTRATION, objective)


def objective_assessed(actor, objective, assessment):
    _record(
        actor,
        "objective_assessed",
        Action.UPDATE,
        Purpose.REGISTRATION,
        objective,
        detail=assessment,
    )


def network_meeting_scheduled(actor, meeting):
    _record(actor, "network_meeting_scheduled", Action.CREATE, Purpose.REGISTRATION, meeting)


def network_meeting_agenda_changed(actor, meeting, change):
    """`change`: generated, item_added or item_removed."""
    _record(
        actor,
        "network_meeting_agenda_changed",
        Action.UPDATE,
        Purpose.REGISTRATION,
        meeting,
        detail=change,
    )


def network_meeting_attendance_recorded(actor, meeting):
    _record(
        actor, "network_meeting_attendance_recorded", Action.UPDATE, Purpose.REGISTRATION, meeting
    )


def network_meeting_decision_recorded(actor, meeting):
    _record(
        actor, "network_meeting_decision_recorded", Action.UPDATE, Purpose.REGISTRATION, meeting
    )


def network_meeting_minutes_saved(actor, meeting):
    _record(actor, "network_meeting_minutes_saved", Action.UPDATE, Purpose.REGISTRATION, meeting)


def network_meeting_minutes_published(actor, meeting):
    _record(
        actor, "network_meeting_minutes_published", Action.UPDATE, Purpose.REGISTRATION, meeting
    )


def questionnaire_created(actor, questionnaire):
    _record(actor, "questionnaire_created", Action.CREATE, Purpose.REGISTRATION, questionnaire)


def evaluation_sent(actor, evaluation):
    _record(actor, "evaluation_sent", Action.CREATE, Purpose.REGISTRATION, evaluation)


def evaluation_answered(actor, evaluation):
    _record(actor, "evaluation_answered", Action.CREATE, Purpose.REGISTRATION, evaluation)

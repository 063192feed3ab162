"""One named function per audited event. Call them inside the service's transaction.

Entries hold ids, event names and field names, never the personal data itself.
"""

from collections.abc import Iterable

from django.db import connections, router
from django.utils import timezone

from veilignet.audit.models import Action, AuditEntry, Purpose

COLUMNS = (
    "timestamp",
    "user",
    "username",
    "organisation",
    "role",
    "event",
    "action",
    "purpose",
    "object_type",
    "object_id",
    "person",
    "detail",
)
BATCH = 500  # rows per INSERT: 6,000 parameters, within every SQLite's limit


def purpose_of(user):
    """The purpose of a read by this user: supervision for team leads, else case work."""
    from veilignet.accounts.models import Role

    return Purpose.SUPERVISION if user.role == Role.TEAM_LEAD else Purpose.CASE_WORK


def _actor(actor):
    """The columns that name the actor (user, username, organisation, role): read once
    per event, not once per entry of a list page."""
    organisation = getattr(actor, "organisation", None)
    return (
        actor.pk,
        actor.get_username(),
        organisation.name if organisation else "",
        getattr(actor, "role", ""),
    )


def _entries(who, event, action, purpose, obj=None, persons: Iterable = (), detail=""):
    """One entry by the actor `who` (`_actor()`), or one per person when the event
    concerns persons: rows of COLUMNS' values but the timestamp, which `_insert` adds."""
    base = (
        *who,
        event,
        action,
        purpose,
        obj._meta.label_lower if obj is not None else "",
        str(obj.pk) if obj is not None else "",
    )
    person_ids = [getattr(p, "pk", p) for p in persons] or [None]
    return [(*base, pid, detail) for pid in person_ids]


def _insert(entries):
    """Append the entries, stamped with one time, on the caller's connection (so in its
    transaction, if any). Plain SQL rather than bulk_create: entries are written on every
    page view, and model instances, field preparation and bulk_create's own transaction
    cost more than the page's other queries (docs/benchmarks.md, "Instructions per
    request")."""
    connection = connections[router.db_for_write(AuditEntry)]
    now = AuditEntry._meta.get_field("timestamp").get_db_prep_value(timezone.now(), connection)
    rows = [(now, *entry) for entry in entries]
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            cursor.execute(*_insert_sql(connection, rows[start : start + BATCH]))


def _insert_sql(connection, rows):
    """SQL and parameters that insert `rows` (values of COLUMNS). What all rows share is
    sent once, the rest row by row: `INSERT ... SELECT shared, v.column1, ... FROM
    (VALUES ...) AS v` (the entries of a list page differ only in their record). A column
    that is NULL in every row is shared: a VALUES column of NULLs alone has no type."""
    first = rows[0]
    varying = [i for i in range(len(COLUMNS)) if any(row[i] != first[i] for row in rows)]
    varying = varying or [len(COLUMNS) - 1]  # one row per entry, even if all are alike
    shared = [i for i in range(len(COLUMNS)) if i not in varying]
    quote = connection.ops.quote_name
    table = quote(AuditEntry._meta.db_table)
    fields = [AuditEntry._meta.get_field(name) for name in COLUMNS]
    columns = ", ".join(quote(fields[i].column) for i in shared + varying)
    select = ", ".join(["%s"] * len(shared) + [f"v.column{n}" for n in range(1, len(varying) + 1)])
    values = ", ".join(["(" + ", ".join(["%s"] * len(varying)) + ")"] * len(rows))
    sql = f"INSERT INTO {table} ({columns}) SELECT {select} FROM (VALUES {values}) AS v"  # noqa: S608 (names from the model)
    return sql, [first[i] for i in shared] + [row[i] for row in rows for i in varying]


def _record(actor, *args, **kwargs):
    _insert(_entries(_actor(actor), *args, **kwargs))


def _record_each(actor, event, action, purpose, objects):
    """One entry per object, e.g. per row of a list page or an export."""
    who = _actor(actor)
    entries = []
    for obj in objects:
        entries += _entries(who, event, action, purpose, obj)
    _insert(entries)


def household_list_viewed(actor, households, purpose):
    """A page of the household list, showing these households' member names."""
    _record_each(actor, "household_list_viewed", Action.LIST, purpose, households)


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


# Cases (veilignet.cases): ids, roles, phases and field names only.


def case_list_viewed(actor, cases, purpose):
    """A page of the case list (references, phases and household references)."""
    _record_each(actor, "case_list_viewed", Action.LIST, purpose, cases)


def case_viewed(actor, case, persons, purpose, section="overview"):
    """A page of a case showing its household members' data (`section` names the page)."""
    _record(actor, "case_viewed", Action.VIEW, purpose, case, persons, section)


def case_opened(actor, case):
    _record(actor, "case_opened", Action.CREATE, Purpose.CASE_WORK, case, detail=case.origin)


def case_member_added(actor, case, member):
    detail = f"user={member.user_id} role={member.case_role}"
    _record(actor, "case_member_added", Action.CREATE, Purpose.CASE_WORK, case, detail=detail)


def case_member_left(actor, case, member):
    detail = f"user={member.user_id} reason={member.leave_reason}"
    _record(actor, "case_member_left", Action.UPDATE, Purpose.CASE_WORK, case, detail=detail)


def case_phase_changed(actor, case, from_phase, to_phase):
    detail = f"{from_phase}->{to_phase}"
    _record(actor, "case_phase_changed", Action.UPDATE, Purpose.CASE_WORK, case, detail=detail)


def case_assessment_recorded(actor, case, assessment):
    detail = assessment.judgement
    _record(
        actor, "case_assessment_recorded", Action.CREATE, Purpose.CASE_WORK, case, detail=detail
    )


def case_note_added(actor, case, kind):
    _record(actor, "case_note_added", Action.CREATE, Purpose.CASE_WORK, case, detail=kind)


def safety_plan_saved(actor, version):
    detail = f"version={version.number}"
    _record(actor, "safety_plan_saved", Action.CREATE, Purpose.CASE_WORK, version, detail=detail)


def safety_plan_viewed(actor, version, persons, purpose, view="plan"):
    """A safety plan version (or a diff, or the print view) was shown."""
    _record(actor, "safety_plan_viewed", Action.VIEW, purpose, version, persons, view)


def recovery_plan_changed(actor, case, obj):
    """A cause analysis, goal or deployed help was added or its status changed."""
    detail = obj._meta.model_name
    _record(actor, "recovery_plan_changed", Action.UPDATE, Purpose.CASE_WORK, case, detail=detail)


def handover_proposed(actor, handover):
    detail = f"to_org={handover.to_organisation_id} to_user={handover.to_user_id or ''}"
    _record(actor, "handover_proposed", Action.CREATE, Purpose.CASE_WORK, handover, detail=detail)


def handover_viewed(actor, handover, purpose):
    _record(actor, "handover_viewed", Action.VIEW, purpose, handover)


def handover_answered(actor, handover):
    detail = handover.status
    _record(actor, "handover_answered", Action.UPDATE, Purpose.CASE_WORK, handover, detail=detail)


def escalation_raised(actor, escalation):
    detail = f"level={escalation.level}"
    _record(actor, "escalation_raised", Action.CREATE, Purpose.CASE_WORK, escalation, detail=detail)


def escalation_viewed(actor, escalation, purpose):
    _record(actor, "escalation_viewed", Action.VIEW, purpose, escalation)


def escalation_closed(actor, escalation):
    """An escalation was resolved or de-escalated (status in detail)."""
    detail = escalation.status
    _record(actor, "escalation_closed", Action.UPDATE, Purpose.CASE_WORK, escalation, detail=detail)


def case_closed(actor, case):
    _record(actor, "case_closed", Action.UPDATE, Purpose.CASE_WORK, case)


def follow_up_check_recorded(actor, check):
    detail = f"reopen={check.reopen}"
    _record(
        actor, "follow_up_check_recorded", Action.UPDATE, Purpose.CASE_WORK, check, detail=detail
    )


def case_report_linked(actor, case, report_id):
    detail = f"report={report_id}"
    _record(actor, "case_report_linked", Action.UPDATE, Purpose.CASE_WORK, case, detail=detail)


# Advice requests and reports (app `reports`). Entries name the report; person ids only
# for persons already linked to a household.


def report_registered(actor, report):
    _record(actor, "report_registered", Action.CREATE, Purpose.REGISTRATION, report)


def report_list_viewed(actor, reports, purpose):
    """A page of the worklist (kinds, municipalities and forms of violence of these reports)."""
    _record_each(actor, "report_list_viewed", Action.LIST, purpose, reports)


def report_viewed(actor, report, persons, purpose):
    """The report page, with the reporter's and the persons' data."""
    _record(actor, "report_viewed", Action.VIEW, purpose, report, persons)


def report_match_candidates_viewed(actor, report, households):
    """Candidate households for a report, shown with minimal data; household ids kept."""
    detail = ", ".join(str(h.pk) for h in households)[:255]
    _record(
        actor,
        "report_match_candidates_viewed",
        Action.SEARCH,
        Purpose.CASE_WORK,
        report,
        detail=detail,
    )


def report_linked(actor, report, household, persons):
    """A report was linked to a household; detail tells whether the household was known."""
    detail = f"household={household.pk} re_report={report.is_re_report}"
    _record(actor, "report_linked", Action.UPDATE, Purpose.CASE_WORK, report, persons, detail)


def report_assigned(actor, report):
    detail = f"assigned_to={report.assigned_to_id or ''}"
    _record(actor, "report_assigned", Action.UPDATE, Purpose.CASE_WORK, report, detail=detail)


def report_status_changed(actor, report, status):
    _record(
        actor,
        "report_status_changed",
        Action.UPDATE,
        Purpose.CASE_WORK,
        report,
        detail=f"status={status}",
    )


def report_converted(actor, advice_request, report):
    """An advice request became a report (a new, linked record)."""
    _record(
        actor,
        "report_converted",
        Action.CREATE,
        Purpose.CASE_WORK,
        report,
        detail=f"advice_request={advice_request.pk}",
    )


def safety_assessment_recorded(actor, assessment):
    _record(actor, "safety_assessment_recorded", Action.CREATE, Purpose.CASE_WORK, assessment)


def safety_assessment_confirmed(actor, assessment):
    _record(actor, "safety_assessment_confirmed", Action.UPDATE, Purpose.CASE_WORK, assessment)


def triage_decided(actor, decision):
    _record(
        actor,
        "triage_decided",
        Action.CREATE,
        Purpose.CASE_WORK,
        decision,
        detail=f"outcome={decision.outcome}",
    )


def reporter_feedback_recorded(actor, feedback):
    _record(actor, "reporter_feedback_recorded", Action.CREATE, Purpose.CASE_WORK, feedback)


def demo_records_created(actor, records):
    """Synthetic demo data created in bulk: one entry per record (persons by id)."""
    who = _actor(actor)
    entries = []
    for record in records:
        persons = [record] if record._meta.label_lower == "people.person" else ()
        entries += _entries(
            who, "demo_record_created", Action.CREATE, Purpose.REGISTRATION, record, persons
        )
    _insert(entries)


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


# MDA++ team (app `mda`): references, statuses and field names only; justice information
# by id and kind, never its content.


def mda_team_member_added(actor, membership):
    detail = f"user={membership.user_id} role={membership.role}"
    _record(
        actor,
        "mda_team_member_added",
        Action.CREATE,
        Purpose.REGISTRATION,
        membership,
        detail=detail,
    )


def mda_referral_created(actor, referral):
    detail = f"case={referral.case_id} team={referral.team_id}"
    _record(
        actor, "mda_referral_created", Action.CREATE, Purpose.CASE_WORK, referral, detail=detail
    )


def mda_referral_status_changed(actor, referral):
    detail = f"status={referral.status}"
    _record(
        actor,
        "mda_referral_status_changed",
        Action.UPDATE,
        Purpose.CASE_WORK,
        referral,
        detail=detail,
    )


def mda_referral_list_viewed(actor, referrals):
    """A page of referrals (case references, statuses and, for team members, the latest
    justice status)."""
    _record_each(actor, "mda_referral_list_viewed", Action.LIST, Purpose.CASE_WORK, referrals)


def mda_referrals_exported(actor, referrals):
    _record_each(actor, "mda_referrals_exported", Action.EXPORT, Purpose.CASE_WORK, referrals)


def mda_referral_viewed(actor, referral, persons):
    """The structured case view of a referral, with the household members' names."""
    _record(actor, "mda_referral_viewed", Action.VIEW, Purpose.CASE_WORK, referral, persons)


def mda_justice_info_recorded(actor, info):
    detail = f"referral={info.referral_id} kind={info.kind}"
    _record(
        actor, "mda_justice_info_recorded", Action.CREATE, Purpose.CASE_WORK, info, detail=detail
    )


def mda_conference_scheduled(actor, conference):
    _record(actor, "mda_conference_scheduled", Action.CREATE, Purpose.CASE_WORK, conference)


def mda_agenda_generated(actor, conference):
    _record(actor, "mda_agenda_generated", Action.UPDATE, Purpose.CASE_WORK, conference)


def mda_conference_viewed(actor, conference, persons):
    """The conference page: agenda with the structured view of every case on it."""
    _record(actor, "mda_conference_viewed", Action.VIEW, Purpose.CASE_WORK, conference, persons)


def mda_attendance_recorded(actor, conference):
    _record(actor, "mda_attendance_recorded", Action.UPDATE, Purpose.CASE_WORK, conference)


def mda_scenario_agreed(actor, scenario):
    detail = f"referral={scenario.referral_id} conference={scenario.conference_id or ''}"
    _record(actor, "mda_scenario_agreed", Action.CREATE, Purpose.CASE_WORK, scenario, detail=detail)


def mda_action_added(actor, action):
    detail = f"referral={action.referral_id} owner={action.owner_id}"
    _record(actor, "mda_action_added", Action.CREATE, Purpose.CASE_WORK, action, detail=detail)


def mda_action_completed(actor, action):
    _record(actor, "mda_action_completed", Action.UPDATE, Purpose.CASE_WORK, action)


def mda_minutes_saved(actor, conference):
    _record(actor, "mda_minutes_saved", Action.UPDATE, Purpose.CASE_WORK, conference)


def mda_minutes_sent(actor, conference):
    _record(actor, "mda_minutes_sent", Action.UPDATE, Purpose.CASE_WORK, conference)


def mda_minutes_viewed(actor, conference):
    _record(actor, "mda_minutes_viewed", Action.VIEW, Purpose.CASE_WORK, conference)


# Acute help (app `acute`): crisis intake, warm handover, hospital registration and
# Handle with Care. Ids, outcomes and statuses only.


def crisis_intake_registered(actor, intake):
    detail = f"channel={intake.channel} outside_office_hours={intake.outside_office_hours}"
    _record(
        actor,
        "crisis_intake_registered",
        Action.CREATE,
        Purpose.REGISTRATION,
        intake,
        detail=detail,
    )


def crisis_intake_list_viewed(actor, intakes):
    _record_each(actor, "crisis_intake_list_viewed", Action.LIST, Purpose.CASE_WORK, intakes)


def crisis_intake_viewed(actor, intake):
    _record(actor, "crisis_intake_viewed", Action.VIEW, Purpose.CASE_WORK, intake)


def crisis_intake_triaged(actor, intake):
    detail = f"urgency={intake.urgency}"
    _record(actor, "crisis_intake_triaged", Action.UPDATE, Purpose.CASE_WORK, intake, detail=detail)


def crisis_intake_status_changed(actor, intake):
    detail = f"status={intake.status} outcome={intake.outcome}"
    _record(
        actor,
        "crisis_intake_status_changed",
        Action.UPDATE,
        Purpose.CASE_WORK,
        intake,
        detail=detail,
    )


def crisis_forward_proposed(actor, forward):
    detail = f"intake={forward.intake_id} to_org={forward.to_organisation_id}"
    _record(
        actor, "crisis_forward_proposed", Action.CREATE, Purpose.CASE_WORK, forward, detail=detail
    )


def crisis_forward_viewed(actor, forward):
    _record(actor, "crisis_forward_viewed", Action.VIEW, Purpose.CASE_WORK, forward)


def crisis_forward_answered(actor, forward):
    detail = f"status={forward.status}"
    _record(
        actor, "crisis_forward_answered", Action.UPDATE, Purpose.CASE_WORK, forward, detail=detail
    )


def hospital_registration_created(actor, registration):
    detail = f"report={registration.report_id}"
    _record(
        actor,
        "hospital_registration_created",
        Action.CREATE,
        Purpose.REGISTRATION,
        registration,
        detail=detail,
    )


def hospital_registration_viewed(actor, registration, persons):
    _record(
        actor, "hospital_registration_viewed", Action.VIEW, Purpose.CASE_WORK, registration, persons
    )


def handle_with_care_sent(actor, notice):
    detail = f"school={notice.school_id} contact={notice.contact_id}"
    _record(actor, "handle_with_care_sent", Action.CREATE, Purpose.CASE_WORK, notice, detail=detail)


def handle_with_care_viewed(actor, notice):
    _record(actor, "handle_with_care_viewed", Action.VIEW, Purpose.CASE_WORK, notice)


def handle_with_care_acknowledged(actor, notice):
    _record(actor, "handle_with_care_acknowledged", Action.UPDATE, Purpose.CASE_WORK, notice)


# Privacy (app `privacy`): emergency access, data-subject rights and retention.


def emergency_access_granted(actor, grant):
    """A non-member opened a case in an emergency; the reason stays on the grant row."""
    detail = f"grant={grant.pk} expires={grant.expires_at:%Y-%m-%dT%H:%M%z}"
    _record(
        actor, "emergency_access_granted", Action.VIEW, Purpose.PRIVACY, grant.case, detail=detail
    )


def emergency_access_reviewed(actor, grant):
    _record(actor, "emergency_access_reviewed", Action.UPDATE, Purpose.PRIVACY, grant)


def emergency_access_list_viewed(actor):
    _record(actor, "emergency_access_list_viewed", Action.LIST, Purpose.PRIVACY)


def privacy_person_searched(actor, fields):
    """A privacy officer searched persons; the names of the fields used are kept."""
    detail = ", ".join(sorted(fields))
    _record(actor, "privacy_person_searched", Action.SEARCH, Purpose.PRIVACY, detail=detail)


def privacy_person_viewed(actor, person):
    _record(actor, "privacy_person_viewed", Action.VIEW, Purpose.PRIVACY, person, [person])


def subject_access_exported(actor, person, file_format):
    """All data about a person was exported for her access request (format kept)."""
    _record(
        actor,
        "subject_access_exported",
        Action.EXPORT,
        Purpose.PRIVACY,
        person,
        [person],
        file_format,
    )


def person_rectified(actor, person, rectification):
    detail = f"rectification={rectification.pk} fields={rectification.fields}"[:255]
    _record(actor, "person_rectified", Action.UPDATE, Purpose.PRIVACY, person, [person], detail)


def processing_restricted(actor, person, restriction):
    detail = f"restriction={restriction.pk}"
    _record(
        actor, "processing_restricted", Action.UPDATE, Purpose.PRIVACY, person, [person], detail
    )


def restriction_lifted(actor, person, restriction):
    detail = f"restriction={restriction.pk}"
    _record(actor, "restriction_lifted", Action.UPDATE, Purpose.PRIVACY, person, [person], detail)


def retention_applied(run):
    """The retention job ran (no user: the system); counts per record type are on the run."""
    label, pk = run._meta.label_lower, str(run.pk)
    detail = f"total={run.total}"
    _insert(
        [
            (
                None,
                "system",
                "",
                "",
                "retention_applied",
                Action.DELETE,
                Purpose.PRIVACY,
                label,
                pk,
                None,
                detail,
            )
        ]
    )

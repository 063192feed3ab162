"""The retention job: anonymise or delete what has been kept long enough.

Periods per record type are in settings.VEILIGNET_RETENTION_YEARS. Reports, advice
requests and cases are not deleted but anonymised (names, BSN, birth dates, addresses
and free text removed; kind, municipality, dates, roles and outcomes kept), so the
statistics per municipality and month stay the same. Audit entries past their period
are deleted; on PostgreSQL the append-only trigger allows that only inside this job's
transaction (SET LOCAL veilignet.retention). Each run leaves a RetentionRun with counts.
"""

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils import timezone

from veilignet.audit import events
from veilignet.audit.models import AuditEntry
from veilignet.cases.models import (
    Case,
    CaseEvent,
    CauseAnalysis,
    Escalation,
    Handover,
    Phase,
    PhaseChange,
    RecoveryGoal,
    SafetyAssessment,
    SafetyPlanVersion,
)
from veilignet.people.models import Person
from veilignet.privacy.models import RetentionRun
from veilignet.reports.models import (
    Kind,
    Report,
    ReporterFeedback,
    ReportPerson,
    StatusChange,
    TriageDecision,
)
from veilignet.reports.models import SafetyAssessment as ReportAssessment
from veilignet.reports.models import Status as ReportStatus

# Report statuses after which nothing more happens (the retention period starts).
CLOSED_REPORT_STATUSES = (ReportStatus.CLOSED, ReportStatus.HANDED_OVER, ReportStatus.CONVERTED)

# Free text of a report and of its child rows, blanked on anonymisation.
REPORT_TEXT = [
    (ReportAssessment, "report", {"rationale": ""}),
    (TriageDecision, "report", {"rationale": ""}),
    (ReporterFeedback, "report", {"summary": ""}),
    (StatusChange, "report", {"note": ""}),
    (
        ReportPerson,
        "report",
        {"first_name": "", "last_name": "", "last_name_key": "", "bsn": "", "date_of_birth": None},
    ),
]
REPORTER_FIELDS = {
    "reporter_name": "",
    "reporter_organisation": "",
    "reporter_phone": "",
    "reporter_email": "",
    "concern": "",
}
# Free text of a case and its records, blanked on anonymisation.
CASE_TEXT = [
    (CaseEvent, "case", {"text": ""}),
    (SafetyAssessment, "case", {"rationale": ""}),
    (PhaseChange, "case", {"reason": ""}),
    (CauseAnalysis, "case", {"causes": ""}),
    (RecoveryGoal, "case", {"description": ""}),
    (Handover, "case", {"summary": "", "decline_reason": ""}),
    (Escalation, "case", {"reason": "", "help_asked_detail": "", "outcome": ""}),
    (
        SafetyPlanVersion,
        "case",
        {
            "unsafe_who_why": "",
            "conditions": [],
            "early_warning_signs": "",
            "who_to_call": "",
            "network_agreements": "",
            "agreed_by": "",
        },
    ),
]
PERSON_FIELDS = {
    "first_name": "",
    "last_name": "",
    "last_name_key": "",
    "bsn": "",
    "date_of_birth": None,
    "address": "",
    "postcode": "",
    "city": "",
}


def cutoffs(now=None):
    """The moment before which each record type has expired."""
    now = now or timezone.now()
    return {
        kind: now - relativedelta(years=years)
        for kind, years in settings.VEILIGNET_RETENTION_YEARS.items()
    }


def expired_reports(cutoff_by_type):
    """Reports and advice requests closed before their type's cut-off, not yet anonymised."""
    closed_at = Subquery(
        StatusChange.objects.filter(report=OuterRef("pk"))
        .order_by("-changed_at", "-pk")
        .values("changed_at")[:1]
    )
    # An advice request that became a report is kept as long as the report.
    as_report = Q(kind=Kind.REPORT) | Q(status=ReportStatus.CONVERTED)
    return (
        Report.objects.filter(anonymised_at__isnull=True, status__in=CLOSED_REPORT_STATUSES)
        .annotate(closed_at=closed_at)
        .filter(
            (as_report & Q(closed_at__lt=cutoff_by_type["report"]))
            | (~as_report & Q(closed_at__lt=cutoff_by_type["advice_request"]))
        )
    )


def expired_cases(cutoff_by_type):
    return Case.objects.filter(
        anonymised_at__isnull=True, phase=Phase.CLOSED, closed_at__lt=cutoff_by_type["case"]
    )


def expired_persons(cutoff_by_type):
    """Persons registered before the cut-off to whom no case or report still refers."""
    person = OuterRef("pk")
    live_case = Case.objects.filter(anonymised_at__isnull=True, household__members__person=person)
    live_report = Report.objects.filter(
        Q(household__members__person=person) | Q(persons__person=person),
        anonymised_at__isnull=True,
    )
    return Person.objects.filter(
        anonymised_at__isnull=True, created_at__lt=cutoff_by_type["person"]
    ).exclude(Exists(live_case) | Exists(live_report))


@transaction.atomic
def apply_retention(now=None):
    """Anonymise expired reports, cases and persons, delete expired audit entries and
    return the RetentionRun that records the counts (no personal data)."""
    now = now or timezone.now()
    limits = cutoffs(now)
    counts = {}

    kinds = dict(expired_reports(limits).values_list("pk", "kind"))
    report_ids = list(kinds)
    counts["report"] = sum(1 for kind in kinds.values() if kind == Kind.REPORT)
    counts["advice_request"] = len(report_ids) - counts["report"]
    for model, path, blank in REPORT_TEXT:
        model.objects.filter(**{f"{path}_id__in": report_ids}).update(**blank)
    Report.objects.filter(pk__in=report_ids).update(anonymised_at=now, **REPORTER_FIELDS)

    case_ids = list(expired_cases(limits).values_list("pk", flat=True))
    counts["case"] = len(case_ids)
    for model, path, blank in CASE_TEXT:
        model.objects.filter(**{f"{path}_id__in": case_ids}).update(**blank)
    Case.objects.filter(pk__in=case_ids).update(anonymised_at=now)

    counts["person"] = expired_persons(limits).update(anonymised_at=now, **PERSON_FIELDS)
    counts["audit_entry"] = _delete_audit_entries(limits["audit_entry"])

    run = RetentionRun.objects.create(
        started_at=now,
        finished_at=timezone.now(),
        cutoffs={kind: moment.isoformat() for kind, moment in limits.items()},
        counts=counts,
    )
    events.retention_applied(run)
    return run


def _delete_audit_entries(before):
    """The only deletion of audit entries: raw SQL past the model's guards, allowed by
    the PostgreSQL trigger only while veilignet.retention is on in this transaction."""
    table = AuditEntry._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL veilignet.retention = 'on'")
        cursor.execute(f"DELETE FROM {table} WHERE timestamp < %s", [before])  # noqa: S608
        deleted = cursor.rowcount
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL veilignet.retention = 'off'")
    return deleted

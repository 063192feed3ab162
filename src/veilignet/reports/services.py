"""Business actions on advice requests and reports: each in a transaction, each audited.

Re-report detection: persons in a report are matched against known persons of the
handling organisation's region, by BSN or else by surname key and date of birth. A report
is linked to a household automatically only on strong evidence (a BSN that occurs in
exactly one household); every other candidate is shown to the worker, who decides.

Joint cases: a decision with an outcome in CASE_OUTCOMES opens the joint case on the
report's household (the deciding worker coordinates until a warm handover), unless the
household already has an open case. Linking a report to a known household also links it
to the household's case (open, in follow-up or closed within 24 months), which notifies
the coordinator.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from veilignet import deadlines
from veilignet.accounts.models import HOUSEHOLD_ROLES
from veilignet.audit import events
from veilignet.cases import services as cases
from veilignet.cases.models import CaseOrigin
from veilignet.people import services as people
from veilignet.people.models import AccessReason, Household, HouseholdMember, Person
from veilignet.reports.models import (
    CASE_OUTCOMES,
    OUTCOME_STATUS,
    OUTCOMES_WITH_COMPLETION,
    TRANSITIONS,
    Kind,
    Outcome,
    Report,
    ReporterFeedback,
    ReportPerson,
    ReportViolence,
    SafetyAssessment,
    Status,
    StatusChange,
    TriageDecision,
)

REPORTER_FIELDS = (
    "sector",
    "anonymous",
    "name",
    "organisation",
    "phone",
    "email",
    "wants_feedback",
)
PERSON_FIELDS = ("role", "first_name", "last_name", "date_of_birth", "bsn")
# How a joint case opened by a triage decision records its origin.
CASE_ORIGIN = {
    Outcome.LOCAL_TEAM: CaseOrigin.TRIAGE_LOCAL_TEAM,
    Outcome.CONDITIONS_AND_FOLLOW_UP: CaseOrigin.CONDITIONS_AND_FOLLOW_UP,
    Outcome.INVESTIGATION: CaseOrigin.INVESTIGATION,
    Outcome.MDA: CaseOrigin.MDA_PLUS,
}


def _change_status(actor, report, status, note=""):
    """Move a report along the transitions table, adding a history row."""
    if status not in TRANSITIONS[report.status]:
        raise ValidationError(
            _("A report with status “%(current)s” cannot become “%(new)s”.")
            % {"current": report.get_status_display(), "new": Status(status).label}
        )
    StatusChange.objects.create(report=report, status=status, changed_by=actor, note=note)
    report.status = status
    report.save(update_fields=["status"])
    events.report_status_changed(actor, report, status)


def _is_handler(user, report):
    return (
        user is not None
        and user.role in HOUSEHOLD_ROLES
        and user.organisation_id == report.handling_organisation_id
    )


@transaction.atomic
def register(
    actor,
    *,
    handling_organisation,
    kind,
    received_at,
    channel,
    municipality,
    reporter,
    violence_forms,
    complex_divorce,
    persons,
    concern,
    submitted_by_organisation=None,
):
    """Register an advice request or report with its persons (partial data and no BSN are
    fine). A report whose BSNs point to exactly one known household is linked to it."""
    report = Report.objects.create(
        kind=kind,
        handling_organisation=handling_organisation,
        submitted_by_organisation=submitted_by_organisation,
        received_at=received_at,
        channel=channel,
        municipality=municipality,
        **{f"reporter_{name}": reporter.get(name) or _empty(name) for name in REPORTER_FIELDS},
        complex_divorce=complex_divorce,
        concern=concern,
        triage_deadline=deadlines.triage_deadline(received_at),
        registered_by=actor,
    )
    StatusChange.objects.create(report=report, status=Status.REGISTERED, changed_by=actor)
    ReportViolence.objects.bulk_create(
        ReportViolence(report=report, form=form) for form in dict.fromkeys(violence_forms)
    )
    for data in persons:
        reported = ReportPerson(
            report=report, **{k: data.get(k) or _empty(k) for k in PERSON_FIELDS}
        )
        reported.full_clean(exclude=["report", "person"])
        reported.save()
    events.report_registered(actor, report)
    if kind == Kind.REPORT:
        _link_on_strong_evidence(actor, report)
    return report


def _empty(name):
    """The stored value of a field left out: False for flags, '' or None otherwise."""
    if name in ("anonymous", "wants_feedback"):
        return False
    return None if name == "date_of_birth" else ""


class Evidence:
    BSN = "bsn"
    NAME_AND_BIRTH_DATE = "name_and_birth_date"


@dataclass
class Candidate:
    """A known household that may be the report's, with just enough data to decide."""

    household: Household
    evidence: str
    members: list = field(default_factory=list)


def find_candidates(report):
    """Known households of the region with a person of this report: by BSN, else by
    surname and date of birth. Strongest evidence first; two queries in all."""
    reported = list(report.persons.all())
    bsns = {p.bsn for p in reported if p.bsn}
    pairs = {(p.last_name_key, p.date_of_birth) for p in reported if p.last_name_key}
    pairs = {pair for pair in pairs if pair[1] is not None}
    if not bsns and not pairs:
        return []
    match = Q(person__bsn__in=bsns)
    for key, born in pairs:
        match |= Q(person__last_name_key=key, person__date_of_birth=born)
    hits = HouseholdMember.objects.filter(
        match, household__municipality__region_id=report.municipality.region_id
    ).values_list("household_id", "person__bsn")
    evidence = {}
    for household_id, bsn in hits:
        if bsn and bsn in bsns:
            evidence[household_id] = Evidence.BSN
        else:
            evidence.setdefault(household_id, Evidence.NAME_AND_BIRTH_DATE)
    if report.household_id:
        evidence.pop(report.household_id, None)
    households = Household.objects.filter(pk__in=evidence).select_related("municipality")
    members = defaultdict(list)
    for member in HouseholdMember.objects.filter(household_id__in=evidence).select_related(
        "person"
    ):
        members[member.household_id].append(member)
    candidates = [Candidate(h, evidence[h.pk], members[h.pk]) for h in households]
    candidates.sort(key=lambda c: (c.evidence != Evidence.BSN, c.household.pk))
    return candidates


def _attach_persons(actor, report, household):
    """Make every person of the report a member of `household`: an existing member when
    BSN (or, without conflicting BSNs, surname and date of birth) match, a known person
    with the same BSN, or else a newly registered person."""
    members = [m.person for m in household.members.select_related("person")]
    by_bsn = {p.bsn: p for p in members if p.bsn}
    by_name = {(p.last_name_key, p.date_of_birth): p for p in members if p.last_name_key}
    reported = list(report.persons.all())
    bsns = [r.bsn for r in reported if r.bsn]
    known = {p.bsn: p for p in Person.objects.filter(bsn__in=bsns)} if bsns else {}
    for row in reported:
        person = by_bsn.get(row.bsn) if row.bsn else None
        if person is None and row.last_name_key and row.date_of_birth:
            same = by_name.get((row.last_name_key, row.date_of_birth))
            if same is not None and not (same.bsn and row.bsn and same.bsn != row.bsn):
                person = same
        if person is None and row.bsn in known:
            person = people.add_member(actor, household, known[row.bsn], row.role)
        elif person is None:
            person = people.add_person(
                actor,
                household,
                row.role,
                first_name=row.first_name,
                last_name=row.last_name,
                date_of_birth=row.date_of_birth,
                bsn=row.bsn,
            )
        row.person = person
    ReportPerson.objects.bulk_update(reported, ["person"])
    return [row.person for row in reported]


def _link(actor, report, household, *, known=True):
    if report.kind != Kind.REPORT:
        raise ValidationError(_("Only a report is linked to a household."))
    if report.household_id:
        raise ValidationError(_("This report is already linked to a household."))
    persons = _attach_persons(actor, report, household)
    report.household = household
    report.is_re_report = known
    report.save(update_fields=["household", "is_re_report"])
    for user in {report.assigned_to, actor}:
        if _is_handler(user, report):
            people.grant_access(household, user, AccessReason.REPORT)
    events.report_linked(actor, report, household, persons)
    if known:
        cases.register_new_report(household, report.pk, actor)
    return report


def _link_on_strong_evidence(actor, report):
    """Link automatically only when the report's BSNs point to exactly one household."""
    strong = [c.household for c in find_candidates(report) if c.evidence == Evidence.BSN]
    if len(strong) == 1:
        _link(actor, report, strong[0])


@transaction.atomic
def link_household(actor, report, household):
    """The worker links the report to a known household: the report is a re-report."""
    return _link(actor, report, household)


@transaction.atomic
def link_new_household(actor, report):
    """The worker registers a new household for the report's persons."""
    household = people.register_household(actor, report.municipality)
    return _link(actor, report, household, known=False)


@transaction.atomic
def assign(actor, report, assignee):
    """Assign the report to a case worker or team lead of its organisation (None: nobody)."""
    if assignee is not None and not _is_handler(assignee, report):
        raise ValidationError(_("Only a colleague of the handling organisation can be assigned."))
    report.assigned_to = assignee
    report.save(update_fields=["assigned_to"])
    if assignee is not None and report.household_id:
        people.grant_access(report.household, assignee, AccessReason.REPORT)
    events.report_assigned(actor, report)
    return report


@transaction.atomic
def record_assessment(actor, report, **data):
    """Record a (new) safety assessment; the report is in triage from then on."""
    if report.kind != Kind.REPORT or report.status not in (Status.REGISTERED, Status.IN_TRIAGE):
        raise ValidationError(_("A safety assessment is only recorded during triage."))
    assessment = SafetyAssessment(report=report, assessed_by=actor, **data)
    assessment.full_clean(exclude=["report", "assessed_by"])
    assessment.save()
    if report.status == Status.REGISTERED:
        _change_status(actor, report, Status.IN_TRIAGE)
    events.safety_assessment_recorded(actor, assessment)
    return assessment


@transaction.atomic
def confirm_assessment(actor, assessment):
    """A second professional of the same organisation confirms the latest assessment."""
    report = assessment.report
    if actor.pk == assessment.assessed_by_id:
        raise ValidationError(_("A second professional must confirm the safety assessment."))
    if not _is_handler(actor, report):
        raise ValidationError(_("Only a colleague of the handling organisation can confirm."))
    if assessment.is_confirmed:
        raise ValidationError(_("This safety assessment is already confirmed."))
    if report.assessments.filter(assessed_at__gt=assessment.assessed_at).exists():
        raise ValidationError(_("A newer safety assessment replaces this one."))
    assessment.confirmed_by = actor
    assessment.confirmed_at = timezone.now()
    assessment.save(update_fields=["confirmed_by", "confirmed_at"])
    events.safety_assessment_confirmed(actor, assessment)
    return assessment


@transaction.atomic
def decide(actor, report, outcome, rationale):
    """Take the final triage decision, which rests on the latest, confirmed assessment.

    "Voorwaarden en vervolg" and investigation get a completion deadline of 10 weeks.
    Returns the decision: the hook point for opening a joint case (see module docstring).
    """
    if report.kind != Kind.REPORT or report.status != Status.IN_TRIAGE:
        raise ValidationError(_("Only a report in triage can get a triage decision."))
    if outcome in CASE_OUTCOMES and report.household_id is None:
        raise ValidationError(
            _("Link the report to a household first: this decision opens a joint case.")
        )
    assessment = report.assessments.order_by("-assessed_at", "-pk").first()
    if assessment is None or not assessment.is_confirmed:
        raise ValidationError(
            _("The safety assessment must be confirmed by a second professional first.")
        )
    now = timezone.now()
    completion = deadlines.completion_deadline(now) if outcome in OUTCOMES_WITH_COMPLETION else None
    decision = TriageDecision.objects.create(
        report=report,
        assessment=assessment,
        outcome=outcome,
        rationale=rationale,
        decided_by=actor,
        decided_at=now,
        completion_deadline=completion,
    )
    report.completion_deadline = completion
    report.feedback_due = report.feedback_expected
    report.save(update_fields=["completion_deadline", "feedback_due"])
    _change_status(actor, report, OUTCOME_STATUS[outcome])
    events.triage_decided(actor, decision)
    if outcome in CASE_OUTCOMES and not cases.has_open_case(report.household):
        cases.open_case(actor, report.household, CASE_ORIGIN[outcome], source_report_id=report.pk)
    return decision


@transaction.atomic
def record_feedback(actor, report, given_at, summary):
    """Record what was fed back to a (known) reporter who asked for feedback, and when."""
    if not report.feedback_expected:
        raise ValidationError(_("This reporter did not ask for feedback."))
    feedback = ReporterFeedback.objects.create(
        report=report, given_at=given_at, summary=summary, recorded_by=actor
    )
    report.feedback_due = False
    report.save(update_fields=["feedback_due"])
    events.reporter_feedback_recorded(actor, feedback)
    return feedback


@transaction.atomic
def convert_to_report(actor, advice_request):
    """Turn an open advice request into a report: a new record that links back to it and
    copies its data; the advice request keeps its own history and ends as converted.
    The report is received now, so its triage deadline runs from today."""
    if advice_request.kind != Kind.ADVICE_REQUEST or advice_request.status != Status.REGISTERED:
        raise ValidationError(_("Only an open advice request can be converted into a report."))
    now = timezone.now()
    report = Report.objects.get(pk=advice_request.pk)
    report.pk = None
    report.kind = Kind.REPORT
    report.received_at = now
    report.registered_at = now
    report.registered_by = actor
    report.status = Status.REGISTERED
    report.triage_deadline = deadlines.triage_deadline(now)
    report.converted_from = advice_request
    report.save(force_insert=True)
    StatusChange.objects.create(
        report=report, status=Status.REGISTERED, changed_by=actor, note=advice_request.reference
    )
    ReportViolence.objects.bulk_create(
        ReportViolence(report=report, form=v.form) for v in advice_request.violence.all()
    )
    copies = []
    for row in advice_request.persons.all():
        row.pk, row.report = None, report
        copies.append(row)
    ReportPerson.objects.bulk_create(copies)
    _change_status(actor, advice_request, Status.CONVERTED, note=report.reference)
    events.report_converted(actor, advice_request, report)
    _link_on_strong_evidence(actor, report)
    return report


@transaction.atomic
def close(actor, report, note):
    """Close an answered advice request or a finished follow-up."""
    if report.kind == Kind.REPORT and report.status != Status.FOLLOW_UP:
        raise ValidationError(_("A report is closed through its triage decision."))
    _change_status(actor, report, Status.CLOSED, note=note)
    return report

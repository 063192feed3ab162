"""A small hand-built registry for indicator tests: rows are written directly (the
monitoring app only reads them), with the dates each test needs."""

import datetime

from tests.factories import HouseholdFactory, PersonFactory
from tests.reports.factories import veilig_thuis, worker
from veilignet.cases.models import (
    Case,
    CaseOrigin,
    PhaseChange,
    SafetyJudgement,
    SafetyPlanVersion,
)
from veilignet.cases.models import SafetyAssessment as CaseAssessment
from veilignet.deadlines import AMSTERDAM
from veilignet.people.models import MemberRole
from veilignet.regions.models import Municipality, Population
from veilignet.reports.models import (
    Channel,
    Judgement,
    Kind,
    Report,
    ReportPerson,
    ReportViolence,
    SafetyAssessment,
    Sector,
    Status,
    StatusChange,
    TriageDecision,
    ViolenceForm,
)

TILBURG, GOIRLE = "GM0855", "GM0785"


def at(year, month, day, hour=12, minute=0, second=0):
    """An aware datetime in Amsterdam."""
    return datetime.datetime(year, month, day, hour, minute, second, tzinfo=AMSTERDAM)


def municipality(code=TILBURG):
    return Municipality.objects.get(cbs_code=code)


def set_population(code, year, inhabitants):
    Population.objects.update_or_create(
        municipality=municipality(code), year=year, defaults={"inhabitants": inhabitants}
    )


class Registry:
    """Builds reports, decisions, completions and cases for one Veilig Thuis."""

    def __init__(self):
        self.vt = veilig_thuis(TILBURG)
        self.worker = worker(self.vt)

    def report(
        self,
        received_at,
        *,
        kind=Kind.REPORT,
        code=TILBURG,
        sector=Sector.CITIZEN,
        forms=(ViolenceForm.PARTNER,),
        household=None,
        children=(),
        triage_deadline=None,
    ):
        """A report; `children` are Person objects or None (a child not linked)."""
        report = Report.objects.create(
            kind=kind,
            handling_organisation=self.vt,
            received_at=received_at,
            channel=Channel.PHONE,
            municipality=municipality(code),
            reporter_sector=sector,
            concern="Zorgen.",
            triage_deadline=triage_deadline or received_at.date() + datetime.timedelta(days=7),
            household=household,
            registered_by=self.worker,
        )
        ReportViolence.objects.bulk_create(ReportViolence(report=report, form=f) for f in forms)
        ReportPerson.objects.bulk_create(
            ReportPerson(report=report, role=MemberRole.CHILD, person=child) for child in children
        )
        return report

    def reports(self, count, received_at, **kwargs):
        return [self.report(received_at, **kwargs) for _ in range(count)]

    def decide(self, report, decided_at, outcome="local_team", completion_deadline=None):
        assessment = SafetyAssessment.objects.create(
            report=report,
            assessed_by=self.worker,
            immediate_danger=False,
            children_present=False,
            judgement=Judgement.UNSAFE,
            rationale="-",
        )
        report.completion_deadline = completion_deadline
        report.save(update_fields=["completion_deadline"])
        return TriageDecision.objects.create(
            report=report,
            assessment=assessment,
            outcome=outcome,
            rationale="-",
            decided_by=self.worker,
            decided_at=decided_at,
            completion_deadline=completion_deadline,
        )

    def finish(self, report, finished_at, status=Status.CLOSED):
        return StatusChange.objects.create(
            report=report, status=status, changed_at=finished_at, changed_by=self.worker
        )

    def case(self, opened_at, *, origin=CaseOrigin.INVESTIGATION, code=TILBURG, household=None):
        household = household or HouseholdFactory(municipality=municipality(code))
        case = Case.objects.create(
            household=household,
            municipality_id=household.municipality_id,
            origin=origin,
            opened_by=self.worker,
        )
        Case.objects.filter(pk=case.pk).update(opened_at=opened_at)
        case.refresh_from_db()
        return case

    def phase(self, case, to_phase, changed_at):
        assessment = CaseAssessment.objects.create(
            case=case,
            judgement=SafetyJudgement.SAFE_ENOUGH,
            rationale="-",
            assessed_by=self.worker,
        )
        change = PhaseChange.objects.create(
            case=case,
            from_phase=case.phase,
            to_phase=to_phase,
            assessment=assessment,
            changed_by=self.worker,
        )
        PhaseChange.objects.filter(pk=change.pk).update(changed_at=changed_at)
        Case.objects.filter(pk=case.pk).update(phase=to_phase)

    def plan(self, case, agreed_on, number=1):
        return SafetyPlanVersion.objects.create(
            household=case.household,
            number=number,
            case=case,
            unsafe_who_why="-",
            created_by=self.worker,
            agreed_on=agreed_on,
        )


def child():
    return PersonFactory()

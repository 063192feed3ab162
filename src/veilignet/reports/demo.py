"""Two years of synthetic advice requests and reports for the demo region.

Volumes scale with the region's population: about 3,000 advice requests and 6,000
reports a year per 1.1 million inhabitants (Hart van Brabant, ~480,000: ~1,300 and
~2,600). Proportions approximate the national Veilig Thuis figures: police send most
reports, citizens and victims most advice requests; child abuse and (ex-)partner violence
dominate; about 30% of reports concern a known household (re-reports). The weights are
in `reports.proportions`. Everything is made up with Faker (nl_NL) and the same seed
gives the same data.

The rows are written with bulk_create, bypassing the services for speed. The audit trail
still gets one `demo_record_created` entry per report, household and person (in bulk),
so the demo's trail says honestly where these records came from.
"""

import copy
import datetime
import random
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models.base import ModelState
from django.utils import timezone
from faker import Faker

from veilignet import deadlines
from veilignet.audit import events
from veilignet.people.bsn import make_unique_bsn
from veilignet.people.matching import name_key
from veilignet.people.models import (
    AccessReason,
    Gender,
    Household,
    HouseholdAccess,
    HouseholdMember,
    MemberRole,
    Person,
)
from veilignet.regions.models import Municipality, Population
from veilignet.reports.models import (
    OUTCOME_STATUS,
    OUTCOMES_WITH_COMPLETION,
    Channel,
    Judgement,
    Kind,
    Outcome,
    Report,
    ReporterFeedback,
    ReportPerson,
    ReportViolence,
    RiskFactor,
    SafetyAssessment,
    Sector,
    Status,
    StatusChange,
    TriageDecision,
    ViolenceForm,
)
from veilignet.reports.proportions import (
    CONVERTED_SHARE,
    OUTCOMES,
    PER_INHABITANT,
    RE_REPORT_SHARE,
    SECTORS,
    VIOLENCE,
)

JUDGEMENT = {
    Outcome.CRISIS: Judgement.ACUTELY_UNSAFE,
    Outcome.MDA: Judgement.UNSAFE,
    Outcome.INVESTIGATION: Judgement.UNSAFE,
    Outcome.CONDITIONS_AND_FOLLOW_UP: Judgement.UNSAFE,
    Outcome.ADVICE_ONLY: Judgement.SAFE,
    Outcome.NO_FURTHER_ACTION: Judgement.SAFE,
}
PROFESSIONAL = {
    Sector.POLICE,
    Sector.EDUCATION,
    Sector.CHILDCARE,
    Sector.GP,
    Sector.HOSPITAL,
    Sector.MENTAL_HEALTH,
    Sector.YOUTH_CARE,
    Sector.LOCAL_TEAM,
}
CONCERNS = {
    ViolenceForm.CHILD_ABUSE: "Zorgen over een kind: {detail}.",
    ViolenceForm.PARTNER: "Geweld tussen partners: {detail}.",
    ViolenceForm.EX_PARTNER: "Geweld na de scheiding: {detail}.",
    ViolenceForm.ELDER_ABUSE: "Zorgen over een oudere: {detail}.",
    ViolenceForm.SEXUAL: "Vermoeden van seksueel geweld: {detail}.",
    ViolenceForm.HONOUR_RELATED: "Signalen van eergerelateerd geweld: {detail}.",
    ViolenceForm.HUMAN_TRAFFICKING: "Signalen van uitbuiting: {detail}.",
}
DETAILS = [
    "buren hoorden geschreeuw en slaan",
    "politie ter plaatse na een ruzie, kinderen waren thuis",
    "letsel gezien dat niet past bij de uitleg",
    "de melder maakt zich al langer zorgen",
    "eerder contact met hulpverlening, situatie herhaalt zich",
    "de betrokkene durft niet naar huis",
    "er zijn dreigingen geuit via berichten",
]


def cast_for(rng, form, make):
    """The persons involved in a contact about a form of violence, each made by
    `make(role, youngest age, oldest age)`; shared by the demo and national generators."""
    children = rng.choice([0, 1, 1, 2, 2, 3])
    if form == ViolenceForm.ELDER_ABUSE:
        cast = [make(MemberRole.VICTIM, 70, 92), make(MemberRole.PERPETRATOR, 35, 60)]
    elif form == ViolenceForm.CHILD_ABUSE:
        cast = [make(MemberRole.PARENT, 24, 50) for _ in range(rng.choice([1, 2]))]
        cast += [make(MemberRole.CHILD, 0, 17) for _ in range(max(children, 1))]
    else:
        cast = [make(MemberRole.VICTIM, 18, 60), make(MemberRole.PERPETRATOR, 18, 65)]
        cast += [make(MemberRole.CHILD, 0, 17) for _ in range(children)]
    if rng.random() < 0.1:
        cast.append(make(MemberRole.NETWORK, 20, 75))
    return cast


def _pick(rng, weights):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


@dataclass
class _Known:
    """A household the demo created, with its persons, available for re-reports."""

    household: Household
    persons: list = field(default_factory=list)  # (Person, role)


class _Generator:
    def __init__(self, organisation, workers, seed):
        self.rng = random.Random(seed)  # noqa: S311 (synthetic demo data)
        self.fake = Faker("nl_NL")
        self.fake.seed_instance(seed)
        self.organisation = organisation
        self.workers = workers
        self.case_workers = [w for w in workers if w.role == "case_worker"] or workers
        self.now = timezone.now()
        self.bsns = set(Person.objects.exclude(bsn="").values_list("bsn", flat=True))
        self.known = []  # households created here, in the order of their first report
        municipalities = list(Municipality.objects.filter(region=organisation.region))
        latest = {}
        for population in Population.objects.filter(municipality__in=municipalities):
            current = latest.get(population.municipality_id)
            if current is None or population.year > current.year:
                latest[population.municipality_id] = population
        self.municipalities = municipalities
        self.weights = [latest[m.pk].inhabitants if m.pk in latest else 1 for m in municipalities]
        self.inhabitants = sum(self.weights)
        self.rows = {
            name: []
            for name in (
                "violence",
                "persons",
                "history",
                "assessments",
                "decisions",
                "feedback",
                "members",
                "access",
            )
        }

    # Persons

    def _person(self, role, min_age, max_age, surname, known_details):
        gender = self.rng.choice([Gender.FEMALE, Gender.MALE])
        first = (
            self.fake.first_name_female()
            if gender == Gender.FEMALE
            else self.fake.first_name_male()
        )
        if not known_details:
            return Person(first_name=first if self.rng.random() < 0.5 else "", gender=gender), role
        born = self.fake.date_of_birth(minimum_age=min_age, maximum_age=max_age)
        last = surname if self.rng.random() < 0.8 else self.fake.last_name()
        person = Person(
            first_name=first,
            last_name=last,
            last_name_key=name_key(last),
            gender=gender,
            date_of_birth=born,
            bsn=make_unique_bsn(self.rng, 0.9 if min_age < 18 else 0.85, self.bsns),
        )
        return person, role

    def _cast(self, form, known_details):
        """The persons involved for a form of violence, as (Person, role)."""
        surname = self.fake.last_name()

        def make(role, low, high):
            return self._person(role, low, high, surname, known_details)

        return cast_for(self.rng, form, make)

    # Time

    def _later(self, moment, working_days, hours=(9, 17)):
        day = deadlines.add_working_days(deadlines.local_date(moment), working_days)
        clock = datetime.time(self.rng.randint(*hours), self.rng.randint(0, 59))
        return min(
            datetime.datetime.combine(day, clock, tzinfo=deadlines.AMSTERDAM),
            self.now - datetime.timedelta(minutes=5),
        )

    def _received_at(self, days, sector):
        moment = self.now - datetime.timedelta(days=self.rng.uniform(0, days))
        local = moment.astimezone(deadlines.AMSTERDAM)
        if sector != Sector.POLICE:  # police reports come at any hour; others in office hours
            local = local.replace(hour=self.rng.randint(8, 17))
        return min(local, self.now - datetime.timedelta(minutes=30))

    # Records

    def build(self, years):
        days = 365 * years
        reports = []
        for kind, rate in PER_INHABITANT.items():
            for _ in range(round(self.inhabitants * rate * years)):
                sector = _pick(self.rng, SECTORS[kind])
                reports.append(self._report(kind, sector, self._received_at(days, sector)))
        reports.sort(key=lambda pair: pair[0].received_at)
        return reports

    def _report(self, kind, sector, received_at):
        rng = self.rng
        anonymous = sector not in PROFESSIONAL and rng.random() < {
            Sector.CITIZEN: 0.35,
            Sector.PERPETRATOR: 0.1,
        }.get(sector, 0.05)
        wants_feedback = not anonymous and rng.random() < (0.85 if sector in PROFESSIONAL else 0.5)
        forms = [_pick(rng, VIOLENCE)]
        if forms[0] in (ViolenceForm.PARTNER, ViolenceForm.EX_PARTNER) and rng.random() < 0.35:
            forms.append(ViolenceForm.CHILD_ABUSE)
        phone = self.fake.phone_number() if not anonymous else ""
        report = Report(
            kind=kind,
            handling_organisation=self.organisation,
            received_at=received_at,
            channel=Channel.POLICE
            if sector == Sector.POLICE
            else _pick(
                rng, {Channel.PHONE: 70, Channel.WEB: 15, Channel.EMAIL: 10, Channel.IN_PERSON: 5}
            ),
            municipality=rng.choices(self.municipalities, weights=self.weights)[0],
            reporter_sector=sector,
            reporter_anonymous=anonymous,
            reporter_name="" if anonymous else self.fake.name(),
            reporter_organisation=self.fake.company() if sector in PROFESSIONAL else "",
            reporter_phone=phone,
            reporter_wants_feedback=wants_feedback,
            complex_divorce=(ViolenceForm.EX_PARTNER in forms and rng.random() < 0.4)
            or rng.random() < 0.03,
            concern=CONCERNS[forms[0]].format(detail=rng.choice(DETAILS)),
            triage_deadline=deadlines.triage_deadline(received_at),
            registered_by=rng.choice(self.workers),
            registered_at=received_at + datetime.timedelta(minutes=rng.randint(5, 90)),
        )
        return report, forms


@transaction.atomic
def seed_reports(organisation, workers, seed=2026, years=2):
    """Create `years` of advice requests and reports handled by `organisation` (a Veilig
    Thuis), worked on by `workers` (its case workers and team lead). Returns the count.

    Everything is decided in memory first, then written with one bulk insert per table.
    """
    gen = _Generator(organisation, workers, seed)
    today = deadlines.today()
    new_households, new_people, converted = [], [], []
    reports = []
    for report, forms in gen.build(years):
        reports.append(report)
        gen.rows["violence"] += [ReportViolence(report=report, form=f) for f in forms]
        _history(gen, report, Status.REGISTERED, report.received_at)
        if report.kind == Kind.ADVICE_REQUEST:
            _advice_request(gen, report, forms, today, converted)
        else:
            _work_report(gen, report, forms, today, new_households, new_people)
    # Converted advice requests become reports too (and count as such).
    conversions = []
    for advice, forms in converted:
        received_at = gen._later(advice.received_at, gen.rng.randint(1, 4))
        report = copy.copy(advice)
        report.pk, report._state = None, ModelState()
        report.kind, report.converted_from, report.received_at = Kind.REPORT, advice, received_at
        report.triage_deadline = deadlines.triage_deadline(received_at)
        conversions.append(report)
        gen.rows["violence"] += [ReportViolence(report=report, form=f) for f in forms]
        _history(gen, report, Status.REGISTERED, received_at)
        _work_report(gen, report, forms, today, new_households, new_people)
    _save(gen, reports, conversions, new_households, new_people)
    events.demo_records_created(workers[0], [*reports, *conversions, *new_households, *new_people])
    return len(reports) + len(conversions)


def _history(gen, report, status, at, note=""):
    report.status = status
    gen.rows["history"].append(
        StatusChange(
            report=report,
            status=status,
            changed_at=at,
            changed_by=report.assigned_to or report.registered_by,
            note=note,
        )
    )


def _advice_request(gen, report, forms, today, converted):
    rng = gen.rng
    for person, role in gen._cast(forms[0], known_details=False)[: rng.choice([0, 1, 2])]:
        gen.rows["persons"].append(
            ReportPerson(report=report, role=role, first_name=person.first_name)
        )
    report.assigned_to = rng.choice(gen.case_workers) if rng.random() < 0.8 else None
    if deadlines.local_date(report.received_at) >= today - datetime.timedelta(days=3):
        return  # recent: still open
    if rng.random() < CONVERTED_SHARE:
        _history(gen, report, Status.CONVERTED, gen._later(report.received_at, 1))
        converted.append((report, forms))
    else:
        _history(gen, report, Status.CLOSED, gen._later(report.received_at, rng.randint(0, 3)))


def _work_report(gen, report, forms, today, new_households, new_people):
    """Triage (assessment, confirmation, decision), household, follow-up and feedback."""
    rng = gen.rng
    age = (today - deadlines.local_date(report.received_at)).days
    assignee = rng.choice(gen.case_workers)
    report.assigned_to = assignee if age > 1 or rng.random() < 0.5 else None
    household, cast = _household(gen, report, forms, new_households, new_people)
    decide_after = rng.choice([1, 2, 3, 3, 4, 4, 5, 5, 5]) if rng.random() < 0.95 else 7
    decided_at = gen._later(report.received_at, decide_after)
    # Not decided yet: the decision would lie in the future (a few stay overdue).
    in_triage = decided_at >= gen.now - datetime.timedelta(hours=1) or (
        7 < age < 30 and rng.random() < 0.05
    )
    if not (age < 1 or (in_triage and rng.random() < 0.4)):
        _triage(gen, report, assignee, cast, decide_after, decided_at, in_triage, age)
    if household is not None and report.assigned_to:
        gen.rows["access"].append((household, report.assigned_to))


def _triage(gen, report, assignee, cast, decide_after, decided_at, in_triage, age):
    rng = gen.rng
    outcome = _pick(rng, OUTCOMES)
    assessed_at = gen._later(report.received_at, max(decide_after - 1, 0))
    second = rng.choice([w for w in gen.workers if w.pk != assignee.pk])
    assessment = SafetyAssessment(
        report=report,
        assessed_by=assignee,
        assessed_at=assessed_at,
        immediate_danger=outcome == Outcome.CRISIS,
        risk_factors=rng.sample([r.value for r in RiskFactor], rng.randint(0, 4)),
        children_present=any(role == MemberRole.CHILD for _, role in cast),
        judgement=JUDGEMENT.get(outcome) or rng.choice([Judgement.SAFE, Judgement.UNSAFE]),
        rationale="Synthetische onderbouwing van de veiligheidsbeoordeling.",
        confirmed_by=None if in_triage else second,
        confirmed_at=None if in_triage else assessed_at + datetime.timedelta(hours=1),
    )
    gen.rows["assessments"].append(assessment)
    report.assigned_to = assignee
    _history(gen, report, Status.IN_TRIAGE, assessed_at)
    if in_triage:
        return
    completion = (
        deadlines.completion_deadline(decided_at) if outcome in OUTCOMES_WITH_COMPLETION else None
    )
    report.completion_deadline = completion
    gen.rows["decisions"].append(
        TriageDecision(
            report=report,
            assessment=assessment,
            outcome=outcome,
            rationale="Synthetisch triagebesluit.",
            decided_by=assignee,
            decided_at=decided_at,
            completion_deadline=completion,
        )
    )
    _history(gen, report, OUTCOME_STATUS[outcome], decided_at)
    if report.status == Status.FOLLOW_UP:
        end = decided_at + datetime.timedelta(weeks=rng.choice([5, 6, 7, 8, 8, 9, 9, 10, 10, 12]))
        if end < gen.now and (completion is None or end.date() <= completion or age > 84):
            _history(gen, report, Status.CLOSED, end, note="Afgerond")
    if report.feedback_expected and (age > 10 or rng.random() < 0.5):
        gen.rows["feedback"].append(
            ReporterFeedback(
                report=report,
                given_at=min(decided_at + datetime.timedelta(days=rng.randint(0, 5)), gen.now),
                summary="De melder is geïnformeerd over het besluit.",
                recorded_by=assignee,
            )
        )


def _household(gen, report, forms, new_households, new_people):
    """Link the report to a known household (re-report) or a new one; returns
    (household or None, [(Person, role)])."""
    rng = gen.rng
    if (gen.now - report.received_at).days < 2 and rng.random() < 0.6:
        # Still being registered: persons as named, no household linked yet.
        cast = gen._cast(forms[0], known_details=True)
        gen.rows["persons"] += [_named(report, p, role, linked=False) for p, role in cast]
        return None, cast
    if gen.known and rng.random() < RE_REPORT_SHARE:
        known = rng.choice(gen.known)
        report.is_re_report = True
    else:
        household = Household(municipality=report.municipality, created_at=report.received_at)
        known = _Known(household, gen._cast(forms[0], known_details=True))
        gen.known.append(known)
        new_households.append(household)
        new_people += [person for person, _ in known.persons]
    report.household = known.household
    gen.rows["persons"] += [_named(report, p, role, linked=True) for p, role in known.persons]
    return known.household, known.persons


def _named(report, person, role, linked):
    return ReportPerson(
        report=report,
        role=role,
        first_name=person.first_name,
        last_name=person.last_name,
        last_name_key=person.last_name_key,
        date_of_birth=person.date_of_birth,
        bsn=person.bsn,
        person=person if linked else None,
    )


def _save(gen, reports, conversions, households, persons):
    """Write everything in bulk, referenced rows first."""
    created_at = [h.created_at for h in households]
    Household.objects.bulk_create(households, batch_size=1000)
    for household, moment in zip(households, created_at, strict=True):
        household.created_at = moment  # auto_now_add set it to now on insert
    Household.objects.bulk_update(households, ["created_at"], batch_size=1000)
    Person.objects.bulk_create(persons, batch_size=1000)
    Report.objects.bulk_create(reports, batch_size=1000)
    Report.objects.bulk_create(conversions, batch_size=1000)
    members = {}
    for row in gen.rows["persons"]:
        household = row.report.household
        if row.person is not None and household is not None:
            members.setdefault(
                (household.pk, row.person.pk),
                HouseholdMember(household=household, person=row.person, role=row.role),
            )
    HouseholdMember.objects.bulk_create(members.values(), batch_size=1000)
    grants = {
        (user.pk, household.pk): HouseholdAccess(
            household=household,
            user=user,
            organisation_id=user.organisation_id,
            reason=AccessReason.REPORT,
        )
        for household, user in gen.rows["access"]
    }
    HouseholdAccess.objects.bulk_create(grants.values(), batch_size=1000, ignore_conflicts=True)
    for name, model in (
        ("violence", ReportViolence),
        ("persons", ReportPerson),
        ("history", StatusChange),
        ("assessments", SafetyAssessment),
        ("decisions", TriageDecision),
        ("feedback", ReporterFeedback),
    ):
        model.objects.bulk_create(gen.rows[name], batch_size=1000)

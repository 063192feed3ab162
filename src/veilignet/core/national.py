"""The synthetic national data set behind `manage.py generate_national`.

342 municipalities in 26 regions (codes `XG0001`..., never a real CBS code), populations
drawn from a log-normal distribution scaled to the Dutch total, and per region a Veilig
Thuis, a local team per municipality and partner organisations with staff in every role
(current and former employees, so a case worker sees the cases of her own years). Over
`years` up to today it generates the advice requests and reports of the whole country
(about 1.5 million in ten years at scale 1.0, weights from `reports.proportions`), with
their households and persons, triage (four-eyes assessments, decisions, feedback), the
joint cases they open (members with one coordinator, safety plan versions, phases,
notes, closure and follow-up checks) and the audit entries those actions would have
written. Every person is made up (Faker nl_NL pools); BSNs are unique and pass the
eleven-test; the same seed and day give the same data.

Rows stream through one `Writer` in batches: COPY on PostgreSQL, executemany on SQLite,
with the foreign-key checks off during the load (the generator assigns every id itself).
"""

import bisect
import datetime
import itertools
import json
import math
import random
import time
from collections import defaultdict
from functools import lru_cache

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import translation
from faker import Faker

from veilignet import deadlines
from veilignet.accounts.models import DemoDevice, Organisation, OrganisationType, Role, User
from veilignet.audit.models import Action, AuditEntry, Purpose
from veilignet.cases.models import (
    Case,
    CaseEvent,
    CaseMember,
    CaseReportLink,
    CaseRole,
    EventKind,
    FollowUpCheck,
    Phase,
    PhaseChange,
    SafetyJudgement,
    SafetyPlanVersion,
)
from veilignet.cases.models import SafetyAssessment as CaseAssessment
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
from veilignet.regions.models import Municipality, Population, Region
from veilignet.reports.demo import CONCERNS, DETAILS, JUDGEMENT, PROFESSIONAL, cast_for
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
from veilignet.reports.services import CASE_ORIGIN

REGIONS = 26
MUNICIPALITIES = 342
INHABITANTS = 17_950_000  # the Dutch total the drawn populations are scaled to
GROWTH = 1.03  # contacts per year grow by about 3%
SLUG_PREFIX = "nat-"  # generated regions; their presence marks a generated database
CODE_PREFIX = "XG"  # synthetic municipality codes; CBS codes start with GM
PASSWORD = "Veilignet-national-2026"  # noqa: S105 (synthetic accounts, documented)
DAY = datetime.timedelta(days=1)
YEAR_DAYS = 365.25

# Partner organisations per region besides the Veilig Thuis and the local teams:
# (slug prefix, name prefix, type, role of their users, users per 100,000 inhabitants).
PARTNERS = [
    ("politie", "Politie basisteam", OrganisationType.POLICE, Role.CASE_WORKER, 1.0),
    ("ggz", "GGZ", OrganisationType.MENTAL_HEALTH, Role.CASE_WORKER, 1.0),
    (
        "jeugdbescherming",
        "Jeugdbescherming",
        OrganisationType.YOUTH_PROTECTION,
        Role.CASE_WORKER,
        0.6,
    ),
    ("reclassering", "Reclassering", OrganisationType.PROBATION, Role.CASE_WORKER, 0.4),
    ("ziekenhuis", "Ziekenhuis", OrganisationType.HOSPITAL, Role.CASE_WORKER, 0.2),
    ("gemeente", "Gemeente", OrganisationType.MUNICIPALITY, Role.POLICY_OFFICER, 0.3),
]
# Case role of a partner organisation's worker when she joins a case.
PARTNER_CASE_ROLE = {
    OrganisationType.POLICE: CaseRole.JUSTICE_PARTNER,
    OrganisationType.PROBATION: CaseRole.JUSTICE_PARTNER,
    OrganisationType.MENTAL_HEALTH: CaseRole.THERAPIST,
    OrganisationType.YOUTH_PROTECTION: CaseRole.CASE_WORKER,
    OrganisationType.HOSPITAL: CaseRole.CASE_WORKER,
}
USERNAME_CODE = {
    Role.CASE_WORKER: "mw",
    Role.TEAM_LEAD: "tl",
    Role.DIRECTOR: "dir",
    Role.POLICY_OFFICER: "beleid",
    Role.BOARD_MEMBER: "bestuur",
    Role.FUNCTIONAL_ADMIN: "beheer",
    Role.AUDITOR: "audit",
    Role.PRIVACY_OFFICER: "privacy",
}
LETTERS = "ABCDEFGHJKLMNPRSTVWXZ"  # postcode letters
CHANNELS = {Channel.PHONE: 70, Channel.WEB: 15, Channel.EMAIL: 10, Channel.IN_PERSON: 5}

# Columns of the tables written in bulk, in the order the generator gives the values.
COLUMNS = {
    Household: "id, municipality_id, created_at",
    Person: "id, first_name, last_name, date_of_birth, gender, address, postcode, city, bsn, "
    "last_name_key, created_at, updated_at",
    HouseholdMember: "id, household_id, person_id, role, added_at",
    HouseholdAccess: "id, household_id, user_id, organisation_id, reason, granted_at",
    Report: "id, kind, handling_organisation_id, received_at, channel, municipality_id, "
    "reporter_sector, reporter_anonymous, reporter_name, reporter_organisation, "
    "reporter_phone, reporter_email, reporter_wants_feedback, complex_divorce, concern, "
    "status, triage_deadline, completion_deadline, household_id, is_re_report, "
    "converted_from_id, assigned_to_id, registered_by_id, registered_at",
    # The last columns of these three: copies of the report's (see reports.models.ReportCopies).
    ReportViolence: "id, report_id, form, report_municipality_id, report_received_at",
    ReportPerson: "id, report_id, role, first_name, last_name, last_name_key, date_of_birth, "
    "bsn, person_id, report_kind, report_municipality_id, report_received_at",
    StatusChange: "id, report_id, status, changed_at, changed_by_id, note",
    SafetyAssessment: "id, report_id, assessed_by_id, assessed_at, immediate_danger, "
    "risk_factors, children_present, judgement, rationale, confirmed_by_id, confirmed_at",
    TriageDecision: "id, report_id, assessment_id, outcome, rationale, decided_by_id, "
    "decided_at, completion_deadline, report_kind, report_municipality_id, "
    "report_triage_deadline",
    ReporterFeedback: "id, report_id, given_at, summary, recorded_by_id, recorded_at",
    Case: "id, household_id, municipality_id, origin, source_report_id, phase, opened_at, "
    "opened_by_id, closed_at",
    CaseMember: "id, case_id, user_id, organisation_id, case_role, joined_at, left_at, "
    "leave_reason",
    CaseAssessment: "id, case_id, judgement, rationale, assessed_by_id, assessed_at",
    PhaseChange: "id, case_id, from_phase, to_phase, assessment_id, reason, changed_by_id, "
    "changed_at",
    SafetyPlanVersion: "id, household_id, number, case_id, unsafe_who_why, conditions, "
    "early_warning_signs, who_to_call, network_agreements, agreed_on, agreed_by, "
    "created_by_id, created_at",
    CaseEvent: "id, case_id, kind, actor_id, detail, text, at",
    CaseReportLink: "id, case_id, report_id, linked_at",
    FollowUpCheck: "id, case_id, organisation_id, months_after_closure, due_on, notified_at, "
    "done_at, done_by_id, contact_made, assessment_id, reopen",
    AuditEntry: "id, timestamp, user_id, username, organisation, role, event, action, "
    "purpose, object_type, object_id, person_id, detail",
}
# Models created with bulk_create before the stream (regions, organisations, staff).
SETUP_MODELS = [Region, Municipality, Population, Organisation, User, DemoDevice]


def is_test_database():
    """Whether the connection points at a test or in-memory database."""
    name = str(connection.settings_dict["NAME"])
    return "test" in name.lower() or "memory" in name


def existing_data():
    """Labels of the tables (other than the shipped regions) that already hold rows."""
    models = [Organisation, User, Household, Person, Report, Case, AuditEntry]
    return [m._meta.label for m in models if m.objects.exists()]


def is_generated():
    return Region.objects.filter(slug__startswith=SLUG_PREFIX).exists()


class Writer:
    """Rows per table, written in batches of `batch` rows in one transaction: COPY on
    PostgreSQL, executemany on SQLite. Ids are handed out here (from the table's max)."""

    def __init__(self, batch=100_000):
        self.batch = batch
        self.vendor = connection.vendor
        self.rows = defaultdict(list)
        self.written = defaultdict(int)
        self.ids = {}
        # Timestamps are naive UTC: psycopg sends datetimes as they are (the session is
        # in UTC); on SQLite they are stored as text, as Django does.
        self.ts = str if self.vendor == "sqlite" else _same

    def next_id(self, model):
        try:
            return next(self.ids[model])
        except KeyError:
            latest = model.objects.order_by("-pk").values_list("pk", flat=True).first()
            self.ids[model] = itertools.count((latest or 0) + 1)
            return next(self.ids[model])

    def add(self, model, row):
        self.rows[model].append(row)

    def maybe_flush(self):
        if sum(map(len, self.rows.values())) >= self.batch:
            self.flush()

    @property
    def counts(self):
        counts = defaultdict(int, self.written)
        for model, rows in self.rows.items():
            counts[model] += len(rows)
        return counts

    def flush(self):
        with transaction.atomic():
            raw = connection.connection
            for model, rows in self.rows.items():
                if rows:
                    self._write(raw, model._meta.db_table, COLUMNS[model], rows)
                    self.written[model] += len(rows)
        self.rows.clear()

    def _write(self, raw, table, columns, rows):
        if self.vendor == "postgresql":
            with raw.cursor() as cursor, cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as cp:
                for row in rows:
                    cp.write_row(row)
        else:
            marks = ", ".join("?" * len(rows[0]))
            sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608 (model names)
            raw.executemany(sql, rows)

    def __enter__(self):
        """Foreign-key checks and secondary indexes off for the load (the generator keeps
        the keys true itself; indexes are rebuilt in one pass on leaving)."""
        connection.ensure_connection()
        with connection.cursor() as cursor:
            if self.vendor == "postgresql":
                cursor.execute("SET session_replication_role = replica")
                cursor.execute("SET synchronous_commit = off")
            else:
                self.checks_disabled = connection.disable_constraint_checking()
            self.indexes = self._secondary_indexes(cursor)
            for name, _definition in self.indexes:
                cursor.execute(f'DROP INDEX "{name}"')
        return self

    def __exit__(self, *exc):
        if exc[0] is None:
            self.flush()
        with connection.cursor() as cursor:
            if self.vendor == "postgresql":
                cursor.execute("SET maintenance_work_mem = '512MB'")
            for _name, definition in self.indexes:
                cursor.execute(definition)
            if self.vendor == "postgresql":
                cursor.execute("RESET maintenance_work_mem")
                cursor.execute("RESET synchronous_commit")
                cursor.execute("SET session_replication_role = DEFAULT")
        if self.vendor != "postgresql" and self.checks_disabled:
            connection.enable_constraint_checking()

    def _secondary_indexes(self, cursor):
        """(name, CREATE statement) of the indexes of the streamed tables that back no
        primary key or constraint: cheaper to build once at the end than row by row."""
        tables = [model._meta.db_table for model in COLUMNS]
        if self.vendor == "postgresql":
            cursor.execute(
                "SELECT c.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i "
                "JOIN pg_class c ON c.oid = i.indexrelid "
                "WHERE i.indrelid::regclass::text = ANY(%s) AND NOT i.indisprimary "
                "AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid) "
                "ORDER BY 1",
                [tables],
            )
        else:
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                "AND tbl_name IN (SELECT value FROM json_each(%s)) ORDER BY 1",
                [json.dumps(tables)],
            )
        return cursor.fetchall()

    def finish(self):
        """Sequences past the generated ids (PostgreSQL), then fresh planner statistics."""
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), [*SETUP_MODELS, *COLUMNS]):
                cursor.execute(sql)  # none on SQLite: AUTOINCREMENT follows the max id
            cursor.execute("ANALYZE")


class Staff:
    """The users of each (organisation, role): slots filled by successive employees, so
    the worker picked for a moment is the one employed then."""

    def __init__(self):
        self.slots = {}  # (organisation id, role) -> [[(start, user tuple)]]

    def add(self, key, chains):
        self.slots[key] = chains

    def pick(self, rng, organisation_id, role, moment, other_than=None):
        """A user (tuple id, username, organisation name, role, organisation id)."""
        chains = self.slots[(organisation_id, role)]
        for _ in range(4):
            chain = chains[rng.randrange(len(chains))]
            index = max(bisect.bisect_right(chain[0], moment) - 1, 0)
            user = chain[1][index]
            if user[0] != other_than:
                return user
        return user


class _Household:
    __slots__ = ("access", "case", "id", "municipality", "persons", "plans")

    def __init__(self, pk, municipality):
        self.id, self.municipality = pk, municipality
        self.persons = []  # (id, role, first, last, key, born, bsn)
        self.case = None
        self.plans = 0
        self.access = set()


class _Case:
    __slots__ = ("closed_at", "id", "phase")

    def __init__(self, pk):
        self.id, self.phase, self.closed_at = pk, Phase.DIRECT_SAFETY, None


def _weighted(weights):
    """(keys, cumulative weights) for drawing a key with `bisect`."""
    return list(weights), list(itertools.accumulate(weights.values()))


class NationalGenerator:
    """Builds the data set; `run` calls `progress(stage, seconds, counts)` per stage."""

    def __init__(self, years=10, scale=1.0, seed=2026, now=None, progress=None):
        self.years, self.scale = years, scale
        self.rng = random.Random(seed)  # noqa: S311 (synthetic data)
        self.fake = Faker("nl_NL")
        self.fake.seed_instance(seed)
        aware_now = now or datetime.datetime.now(datetime.UTC)
        self.now = aware_now.astimezone(datetime.UTC).replace(tzinfo=None, microsecond=0)
        self.start = self.now - datetime.timedelta(days=round(years * YEAR_DAYS))
        self.progress = progress or (lambda *args: None)
        self.writer = Writer()
        self.staff = Staff()
        self.bsns = set(Person.objects.exclude(bsn="").values_list("bsn", flat=True))
        self.recent = defaultdict(list)  # municipality id -> [_Household], newest last
        self.tables = {
            "sector": {kind: _weighted(SECTORS[kind]) for kind in SECTORS},
            "violence": _weighted(VIOLENCE),
            "outcome": _weighted(OUTCOMES),
            "channel": _weighted(CHANNELS),
        }
        with translation.override("nl"):
            self.phase_label = {p.value: str(p.label) for p in Phase}
            self.judgement_label = {j.value: str(j.label) for j in SafetyJudgement}
        self.follow_up_months = sorted(set(settings.VEILIGNET_FOLLOW_UP_MONTHS))

    # Helpers

    def pick(self, table, key=None):
        keys, cumulative = self.tables[table] if key is None else self.tables[table][key]
        return keys[bisect.bisect_left(cumulative, self.rng.random() * cumulative[-1])]

    def later(self, moment, working_days):
        """A moment during office hours `working_days` working days after `moment`."""
        day = _add_working_days(_local_date(moment), working_days)
        clock = datetime.time(self.rng.randint(8, 16), self.rng.randint(0, 59))
        local = datetime.datetime.combine(day, clock, tzinfo=deadlines.AMSTERDAM)
        return local.astimezone(datetime.UTC).replace(tzinfo=None)

    def audit(self, moment, actor, event, action, obj, persons=(), detail="", purpose=None):
        """The entries the service or view would have written (one per person)."""
        object_type, object_id = obj
        base = (
            self.writer.ts(moment),
            actor[0],
            actor[1],
            actor[2],
            actor[3],
            event,
            action,
            purpose or Purpose.CASE_WORK,
            object_type,
            str(object_id),
        )
        for person in persons or (None,):
            self.writer.add(AuditEntry, (self.writer.next_id(AuditEntry), *base, person, detail))

    # Stage 1: regions, organisations and staff

    def setup(self):
        rng, fake = self.rng, self.fake
        self.pools = {
            "female": [fake.first_name_female() for _ in range(800)],
            "male": [fake.first_name_male() for _ in range(800)],
            "last": [fake.last_name() for _ in range(3000)],
            "street": [fake.street_name() for _ in range(2000)],
            "sentence": [fake.sentence(nb_words=12) for _ in range(400)],
            "company": [fake.company() for _ in range(400)],
            "phone": [fake.phone_number() for _ in range(400)],
        }
        names, seen = [], set()
        while len(names) < MUNICIPALITIES + REGIONS:
            city = fake.city()
            if city not in seen:
                seen.add(city)
                names.append(city)
        regions = Region.objects.bulk_create(
            Region(name=f"Regio {names[MUNICIPALITIES + i]}", slug=f"{SLUG_PREFIX}{i + 1:02d}")
            for i in range(REGIONS)
        )
        sizes = [rng.lognormvariate(math.log(28_000), 0.85) for _ in range(MUNICIPALITIES)]
        factor = INHABITANTS / sum(sizes)
        sizes = [max(int(s * factor), 950) for s in sizes]
        municipalities = Municipality.objects.bulk_create(
            Municipality(
                region=regions[i % REGIONS], cbs_code=f"{CODE_PREFIX}{i + 1:04d}", name=names[i]
            )
            for i in range(MUNICIPALITIES)
        )
        first_year = self.start.year
        Population.objects.bulk_create(
            (
                Population(
                    municipality=m,
                    year=year,
                    inhabitants=int(size * 1.004 ** (year - self.now.year)),
                )
                for m, size in zip(municipalities, sizes, strict=True)
                for year in range(first_year, self.now.year + 1)
            ),
            batch_size=2000,
        )
        self.municipalities = municipalities
        self.sizes = dict(zip((m.pk for m in municipalities), sizes, strict=True))
        self.muni_cumulative = list(itertools.accumulate(sizes))
        self._organisations(regions)
        return {"regions": len(regions), "municipalities": len(municipalities)}

    def _organisations(self, regions):
        inhabitants = defaultdict(int)
        for m in self.municipalities:
            inhabitants[m.region_id] += self.sizes[m.pk]
        orgs, staffing = [], []  # staffing: (org, role, slots)
        contacts_per_year = sum(PER_INHABITANT.values()) * self.scale
        for region in regions:
            people = inhabitants[region.pk]
            vt = Organisation(
                name=f"Veilig Thuis {region.name}",
                slug=f"vt-{region.slug}",
                type=OrganisationType.VEILIG_THUIS,
                region=region,
            )
            workers = max(3, round(people * contacts_per_year / 110))
            orgs.append(vt)
            staffing += [
                (vt, Role.CASE_WORKER, workers),
                (vt, Role.TEAM_LEAD, max(1, workers // 12)),
                (vt, Role.DIRECTOR, 1),
                (vt, Role.FUNCTIONAL_ADMIN, 1),
                (vt, Role.AUDITOR, 1),
                (vt, Role.PRIVACY_OFFICER, 1),
            ]
            for slug, name, kind, role, per_100k in PARTNERS:
                org = Organisation(
                    name=f"{name} {region.name}",
                    slug=f"{slug}-{region.slug}",
                    type=kind,
                    region=region,
                )
                orgs.append(org)
                count = max(1, round(people / 100_000 * per_100k * self.scale))
                staffing.append((org, role, count))
                if kind == OrganisationType.MUNICIPALITY:
                    staffing.append((org, Role.BOARD_MEMBER, 1))
        self.local_team = {}
        for m in self.municipalities:
            org = Organisation(
                name=f"Wijkteam {m.name}",
                slug=f"wijkteam-{m.cbs_code.lower()}",
                type=OrganisationType.LOCAL_TEAM,
                region_id=m.region_id,
            )
            orgs.append(org)
            self.local_team[m.pk] = org
            workers = max(1, round(self.sizes[m.pk] * contacts_per_year / 180))
            staffing += [(org, Role.CASE_WORKER, workers), (org, Role.TEAM_LEAD, 1)]
        Organisation.objects.bulk_create(orgs)
        self.vt = {o.region_id: o for o in orgs if o.type == OrganisationType.VEILIG_THUIS}
        self.partners = defaultdict(list)
        for o in orgs:
            if o.type in PARTNER_CASE_ROLE:
                self.partners[o.region_id].append(o)
        self._staff(staffing)

    def _staff(self, staffing):
        rng, pools = self.rng, self.pools
        password = make_password(PASSWORD)
        users, chains_of = [], {}
        for org, role, slots in staffing:
            chains = []
            for _ in range(slots):
                moment = self.start - datetime.timedelta(days=rng.uniform(0, 4 * YEAR_DAYS))
                starts, members = [], []
                while moment <= self.now:
                    tenure = datetime.timedelta(days=rng.uniform(2, 8) * YEAR_DAYS)
                    number = len(users) + 1
                    female = rng.random() < 0.7
                    user = User(
                        username=f"{org.slug}.{USERNAME_CODE[role]}{number:05d}",
                        first_name=rng.choice(pools["female" if female else "male"]),
                        last_name=rng.choice(pools["last"]),
                        organisation=org,
                        role=role,
                        password=password,
                        is_active=moment + tenure > self.now,
                        date_joined=moment.replace(tzinfo=datetime.UTC),
                    )
                    user.email = f"{user.username}@example.org"
                    users.append(user)
                    starts.append(moment)
                    members.append(user)
                    moment += tenure
                chains.append((starts, members))
            chains_of[(org, role)] = chains
        User.objects.bulk_create(users, batch_size=2000)
        DemoDevice.objects.bulk_create(
            (DemoDevice(user=u, name="demo", confirmed=True) for u in users), batch_size=2000
        )
        for (org, role), chains in chains_of.items():
            self.staff.add(
                (org.pk, role),
                [
                    (starts, [(u.pk, u.username, org.name, role.value, org.pk) for u in members])
                    for starts, members in chains
                ],
            )
        self.user_count = len(users)

    # Stage 2: the contacts of every month, chronologically

    def months(self):
        """(first moment, last moment, contacts) of each month of the period."""
        per_year = INHABITANTS * sum(PER_INHABITANT.values()) * self.scale
        moment = self.start
        while moment < self.now:
            end = min(moment + datetime.timedelta(days=YEAR_DAYS / 12), self.now)
            years_ago = (self.now - moment).days / YEAR_DAYS
            expected = (
                per_year
                / 12
                * GROWTH ** (self.years / 2 - years_ago)
                * ((end - moment) / (YEAR_DAYS / 12 * DAY))
            )
            yield moment, end, int(expected) + (self.rng.random() < expected % 1)
            moment = end

    def contacts(self, start, end, count):
        rng = self.rng
        span = (end - start).total_seconds()
        advice_share = PER_INHABITANT[Kind.ADVICE_REQUEST] / sum(PER_INHABITANT.values())
        for offset in sorted(int(rng.random() * span) for _ in range(count)):
            received = start + datetime.timedelta(seconds=offset)
            kind = Kind.ADVICE_REQUEST if rng.random() < advice_share else Kind.REPORT
            self.contact(kind, received)
            self.writer.maybe_flush()

    def contact(self, kind, received, converted_from=None, forms=None, municipality=None):
        rng, w = self.rng, self.writer
        sector = self.pick("sector", kind)
        if municipality is None:
            index = bisect.bisect_left(
                self.muni_cumulative, rng.random() * self.muni_cumulative[-1]
            )
            municipality = self.municipalities[index]
        if forms is None:
            forms = [self.pick("violence")]
            if forms[0] in (ViolenceForm.PARTNER, ViolenceForm.EX_PARTNER) and rng.random() < 0.35:
                forms.append(ViolenceForm.CHILD_ABUSE)
        vt = self.vt[municipality.region_id]
        registrar = self.staff.pick(rng, vt.pk, Role.CASE_WORKER, received)
        registered = min(received + datetime.timedelta(minutes=rng.randint(5, 90)), self.now)
        anonymous = sector not in PROFESSIONAL and rng.random() < {
            Sector.CITIZEN: 0.35,
            Sector.PERPETRATOR: 0.1,
        }.get(sector, 0.05)
        triage_deadline = _triage_deadline(_local_date(received))
        report = {
            "id": w.next_id(Report),
            "kind": kind,
            "received": received,
            "triage_deadline": triage_deadline,
            "sector": sector,
            "anonymous": anonymous,
            "feedback": not anonymous and rng.random() < (0.85 if sector in PROFESSIONAL else 0.5),
            "forms": forms,
            "municipality": municipality,
            "vt": vt,
            "status": [(Status.REGISTERED, registered, registrar)],
            "household": None,
            "re_report": False,
            "completion": None,
            "assignee": None,
            "registrar": registrar,
            "converted_from": converted_from,
            # The report's values its rows carry a copy of (see COLUMNS), as written.
            "copies": {
                "kind": kind,
                "municipality": municipality.pk,
                "received": w.ts(received),
                "triage_deadline": triage_deadline,
            },
        }
        for form in forms:
            w.add(
                ReportViolence,
                (
                    w.next_id(ReportViolence),
                    report["id"],
                    form,
                    *self._copies(report, "municipality", "received"),
                ),
            )
        self.audit(
            registered,
            registrar,
            "report_registered",
            Action.CREATE,
            ("reports.report", report["id"]),
            purpose=Purpose.REGISTRATION,
        )
        age = (self.now - received).days
        if kind == Kind.ADVICE_REQUEST:
            self._advice(report, age)
        else:
            self._report(report, age)
        self._write_report(report, registered)

    @staticmethod
    def _copies(report, *names):
        """The values of the report's copied `names`, in that order."""
        return tuple(report["copies"][name] for name in names)

    def _write_report(self, report, registered):
        rng, w = self.rng, self.writer
        sector, anonymous = report["sector"], report["anonymous"]
        for status, moment, actor in report["status"]:
            w.add(
                StatusChange,
                (
                    w.next_id(StatusChange),
                    report["id"],
                    status,
                    self.writer.ts(moment),
                    actor[0],
                    "Afgerond" if status == Status.CLOSED and report["completion"] else "",
                ),
            )
            if status != Status.REGISTERED:
                self.audit(
                    moment,
                    actor,
                    "report_status_changed",
                    Action.UPDATE,
                    ("reports.report", report["id"]),
                    detail=f"status={status}",
                )
        household = report["household"]
        assignee = report["assignee"]
        w.add(
            Report,
            (
                report["id"],
                report["kind"],
                report["vt"].pk,
                self.writer.ts(report["received"]),
                Channel.POLICE if sector == Sector.POLICE else self.pick("channel"),
                report["municipality"].pk,
                sector,
                anonymous,
                ""
                if anonymous
                else f"{rng.choice(self.pools['female'])} {rng.choice(self.pools['last'])}",
                rng.choice(self.pools["company"]) if sector in PROFESSIONAL else "",
                "" if anonymous else rng.choice(self.pools["phone"]),
                "",
                report["feedback"],
                ViolenceForm.EX_PARTNER in report["forms"] and rng.random() < 0.4,
                CONCERNS[report["forms"][0]].format(detail=rng.choice(DETAILS)),
                report["status"][-1][0],
                report["triage_deadline"],
                report["completion"],
                household.id if household else None,
                report["re_report"],
                report["converted_from"],
                assignee[0] if assignee else None,
                report["registrar"][0],
                self.writer.ts(registered),
            ),
        )

    def _advice(self, report, age):
        rng, w = self.rng, self.writer
        for _ in range(rng.choice([0, 1, 2])):
            w.add(
                ReportPerson,
                (
                    w.next_id(ReportPerson),
                    report["id"],
                    rng.choice(list(MemberRole)),
                    rng.choice(self.pools["female"]),
                    "",
                    "",
                    None,
                    "",
                    None,
                    *self._copies(report, "kind", "municipality", "received"),
                ),
            )
        received = report["received"]
        if age > 3 or rng.random() < 0.2:
            report["assignee"] = self.staff.pick(rng, report["vt"].pk, Role.CASE_WORKER, received)
        if age <= 3:
            return
        actor = report["assignee"] or report["registrar"]
        if rng.random() < CONVERTED_SHARE:
            moment = self.later(received, rng.randint(1, 4))
            if moment < self.now:
                report["status"].append((Status.CONVERTED, moment, actor))
                self.contact(
                    Kind.REPORT,
                    moment,
                    converted_from=report["id"],
                    forms=report["forms"],
                    municipality=report["municipality"],
                )
                return
        closed = min(self.later(received, rng.randint(0, 3)), self.now)
        report["status"].append((Status.CLOSED, closed, actor))

    def _report(self, report, age):
        rng = self.rng
        received, vt = report["received"], report["vt"]
        assignee = self.staff.pick(rng, vt.pk, Role.CASE_WORKER, received)
        report["assignee"] = assignee if age > 1 or rng.random() < 0.5 else None
        household, cast = self._household(report, age)
        if household is not None and report["assignee"]:
            self.grant(household, assignee, AccessReason.REPORT, received)
        decide_after = rng.choice([1, 2, 3, 3, 4, 4, 5, 5, 5]) if rng.random() < 0.95 else 7
        decided = self.later(received, decide_after)
        in_triage = decided >= self.now - datetime.timedelta(hours=1)
        if age >= 1 and not (in_triage and rng.random() < 0.4):
            report["assignee"] = assignee
            self._triage(report, assignee, cast, decide_after, decided, in_triage, age)

    def _household(self, report, age):
        """Link to a recent household (re-report) or a new one; (household, cast)."""
        rng, w = self.rng, self.writer
        received, municipality = report["received"], report["municipality"]
        known = self.recent[municipality.pk]
        if age < 2 and rng.random() < 0.6:  # still being registered: no household yet
            cast = self._cast(report["forms"][0])
            for person in cast:
                self._named(report, person, linked=False)
            return None, cast
        if known and rng.random() < RE_REPORT_SHARE:
            household = known[rng.randrange(len(known))]
            report["re_report"] = True
        else:
            household = _Household(w.next_id(Household), municipality.pk)
            w.add(Household, (household.id, municipality.pk, self.writer.ts(received)))
            actor = report["registrar"]
            self.audit(
                received,
                actor,
                "household_created",
                Action.CREATE,
                ("people.household", household.id),
                purpose=Purpose.REGISTRATION,
            )
            street = f"{rng.choice(self.pools['street'])} {rng.randint(1, 250)}"
            postcode = f"{rng.randint(1000, 9999)}{''.join(rng.choices(LETTERS, k=2))}"
            for person in self._cast(report["forms"][0]):
                pid = w.next_id(Person)
                first, last, born, gender, role = person
                share = 0.9 if role == MemberRole.CHILD else 0.85
                bsn = make_unique_bsn(rng, share, self.bsns)
                w.add(
                    Person,
                    (
                        pid,
                        first,
                        last,
                        born,
                        gender,
                        street,
                        postcode,
                        municipality.name,
                        bsn,
                        name_key(last),
                        self.writer.ts(received),
                        self.writer.ts(received),
                    ),
                )
                w.add(
                    HouseholdMember,
                    (w.next_id(HouseholdMember), household.id, pid, role, self.writer.ts(received)),
                )
                self.audit(
                    received,
                    actor,
                    "person_added",
                    Action.CREATE,
                    ("people.household", household.id),
                    [pid],
                    role,
                    purpose=Purpose.REGISTRATION,
                )
                household.persons.append((pid, role, first, last, name_key(last), born, bsn))
            known.append(household)
            if len(known) > 300:
                known.pop(0)
        report["household"] = household
        for person in household.persons:
            self._named(report, person, linked=True)
        return household, household.persons

    def _cast(self, form):
        """Made-up persons for a form of violence: (first, last, born, gender, role)."""
        rng, pools = self.rng, self.pools
        surname = rng.choice(pools["last"])
        year = self.now.year

        def make(role, low, high):
            gender = Gender.FEMALE if rng.random() < 0.5 else Gender.MALE
            first = rng.choice(pools["female" if gender == Gender.FEMALE else "male"])
            last = surname if rng.random() < 0.8 else rng.choice(pools["last"])
            born = datetime.date(
                year - rng.randint(low, high), rng.randint(1, 12), rng.randint(1, 28)
            )
            return first, last, born, gender, role

        return cast_for(rng, form, make)

    def _named(self, report, person, linked):
        w = self.writer
        if linked:
            pid, role, first, last, key, born, bsn = person
        else:
            first, last, born, _gender, role = person
            pid, key, bsn = None, name_key(last), ""
        w.add(
            ReportPerson,
            (
                w.next_id(ReportPerson),
                report["id"],
                role,
                first,
                last,
                key,
                born,
                bsn,
                pid,
                *self._copies(report, "kind", "municipality", "received"),
            ),
        )

    def grant(self, household, user, reason, moment):
        if user[0] not in household.access:
            household.access.add(user[0])
            w = self.writer
            w.add(
                HouseholdAccess,
                (
                    w.next_id(HouseholdAccess),
                    household.id,
                    user[0],
                    user[4],
                    reason,
                    self.writer.ts(moment),
                ),
            )

    def _triage(self, report, assignee, cast, decide_after, decided, in_triage, age):
        rng, w = self.rng, self.writer
        outcome = self.pick("outcome")
        received, vt = report["received"], report["vt"]
        assessed = min(self.later(received, max(decide_after - 1, 0)), self.now)
        second = self.staff.pick(rng, vt.pk, Role.CASE_WORKER, assessed, other_than=assignee[0])
        if second[0] == assignee[0]:
            second = self.staff.pick(rng, vt.pk, Role.TEAM_LEAD, assessed)
        confirmed = None if in_triage else assessed + datetime.timedelta(hours=1)
        aid = w.next_id(SafetyAssessment)
        persons = [p[0] for p in cast if len(p) == 7]
        w.add(
            SafetyAssessment,
            (
                aid,
                report["id"],
                assignee[0],
                self.writer.ts(assessed),
                outcome == Outcome.CRISIS,
                _risk_factors(rng),
                any((p[1] if len(p) == 7 else p[4]) == MemberRole.CHILD for p in cast),
                JUDGEMENT.get(outcome) or rng.choice([Judgement.SAFE, Judgement.UNSAFE]),
                "Synthetische onderbouwing van de veiligheidsbeoordeling.",
                None if in_triage else second[0],
                self.writer.ts(confirmed) if confirmed else None,
            ),
        )
        report_ref = ("reports.report", report["id"])
        self.audit(assessed, assignee, "report_viewed", Action.VIEW, report_ref, persons)
        self.audit(
            assessed,
            assignee,
            "safety_assessment_recorded",
            Action.CREATE,
            ("reports.safetyassessment", aid),
        )
        report["status"].append((Status.IN_TRIAGE, assessed, assignee))
        if in_triage:
            return
        self.audit(
            confirmed,
            second,
            "safety_assessment_confirmed",
            Action.UPDATE,
            ("reports.safetyassessment", aid),
        )
        completion = (
            _completion_deadline(_local_date(decided))
            if outcome in OUTCOMES_WITH_COMPLETION
            else None
        )
        report["completion"] = completion
        did = w.next_id(TriageDecision)
        w.add(
            TriageDecision,
            (
                did,
                report["id"],
                aid,
                outcome,
                "Synthetisch triagebesluit.",
                assignee[0],
                self.writer.ts(decided),
                completion,
                *self._copies(report, "kind", "municipality", "triage_deadline"),
            ),
        )
        self.audit(
            decided,
            assignee,
            "triage_decided",
            Action.CREATE,
            ("reports.triagedecision", did),
            detail=f"outcome={outcome}",
        )
        status = OUTCOME_STATUS[outcome]
        report["status"].append((status, decided, assignee))
        if status == Status.FOLLOW_UP:
            end = decided + datetime.timedelta(weeks=rng.choice([5, 6, 7, 8, 8, 9, 9, 10, 10, 12]))
            if end < self.now:
                report["status"].append((Status.CLOSED, end, assignee))
        if report["feedback"] and (age > 10 or rng.random() < 0.5):
            given = min(decided + datetime.timedelta(days=rng.randint(0, 5)), self.now)
            fid = w.next_id(ReporterFeedback)
            w.add(
                ReporterFeedback,
                (
                    fid,
                    report["id"],
                    self.writer.ts(given),
                    "De melder is geïnformeerd over het besluit.",
                    assignee[0],
                    self.writer.ts(given),
                ),
            )
            self.audit(
                given,
                assignee,
                "reporter_feedback_recorded",
                Action.CREATE,
                ("reports.reporterfeedback", fid),
            )
        household = report["household"]
        if outcome in CASE_ORIGIN and household is not None:
            self._joint_case(report, household, outcome, assignee, decided)

    # Joint cases

    def _joint_case(self, report, household, outcome, vt_worker, decided):
        case = household.case
        if case is not None and (case.closed_at is None or case.closed_at > decided):
            self._link(case, report["id"], vt_worker, decided)  # still open then
        else:
            self._open_case(report, household, outcome, vt_worker, decided)

    def _link(self, case, report_id, actor, moment):
        w = self.writer
        w.add(
            CaseReportLink, (w.next_id(CaseReportLink), case.id, report_id, self.writer.ts(moment))
        )
        self.event(case, EventKind.REPORT_LINKED, actor, moment, detail=str(report_id))
        self.audit(
            moment,
            actor,
            "case_report_linked",
            Action.UPDATE,
            ("cases.case", case.id),
            detail=f"report={report_id}",
        )

    def event(self, case, kind, actor, moment, detail="", text=""):
        w = self.writer
        w.add(
            CaseEvent,
            (w.next_id(CaseEvent), case.id, kind, actor[0], detail, text, self.writer.ts(moment)),
        )

    def _open_case(self, report, household, outcome, vt_worker, opened):
        rng, w, staff = self.rng, self.writer, self.staff
        municipality = report["municipality"]
        case = _Case(w.next_id(Case))
        origin = CASE_ORIGIN[outcome]
        local_team = self.local_team[municipality.pk]
        if outcome == Outcome.LOCAL_TEAM:
            coordinator = staff.pick(rng, local_team.pk, Role.CASE_WORKER, opened)
        else:
            coordinator = vt_worker
        members = [(coordinator, CaseRole.COORDINATOR)]
        if outcome != Outcome.LOCAL_TEAM and rng.random() < 0.7:
            members.append(
                (staff.pick(rng, local_team.pk, Role.CASE_WORKER, opened), CaseRole.CASE_WORKER)
            )
        for _ in range(rng.choice([0, 1, 1, 2] if outcome == Outcome.MDA else [0, 0, 1])):
            partner = rng.choice(self.partners[municipality.region_id])
            user = staff.pick(rng, partner.pk, Role.CASE_WORKER, opened)
            if all(user[0] != m[0][0] for m in members):
                members.append((user, PARTNER_CASE_ROLE[partner.type]))
        persons = [p[0] for p in household.persons]
        case_ref = ("cases.case", case.id)
        self.event(case, EventKind.OPENED, vt_worker, opened, detail=origin)
        self.audit(opened, vt_worker, "case_opened", Action.CREATE, case_ref, detail=origin)
        w.add(
            CaseReportLink,
            (w.next_id(CaseReportLink), case.id, report["id"], self.writer.ts(opened)),
        )
        for user, role in members:
            w.add(
                CaseMember,
                (
                    w.next_id(CaseMember),
                    case.id,
                    user[0],
                    user[4],
                    role,
                    self.writer.ts(opened),
                    None,
                    "",
                ),
            )
            self.grant(household, user, AccessReason.CASE_MEMBER, opened)
            self.event(case, EventKind.MEMBER_JOINED, vt_worker, opened, detail=role)
            self.audit(
                opened,
                vt_worker,
                "case_member_added",
                Action.CREATE,
                case_ref,
                detail=f"user={user[0]} role={role}",
            )
        # The course of the case: how long it runs and how far it gets.
        duration = datetime.timedelta(days=rng.lognormvariate(math.log(200), 0.6))
        end = opened + duration
        moment = opened + datetime.timedelta(days=rng.uniform(2, 14))
        complex_case = outcome != Outcome.LOCAL_TEAM
        if moment < self.now and (complex_case or rng.random() < 0.6):
            self._plan(case, household, coordinator, moment)
            steps = [(0.3, Phase.RISK_GUIDED_CARE), (0.65, Phase.RECOVERY)]
            for share, phase in steps:
                at = max(opened + duration * share, moment + DAY)
                if at >= self.now or rng.random() < 0.15:
                    break
                if rng.random() < 0.3:
                    self._plan(case, household, coordinator, at - DAY)
                self._move(case, coordinator, phase, at, SafetyJudgement.SAFE_ENOUGH)
        # Notes and views along the way (up to now or the end).
        last = min(end, self.now)
        moment = opened + datetime.timedelta(days=rng.uniform(1, 10))
        while moment < last:
            writer_user = rng.choice(members)[0]
            self.audit(
                moment, writer_user, "case_viewed", Action.VIEW, case_ref, persons, "overview"
            )
            if rng.random() < 0.5:
                self.event(
                    case,
                    EventKind.NOTE,
                    writer_user,
                    moment,
                    text=rng.choice(self.pools["sentence"]),
                )
                self.audit(
                    moment,
                    writer_user,
                    "case_note_added",
                    Action.CREATE,
                    case_ref,
                    detail=EventKind.NOTE,
                )
            moment += datetime.timedelta(days=rng.uniform(30, 120))
        if end < self.now:
            self._close(case, coordinator, end)
        household.case = case
        self._write_case(case, household, origin, report["id"], vt_worker, opened)

    def _assess(self, case, actor, moment, judgement):
        w = self.writer
        sid = w.next_id(CaseAssessment)
        w.add(
            CaseAssessment,
            (
                sid,
                case.id,
                judgement,
                "Synthetische veiligheidstaxatie.",
                actor[0],
                self.writer.ts(moment),
            ),
        )
        self.audit(
            moment,
            actor,
            "case_assessment_recorded",
            Action.CREATE,
            ("cases.case", case.id),
            detail=judgement,
        )
        return sid

    def _move(self, case, actor, to_phase, moment, judgement, reason=""):
        w = self.writer
        sid = self._assess(case, actor, moment, judgement)
        w.add(
            PhaseChange,
            (
                w.next_id(PhaseChange),
                case.id,
                case.phase,
                to_phase,
                sid,
                reason,
                actor[0],
                self.writer.ts(moment),
            ),
        )
        detail = f"{self.phase_label[case.phase]} → {self.phase_label[to_phase]}"
        self.event(case, EventKind.PHASE_CHANGED, actor, moment, detail=detail, text=reason)
        self.audit(
            moment,
            actor,
            "case_phase_changed",
            Action.UPDATE,
            ("cases.case", case.id),
            detail=f"{case.phase}->{to_phase}",
        )
        case.phase = to_phase
        return sid

    def _plan(self, case, household, actor, moment):
        rng, w = self.rng, self.writer
        household.plans += 1
        pid = w.next_id(SafetyPlanVersion)
        conditions = (
            '[{"what": "Geen geweld in het bijzijn van de kinderen", '
            '"responsible": "Ouders", "check": "Wekelijks huisbezoek"}]'
        )
        w.add(
            SafetyPlanVersion,
            (
                pid,
                household.id,
                household.plans,
                case.id,
                rng.choice(self.pools["sentence"]),
                conditions,
                rng.choice(self.pools["sentence"]),
                "Bij dreiging: 112, daarna de regisseur.",
                "",
                _local_date(moment),
                "Ouders en regisseur",
                actor[0],
                self.writer.ts(moment),
            ),
        )
        self.event(case, EventKind.PLAN_VERSION, actor, moment, detail=str(household.plans))
        self.audit(
            moment,
            actor,
            "safety_plan_saved",
            Action.CREATE,
            ("cases.safetyplanversion", pid),
            detail=f"version={household.plans}",
        )

    def _close(self, case, coordinator, closed):
        rng, w = self.rng, self.writer
        self._move(
            case, coordinator, Phase.CLOSED, closed, SafetyJudgement.SAFE_ENOUGH, "Doelen bereikt"
        )
        case.closed_at = closed
        self.event(case, EventKind.CLOSED, coordinator, closed, text="Doelen bereikt")
        self.audit(closed, coordinator, "case_closed", Action.UPDATE, ("cases.case", case.id))
        closed_on = _local_date(closed)
        remaining = len(self.follow_up_months)
        for months in self.follow_up_months:
            due = closed_on + relativedelta(months=months)
            done = datetime.datetime.combine(due, datetime.time(11)) + datetime.timedelta(
                days=rng.randint(0, 10)
            )
            check_id = w.next_id(FollowUpCheck)
            recorded = done < self.now
            if recorded:
                remaining -= 1
                actor = self.staff.pick(rng, coordinator[4], Role.CASE_WORKER, done)
                sid = self._assess(case, actor, done, SafetyJudgement.SAFE_ENOUGH)
                # notified_at, done_at, done_by_id, contact_made, assessment_id (COLUMNS)
                result = (w.ts(done - 3 * DAY), w.ts(done), actor[0], True, sid)
            else:
                result = (None,) * 5
            w.add(FollowUpCheck, (check_id, case.id, coordinator[4], months, due, *result, False))
            if not recorded:
                continue
            self.event(
                case,
                EventKind.FOLLOW_UP_CHECK,
                actor,
                done,
                detail=self.judgement_label[SafetyJudgement.SAFE_ENOUGH],
            )
            self.audit(
                done,
                actor,
                "follow_up_check_recorded",
                Action.UPDATE,
                ("cases.followupcheck", check_id),
                detail="reopen=False",
            )
            if case.phase == Phase.CLOSED and remaining:
                self._move(case, actor, Phase.FOLLOW_UP, done, SafetyJudgement.SAFE_ENOUGH)
            elif case.phase == Phase.FOLLOW_UP and not remaining:
                self._move(
                    case, actor, Phase.CLOSED, done, SafetyJudgement.SAFE_ENOUGH, "Nazorg afgerond"
                )

    def _write_case(self, case, household, origin, report_id, opener, opened):
        self.writer.add(
            Case,
            (
                case.id,
                household.id,
                household.municipality,
                origin,
                report_id,
                case.phase,
                self.writer.ts(opened),
                opener[0],
                self.writer.ts(case.closed_at) if case.closed_at else None,
            ),
        )

    # Running it all

    def run(self):
        began = time.perf_counter()
        with self.writer:
            with transaction.atomic():
                counts = self.setup()
            counts["users"] = self.user_count
            self.progress("regions, organisations and staff", time.perf_counter() - began, counts)
            year, mark = None, time.perf_counter()
            for start, end, count in self.months():
                if year is not None and start.year != year:
                    self.progress(f"contacts {year}", time.perf_counter() - mark, self._totals())
                    mark = time.perf_counter()
                year = start.year
                self.contacts(start, end, count)
            self.writer.flush()
            self.progress(f"contacts {year}", time.perf_counter() - mark, self._totals())
            mark = time.perf_counter()
        self.progress("indexes rebuilt", time.perf_counter() - mark, {})
        mark = time.perf_counter()
        due = Report.objects.mark_feedback_due()
        self.progress("feedback flags", time.perf_counter() - mark, {"feedback due": due})
        mark = time.perf_counter()
        self.writer.finish()
        self.progress("sequences and ANALYZE", time.perf_counter() - mark, {})
        return self.counts()

    def _totals(self):
        return {"reports": self.writer.counts[Report], "rows": sum(self.writer.counts.values())}

    def counts(self):
        """Rows per table of the generated data set."""
        counts = {m._meta.db_table: m.objects.count() for m in SETUP_MODELS}
        counts |= {m._meta.db_table: n for m, n in self.writer.counts.items()}
        return counts


def _same(value):
    return value


def _risk_factors(rng):
    return "[" + ", ".join(f'"{r}"' for r in rng.sample(RISK_CODES, rng.randint(0, 4))) + "]"


RISK_CODES = [r.value for r in RiskFactor]


def _local_date(moment):
    return moment.replace(tzinfo=datetime.UTC).astimezone(deadlines.AMSTERDAM).date()


@lru_cache(maxsize=8192)
def _add_working_days(day, n):
    return deadlines.add_working_days(day, n)


@lru_cache(maxsize=8192)
def _triage_deadline(day):
    return deadlines.triage_deadline(day)


@lru_cache(maxsize=8192)
def _completion_deadline(day):
    return deadlines.completion_deadline(day)

"""Benchmark: the monitoring dashboard's figures on a national-size registry.

    createdb -h 127.0.0.1 -U postgres veilignet_bench   # once; never the test database
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/veilignet_bench \\
        PYTHONPATH=src .venv/bin/python bench/indicators.py [--reports 1500000]

1. Generates a synthetic registry (default 1.5 million advice requests and reports over
   10 years, 2016-2025, in 342 municipalities of 25 regions) with the rows the indicators
   read: households, children, reports, forms of violence, triage decisions with their
   assessments, completions, joint cases with phase changes and safety plans. Rows are
   written with COPY (foreign-key triggers off during the load; indexes as in
   production), then ANALYZE.
2. Runs VACUUM ANALYZE (not timed): the state autovacuum keeps a production database
   in (visibility map for index-only scans), which this server, with autovacuum off,
   would otherwise never reach.
   Times the full dashboard computation (every measure for the year 2025 and for 2024,
   grouped by municipality with totals, plus the four breakdowns) through the app's own
   code (`veilignet.monitoring.indicators`) for one region and for the whole country,
   with the app's own settings (`jit = off`, and the dashboard's queries on
   `VEILIGNET_MONITORING_CONNECTIONS` connections at once, see settings.py); then on
   one connection, one query after another, for information.
3. Exports the same tables to CSV, loads them into DuckDB (in memory) and computes the
   same figures there with hand-written SQL: the reference. Prints both times, the ratio,
   and checks that every figure is identical.
4. With `--per-query`: the time of each query of the dashboard on its own (per source,
   both years, and per breakdown), for one region and the whole country.

Needs `duckdb` (`pip install -e .[bench]`). Refuses a database whose name lacks "bench".
"""

import argparse
import datetime
import io
import itertools
import os
import random
import sys
import tempfile
import time
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "veilignet.settings")
django.setup()

import duckdb  # noqa: E402
from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402

from veilignet.accounts.models import Organisation, OrganisationType, Role, User  # noqa: E402
from veilignet.monitoring.indicators import (  # noqa: E402
    BREAKDOWNS,
    MEASURES,
    TOTAL,
    Scope,
    compute_breakdown,
    compute_periods,
)
from veilignet.monitoring.periods import Period  # noqa: E402
from veilignet.regions.models import Municipality, Population, Region  # noqa: E402
from veilignet.reports import proportions  # noqa: E402
from veilignet.reports.models import Kind  # noqa: E402

UTC = datetime.UTC
START = datetime.datetime(2016, 1, 1, tzinfo=UTC)
YEARS = 10
REGIONS = 25
# The national weights, from the one place every generator uses.
SECTORS = list(proportions.SECTORS[Kind.REPORT].items())
FORMS = list(proportions.VIOLENCE.items())
OUTCOMES = list(proportions.OUTCOMES.items())
CASE_ORIGIN = {
    "local_team": "triage_local_team",
    "conditions_follow_up": "conditions_and_follow_up",
    "investigation": "investigation",
    "mda": "mda_plus",
}
COMPLEX = {"conditions_and_follow_up", "investigation", "mda_plus"}
TABLES = {
    "people_household": "id, created_at, municipality_id",
    "people_person": "id, first_name, last_name, gender, address, postcode, city, bsn, "
    "last_name_key, created_at, updated_at",
    "reports_report": "id, kind, received_at, channel, reporter_sector, reporter_anonymous, "
    "reporter_name, reporter_organisation, reporter_phone, reporter_email, "
    "reporter_wants_feedback, complex_divorce, concern, status, triage_deadline, "
    "completion_deadline, is_re_report, registered_at, handling_organisation_id, "
    "household_id, municipality_id, registered_by_id",
    # The last columns of these three: copies of the report's (reports.models.ReportCopies).
    "reports_reportviolence": "id, form, report_id, report_municipality_id, report_received_at",
    "reports_reportperson": "id, role, first_name, last_name, last_name_key, bsn, person_id, "
    "report_id, report_kind, report_municipality_id, report_received_at",
    "reports_safetyassessment": "id, assessed_at, immediate_danger, risk_factors, "
    "children_present, judgement, rationale, assessed_by_id, report_id",
    "reports_triagedecision": "id, outcome, rationale, decided_at, completion_deadline, "
    "assessment_id, decided_by_id, report_id, report_kind, report_municipality_id, "
    "report_triage_deadline",
    "reports_statuschange": "id, status, changed_at, note, changed_by_id, report_id",
    "cases_case": "id, origin, source_report_id, phase, opened_at, closed_at, household_id, "
    "municipality_id, opened_by_id",
    "cases_safetyassessment": "id, judgement, rationale, assessed_at, assessed_by_id, case_id",
    "cases_phasechange": "id, from_phase, to_phase, reason, changed_at, case_id, changed_by_id, "
    "assessment_id",
    "cases_safetyplanversion": "id, number, unsafe_who_why, conditions, early_warning_signs, "
    "who_to_call, network_agreements, agreed_on, agreed_by, created_at, case_id, "
    "created_by_id, household_id",
}
N = r"\N"


def ts(moment):
    return moment.strftime("%Y-%m-%d %H:%M:%S+00")


def local_day(moment):
    return (moment + datetime.timedelta(hours=1)).date()  # synthetic: CET is close enough


class Rows:
    """Tab-separated COPY text per table."""

    def __init__(self):
        self.buffers = {name: io.StringIO() for name in TABLES}
        self.counts = dict.fromkeys(TABLES, 0)

    def add(self, table, *values):
        self.counts[table] += 1
        self.buffers[table].write("\t".join(values))
        self.buffers[table].write("\n")


def setup_regions(rng, municipalities):
    """25 bench regions, `municipalities` municipalities (codes BM0001...), populations
    for every year, one Veilig Thuis per region and one worker."""
    regions = Region.objects.bulk_create(
        Region(name=f"Benchregio {i + 1}", slug=f"bench-{i + 1:02d}") for i in range(REGIONS)
    )
    munis = Municipality.objects.bulk_create(
        Municipality(region=regions[i % REGIONS], cbs_code=f"BM{i + 1:04d}", name=f"Bench {i + 1}")
        for i in range(municipalities)
    )
    sizes = [int(3000 * 2.718 ** (rng.random() * 5)) for _ in munis]
    Population.objects.bulk_create(
        Population(municipality=m, year=2016 + y, inhabitants=int(size * (1.005**y)))
        for m, size in zip(munis, sizes, strict=True)
        for y in range(YEARS)
    )
    organisations = Organisation.objects.bulk_create(
        Organisation(
            name=f"Veilig Thuis {r.name}",
            slug=f"vt-{r.slug}",
            type=OrganisationType.VEILIG_THUIS,
            region=r,
        )
        for r in regions
    )
    worker = User.objects.create(
        username="bench.worker", organisation=organisations[0], role=Role.CASE_WORKER
    )
    vt_of = {r.pk: o.pk for r, o in zip(regions, organisations, strict=True)}
    return munis, sizes, vt_of, worker.pk, regions


def generate(rng, total, munis, sizes, vt_of, worker):
    """Build the COPY text of every table; returns a Rows."""
    rows = Rows()
    span = YEARS * 365.25 * 86400
    moments = sorted(rng.random() * span for _ in range(total))
    chosen = rng.choices(range(len(munis)), weights=sizes, k=total)
    sectors = rng.choices([s for s, _ in SECTORS], weights=[w for _, w in SECTORS], k=total)
    forms = rng.choices([f for f, _ in FORMS], weights=[w for _, w in FORMS], k=total)
    outcomes = rng.choices([o for o, _ in OUTCOMES], weights=[w for _, w in OUTCOMES], k=total)
    recent = [[] for _ in munis]
    children_of = {}
    case_open_until = {}
    plans_of = {}
    ids = dict.fromkeys(TABLES, 0)
    day = datetime.timedelta(days=1)
    far = datetime.datetime(9999, 1, 1, tzinfo=UTC)

    def next_id(table):
        ids[table] += 1
        return ids[table]

    for index in range(total):
        received = START + datetime.timedelta(seconds=moments[index])
        muni = munis[chosen[index]]
        rid = index + 1
        advice = rng.random() < 0.35
        household = None
        if not advice and rng.random() < 0.85:
            known = recent[chosen[index]]
            if known and rng.random() < 0.3:
                household = rng.choice(known)
            else:
                household = next_id("people_household")
                rows.add("people_household", str(household), ts(received), str(muni.pk))
                known.append(household)
                if len(known) > 40:
                    known.pop(0)
        deadline = local_day(received) + 7 * day
        decided = outcome = completion = None
        if not advice and rng.random() < 0.97:
            decided = received + datetime.timedelta(seconds=rng.random() * 10 * 86400)
            outcome = outcomes[index]
            if outcome in ("conditions_follow_up", "investigation"):
                completion = local_day(decided) + 70 * day
        rows.add(
            "reports_report",
            str(rid),
            "advice_request" if advice else "report",
            ts(received),
            "phone",
            sectors[index],
            "f",
            "",
            "",
            "",
            "",
            "f",
            "f",
            "-",
            "closed",
            deadline.isoformat(),
            completion.isoformat() if completion else N,
            "f",
            ts(received),
            str(vt_of[muni.region_id]),
            str(household) if household else N,
            str(muni.pk),
            str(worker),
        )
        kind = "advice_request" if advice else "report"
        copies = (str(muni.pk), ts(received))  # the report's municipality and receipt, on its rows
        rows.add(
            "reports_reportviolence",
            str(next_id("reports_reportviolence")),
            forms[index],
            str(rid),
            *copies,
        )
        if rng.random() < 0.25:
            second = rng.choice([f for f, _ in FORMS if f != forms[index]])
            rows.add(
                "reports_reportviolence",
                str(next_id("reports_reportviolence")),
                second,
                str(rid),
                *copies,
            )
        if not advice:
            known_children = children_of.setdefault(household, []) if household else []
            for number in range(rng.choice((0, 1, 1, 2, 2, 3))):
                if rng.random() < 0.15:
                    person = N
                elif number < len(known_children):
                    person = str(known_children[number])
                else:
                    pid = next_id("people_person")
                    rows.add(
                        "people_person",
                        str(pid),
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        ts(received),
                        ts(received),
                    )
                    if household:
                        known_children.append(pid)
                    person = str(pid)
                rows.add(
                    "reports_reportperson",
                    str(next_id("reports_reportperson")),
                    "child",
                    "",
                    "",
                    "",
                    "",
                    person,
                    str(rid),
                    kind,
                    *copies,
                )
        if decided is None:
            continue
        aid = next_id("reports_safetyassessment")
        rows.add(
            "reports_safetyassessment",
            str(aid),
            ts(decided),
            "f",
            "[]",
            "f",
            "unsafe",
            "-",
            str(worker),
            str(rid),
        )
        rows.add(
            "reports_triagedecision",
            str(next_id("reports_triagedecision")),
            outcome,
            "-",
            ts(decided),
            completion.isoformat() if completion else N,
            str(aid),
            str(worker),
            str(rid),
            kind,
            str(muni.pk),
            deadline.isoformat(),
        )
        if completion and rng.random() < 0.9:
            finished = decided + datetime.timedelta(days=14 + rng.random() * 86)
            rows.add(
                "reports_statuschange",
                str(next_id("reports_statuschange")),
                rng.choice(("closed", "handed_over")),
                ts(finished),
                "",
                str(worker),
                str(rid),
            )
        origin = CASE_ORIGIN.get(outcome)
        if origin is None or household is None or rng.random() < 0.5:
            continue
        if case_open_until.get(household, START) > decided:
            continue
        cid = next_id("cases_case")
        closed = (
            decided + datetime.timedelta(days=30 + rng.random() * 470)
            if rng.random() < 0.8
            else None
        )
        phase = "direct_safety"
        if rng.random() < 0.3:
            sid = next_id("cases_safetyassessment")
            moved = decided + 20 * day
            rows.add(
                "cases_safetyassessment",
                str(sid),
                "safe_enough",
                "-",
                ts(moved),
                str(worker),
                str(cid),
            )
            rows.add(
                "cases_phasechange",
                str(next_id("cases_phasechange")),
                phase,
                "risk_guided_care",
                "",
                ts(moved),
                str(cid),
                str(worker),
                str(sid),
            )
            phase = "risk_guided_care"
        if closed:
            sid = next_id("cases_safetyassessment")
            rows.add(
                "cases_safetyassessment",
                str(sid),
                "safe_enough",
                "-",
                ts(closed),
                str(worker),
                str(cid),
            )
            rows.add(
                "cases_phasechange",
                str(next_id("cases_phasechange")),
                phase,
                "closed",
                "",
                ts(closed),
                str(cid),
                str(worker),
                str(sid),
            )
            phase = "closed"
        case_open_until[household] = closed or far
        rows.add(
            "cases_case",
            str(cid),
            origin,
            str(rid),
            phase,
            ts(decided),
            ts(closed) if closed else N,
            str(household),
            str(muni.pk),  # a household is always of the municipality it was drawn for
            str(worker),
        )
        if origin in COMPLEX and rng.random() < 0.75:
            plans_of[household] = plans_of.get(household, 0) + 1
            agreed = local_day(decided) + int(rng.random() * 30) * day
            rows.add(
                "cases_safetyplanversion",
                str(next_id("cases_safetyplanversion")),
                str(plans_of[household]),
                "-",
                "[]",
                "",
                "",
                "",
                agreed.isoformat(),
                "",
                ts(decided),
                str(cid),
                str(worker),
                str(household),
            )
    return rows


def load(rows):
    """COPY every table (FK triggers off for the load), fix sequences, ANALYZE."""
    raw = connection.connection
    with raw.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")
        for table, columns in TABLES.items():
            with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                copy.write(rows.buffers[table].getvalue())
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"COALESCE((SELECT max(id) FROM {table}), 1))"
            )
        cursor.execute("SET session_replication_role = DEFAULT")
    raw.commit()
    with raw.cursor() as cursor:
        cursor.execute("ANALYZE")
    raw.commit()


def reset():
    """Empty the bench database's data (only ever a database named *bench*)."""
    name = connection.settings_dict["NAME"]
    if connection.vendor != "postgresql" or "bench" not in name:
        sys.exit(f"Refusing to run on {connection.vendor} database {name!r}: use *_bench.")
    tables = ", ".join(
        [
            *TABLES,
            "regions_population",
            "regions_municipality",
            "regions_region",
            "accounts_organisation",
            "accounts_user",
        ]
    )
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")


# The dashboard through the app ------------------------------------------------------

CURRENT, PREVIOUS = Period.parse("2025"), Period.parse("2024")


def dashboard_postgres(ids):
    """What the overview page computes: all measures for the period and the one before,
    by municipality with totals, and the four breakdowns."""
    result = {}
    for period, counts in compute_periods(Scope(CURRENT, ids), [PREVIOUS, CURRENT]).items():
        for name, rows in counts.items():
            result[(str(period), name)] = rows
    for key, breakdown in BREAKDOWNS.items():
        result[("breakdown", key)] = compute_breakdown(breakdown, Scope(CURRENT, ids))
    return result


# The same figures in DuckDB ---------------------------------------------------------

EXPORT = {
    "report": "SELECT id, kind, received_at::timestamp AS received_at, municipality_id, "
    "reporter_sector, household_id, triage_deadline, completion_deadline FROM reports_report",
    "violence": "SELECT report_id, form FROM reports_reportviolence",
    "child": "SELECT report_id, person_id FROM reports_reportperson WHERE role = 'child'",
    "decision": "SELECT report_id, outcome, decided_at::timestamp AS decided_at "
    "FROM reports_triagedecision",
    "status": "SELECT report_id, status, changed_at::timestamp AS changed_at "
    "FROM reports_statuschange",
    "cases": "SELECT c.id, c.origin, c.opened_at::timestamp AS opened_at, "
    "c.closed_at::timestamp AS closed_at, c.household_id, c.source_report_id, "
    "h.municipality_id FROM cases_case c JOIN people_household h ON h.id = c.household_id",
    "phase": "SELECT id, case_id, to_phase, changed_at::timestamp AS changed_at "
    "FROM cases_phasechange",
    "plan": "SELECT household_id, agreed_on FROM cases_safetyplanversion",
}


def export_to_duckdb(directory):
    """Copy the tables the indicators read into an in-memory DuckDB (UTC timestamps)."""
    duck = duckdb.connect()
    duck.execute("SET TimeZone = 'Europe/Amsterdam'")
    raw = connection.connection
    with raw.cursor() as cursor:
        cursor.execute("SET TIME ZONE 'UTC'")
        for name, query in EXPORT.items():
            path = Path(directory) / f"{name}.csv"
            with (
                path.open("wb") as out,
                cursor.copy(f"COPY ({query}) TO STDOUT WITH (FORMAT csv, HEADER)") as copy,
            ):
                for chunk in copy:
                    out.write(chunk)
            duck.execute(f"CREATE TABLE {name} AS SELECT * FROM read_csv_auto('{path}')")
    raw.commit()
    return duck


def _utc(moment):
    return moment.astimezone(UTC).replace(tzinfo=None)


def _grouped(duck, sql, params, names):
    """Run a GROUPING SETS query; return {name: {muni | TOTAL: n}}."""
    result = {name: {} for name in names}
    for row in duck.execute(sql, params).fetchall():
        key = TOTAL if row[0] is None else row[0]
        for name, count in zip(names, row[1:], strict=True):
            result[name][key] = count
    return result


def _muni_filter(ids, column):
    return "" if ids is None else f" AND {column} IN ({', '.join(map(str, ids))})"


def measures_duckdb(duck, period, ids):
    start, end = _utc(period.start), _utc(period.end)
    last_day = period.next_first_day
    out = {}
    out |= _grouped(
        duck,
        f"""
        WITH r AS (
          SELECT r.*,
            r.kind = 'report' AND r.household_id IS NOT NULL AND EXISTS (
              SELECT 1 FROM report e WHERE e.household_id = r.household_id AND e.kind = 'report'
                AND e.received_at < r.received_at
                AND e.received_at >= r.received_at - INTERVAL 12 MONTH) AS rr,
            EXISTS (SELECT 1 FROM cases c WHERE c.household_id = r.household_id
                    AND c.opened_at < r.received_at) AS case_before,
            EXISTS (SELECT 1 FROM violence v WHERE v.report_id = r.id
                    AND v.form = 'elder_abuse') AS elder
          FROM report r WHERE r.received_at >= $1 AND r.received_at < $2
          {_muni_filter(ids, "r.municipality_id")})
        SELECT municipality_id,
          count(*) FILTER (WHERE kind = 'advice_request'),
          count(*) FILTER (WHERE kind = 'report'),
          count(*),
          count(*) FILTER (WHERE kind = 'report' AND reporter_sector <> 'police'),
          count(*) FILTER (WHERE rr),
          count(*) FILTER (WHERE rr AND case_before),
          count(*) FILTER (WHERE elder)
        FROM r GROUP BY GROUPING SETS ((municipality_id), ())""",
        [start, end],
        [
            "advice_requests",
            "reports",
            "contacts",
            "non_police_reports",
            "re_reports",
            "re_reports_in_cases",
            "elder_abuse_contacts",
        ],
    )
    out |= _grouped(
        duck,
        f"""
        SELECT r.municipality_id,
          count(DISTINCT c.person_id) + count(*) FILTER (WHERE c.person_id IS NULL)
        FROM child c JOIN report r ON r.id = c.report_id
        WHERE r.kind = 'report' AND r.received_at >= $1 AND r.received_at < $2
        {_muni_filter(ids, "r.municipality_id")}
        GROUP BY GROUPING SETS ((r.municipality_id), ())""",
        [start, end],
        ["unique_children"],
    )
    out |= _grouped(
        duck,
        f"""
        SELECT r.municipality_id,
          count(*) FILTER (WHERE r.kind = 'report'),
          count(*) FILTER (WHERE r.kind = 'report'
            AND CAST(timezone('UTC', d.decided_at) AS DATE) <= r.triage_deadline),
          count(*) FILTER (WHERE d.outcome = 'investigation')
        FROM decision d JOIN report r ON r.id = d.report_id
        WHERE d.decided_at >= $1 AND d.decided_at < $2 {_muni_filter(ids, "r.municipality_id")}
        GROUP BY GROUPING SETS ((r.municipality_id), ())""",
        [start, end],
        ["decisions", "decisions_on_time", "investigations"],
    )
    out |= _grouped(
        duck,
        f"""
        SELECT r.municipality_id, count(*),
          count(*) FILTER (WHERE CAST(timezone('UTC', s.changed_at) AS DATE)
                           <= r.completion_deadline)
        FROM status s JOIN report r ON r.id = s.report_id
        JOIN decision d ON d.report_id = r.id
        WHERE s.status IN ('closed', 'handed_over') AND s.changed_at >= $1 AND s.changed_at < $2
          AND d.outcome IN ('conditions_follow_up', 'investigation')
          {_muni_filter(ids, "r.municipality_id")}
        GROUP BY GROUPING SETS ((r.municipality_id), ())""",
        [start, end],
        ["completions", "completions_on_time"],
    )
    out |= _grouped(
        duck,
        _cases_sql(ids)
        + """
        SELECT municipality_id,
          count(*),
          count(*) FILTER (WHERE phase_at_end IN ('direct_safety', 'risk_guided_care', 'recovery')
                           AND origin IN ('conditions_and_follow_up', 'investigation', 'mda_plus')),
          count(*) FILTER (WHERE phase_at_end IN ('direct_safety', 'risk_guided_care', 'recovery')
                           AND origin IN ('conditions_and_follow_up', 'investigation', 'mda_plus')
                           AND has_plan)
        FROM c GROUP BY GROUPING SETS ((municipality_id), ())""",
        [start, end, last_day],
        ["cases_during", "complex_open_cases", "complex_open_cases_with_plan"],
    )
    return out


def _cases_sql(ids):
    return f"""
        WITH latest AS (
          SELECT case_id, to_phase FROM phase WHERE changed_at < $2
          QUALIFY row_number() OVER (PARTITION BY case_id ORDER BY changed_at DESC, id DESC) = 1),
        c AS (
          SELECT c.*, coalesce(l.to_phase, 'direct_safety') AS phase_at_end,
            EXISTS (SELECT 1 FROM plan p WHERE p.household_id = c.household_id
                    AND p.agreed_on < $3) AS has_plan
          FROM cases c LEFT JOIN latest l ON l.case_id = c.id
          WHERE c.opened_at < $2 AND (c.closed_at IS NULL OR c.closed_at >= $1)
          {_muni_filter(ids, "c.municipality_id")})
    """


def breakdowns_duckdb(duck, period, ids):
    start, end = _utc(period.start), _utc(period.end)
    where = f"r.received_at >= $1 AND r.received_at < $2 {_muni_filter(ids, 'r.municipality_id')}"
    queries = {
        "violence_forms": (
            f"SELECT v.form, count(*) FROM violence v JOIN report r ON r.id = v.report_id "
            f"WHERE {where} GROUP BY 1",
            f"SELECT count(*) FROM report r WHERE {where}",
            [start, end],
        ),
        "reporter_sectors": (
            f"SELECT reporter_sector, count(*) FROM report r WHERE r.kind = 'report' AND {where} "
            "GROUP BY 1",
            f"SELECT count(*) FROM report r WHERE r.kind = 'report' AND {where}",
            [start, end],
        ),
        "triage_outcomes": (
            "SELECT d.outcome, count(*) FROM decision d JOIN report r ON r.id = d.report_id "
            f"WHERE r.kind = 'report' AND d.decided_at >= $1 AND d.decided_at < $2 "
            f"{_muni_filter(ids, 'r.municipality_id')} GROUP BY 1",
            "SELECT count(*) FROM decision d JOIN report r ON r.id = d.report_id "
            f"WHERE r.kind = 'report' AND d.decided_at >= $1 AND d.decided_at < $2 "
            f"{_muni_filter(ids, 'r.municipality_id')}",
            [start, end],
        ),
        "case_phases": (
            _cases_sql(ids) + " SELECT phase_at_end, count(*) FROM c "
            "WHERE phase_at_end <> 'closed' GROUP BY 1",
            _cases_sql(ids) + " SELECT count(*) FROM c WHERE phase_at_end <> 'closed'",
            [start, end, period.next_first_day],
        ),
    }
    result = {}
    for key, (grouped, total, params) in queries.items():
        rows = dict.fromkeys(BREAKDOWNS[key].choices.values, 0)
        rows.update(dict(duck.execute(grouped, params).fetchall()))
        if key == "case_phases":
            rows.pop("closed", None)
        rows[TOTAL] = duck.execute(total, params).fetchone()[0]
        result[("breakdown", key)] = rows
    return result


def dashboard_duckdb(duck, ids, all_ids):
    result = {}
    keys = [*(all_ids if ids is None else ids), TOTAL]
    for period in (CURRENT, PREVIOUS):
        for name, rows in measures_duckdb(duck, period, ids).items():
            result[(str(period), name)] = {key: rows.get(key, 0) for key in keys}
    return result | breakdowns_duckdb(duck, CURRENT, ids)


def best_of(runs, *funcs):
    """[(fastest seconds, result)] of `runs` runs of each function, taken in turns so
    that both sides see the same changes in the machine's load."""
    best, results = [None] * len(funcs), [None] * len(funcs)
    for _, (i, func) in itertools.product(range(runs), enumerate(funcs)):
        began = time.perf_counter()
        results[i] = func()
        elapsed = time.perf_counter() - began
        best[i] = elapsed if best[i] is None else min(best[i], elapsed)
    return list(zip(best, results, strict=True))


def per_query(ids, runs):
    """The fastest time in ms of each query of the dashboard: per source (all its
    measures, both years) and per breakdown."""
    scope = Scope(CURRENT, ids)
    sources = {}
    for name, measure in MEASURES.items():
        sources.setdefault(measure.source.__name__.removesuffix("_source"), []).append(name)
    funcs = {
        source: lambda names=names: compute_periods(scope, [PREVIOUS, CURRENT], names)
        for source, names in sources.items()
    }
    funcs |= {key: lambda b=b: compute_breakdown(b, scope) for key, b in BREAKDOWNS.items()}
    timed = best_of(runs, *funcs.values())
    return {name: seconds * 1000 for name, (seconds, _) in zip(funcs, timed, strict=True)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=1_500_000)
    parser.add_argument("--municipalities", type=int, default=342)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--reuse", action="store_true", help="skip generation, reuse the data")
    parser.add_argument(
        "--per-query", action="store_true", help="then time each query (one connection)"
    )
    args = parser.parse_args()
    rng = random.Random(args.seed)
    if not args.reuse:
        reset()
        began = time.perf_counter()
        munis, sizes, vt_of, worker, _ = setup_regions(rng, args.municipalities)
        rows = generate(rng, args.reports, munis, sizes, vt_of, worker)
        generated = time.perf_counter() - began
        load(rows)
        loaded = time.perf_counter() - began - generated
        print(f"generated in {generated:.0f}s, loaded in {loaded:.0f}s:")
        for table, count in rows.counts.items():
            print(f"  {table:28} {count:>10,}")
    region = Region.objects.filter(slug="bench-01").get()
    region_ids = tuple(region.municipalities.values_list("pk", flat=True))
    all_ids = tuple(
        Municipality.objects.filter(region__slug__startswith="bench-").values_list("pk", flat=True)
    )
    reports = connection.cursor()
    reports.execute("SELECT count(*) FROM reports_report")
    print(
        f"scale: {reports.fetchone()[0]:,} reports, {len(all_ids)} municipalities, {YEARS} years; "
        f"region {region.slug}: {len(region_ids)} municipalities"
    )
    with connection.cursor() as cursor:
        began = time.perf_counter()
        cursor.execute("VACUUM ANALYZE")
        print(f"VACUUM ANALYZE in {time.perf_counter() - began:.0f}s (not timed below)")
    configurations = (
        (settings.VEILIGNET_MONITORING_CONNECTIONS, "the app's setting"),
        (1, "info"),
    )
    with tempfile.TemporaryDirectory() as directory:
        began = time.perf_counter()
        duck = export_to_duckdb(directory)
        print(f"exported to DuckDB in {time.perf_counter() - began:.0f}s (not timed below)")
        failures = 0
        for (connections, note), (label, ids) in itertools.product(
            configurations, (("one region", region_ids), ("whole country", None))
        ):
            settings.VEILIGNET_MONITORING_CONNECTIONS = connections
            (pg_time, pg), (duck_time, ref) = best_of(
                args.runs,
                lambda ids=ids: dashboard_postgres(ids),
                lambda ids=ids: dashboard_duckdb(duck, ids, all_ids),
            )
            pg = {key: pg[key] for key in ref}  # population is not recomputed in DuckDB
            same = pg == ref
            if not same:
                failures += 1
                for key in ref:
                    if pg.get(key) != ref[key]:
                        diff = {
                            k: (pg[key].get(k), v)
                            for k, v in ref[key].items()
                            if pg[key].get(k) != v
                        }
                        print(f"  DIFFERENT {key}: {list(diff.items())[:3]}")
            print(
                f"{label:14} PostgreSQL ({connections} connections, {note:17})"
                f" {pg_time * 1000:7.0f} ms"
                f"   DuckDB {duck_time * 1000:7.0f} ms"
                f"   ratio {pg_time / duck_time:5.2f}x   same figures: {same}"
            )
    if args.per_query:
        settings.VEILIGNET_MONITORING_CONNECTIONS = 1  # each query's own cost
        for label, ids in (("one region", region_ids), ("whole country", None)):
            times = per_query(ids, args.runs)
            print(
                f"{label:14} per query (ms): " + ", ".join(f"{k} {v:.0f}" for k, v in times.items())
            )
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()

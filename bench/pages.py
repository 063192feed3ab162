"""In-process cost of the worklist and a case page against the framework floor.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/veilignet_national \\
        PYTHONPATH=src .venv/bin/python bench/pages.py [--runs 15 --warmup 3 --pause 0]

Production settings as in bench/load.py (DEBUG off, cached template loader, manifest
static files), Django's test client, the busiest Veilig Thuis case worker (picked as
bench/load.py picks them) logged in with her second factor. Per page: the median time of
`--runs` requests after `--warmup` requests (wall clock and this process's CPU time, the
latter less disturbed by other jobs), the query count and time, and the ratio to
the floor (`GET /health/`) measured in the same run (the machine is shared and noisy:
compare ratios, not absolute times). Where a page's time goes, per request: turning
querysets into SQL ("compile": Django's SQL compiler, not counting the building of the
querysets before it), waiting for the database ("SQL", as Django's query log times
it) and rendering templates ("render"). With `--pause 0.3`, each timed request comes
after 0.3 s idle, as requests come under the load test, instead of right after the one
before (warm caches). Writes audit entries (synthetic data), as the
pages do; the session lives only in this process's database session table and is
deleted at the end.
"""

import argparse
import shutil
import statistics
import time
from contextlib import ExitStack

import load  # production settings, the account picker and sessions of the load test
from django.core.management import call_command
from django.db import connection
from django.db.models.sql.compiler import SQLCompiler
from django.template.base import Template
from django.test import Client
from django.test.utils import CaptureQueriesContext

from veilignet.cases.models import Case
from veilignet.cases.views import SECTION_RELATIONS
from veilignet.core.relations import relations_with_rows, with_row_flags


class Stopwatch:
    """Seconds spent in `owner.name` (outermost calls only) while patched in."""

    def __init__(self, owner, name):
        self.owner, self.name, self.seconds, self.depth = owner, name, 0.0, 0

    def __enter__(self):
        original = getattr(self.owner, self.name)

        def timed(*args, **kwargs):
            self.depth += 1
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.depth -= 1
                if not self.depth:
                    self.seconds += time.perf_counter() - start

        self.original = original
        setattr(self.owner, self.name, timed)
        return self

    def __exit__(self, *exc):
        setattr(self.owner, self.name, self.original)


def measure(client, path, runs, warmup, pause=0.0):
    """Median milliseconds of `runs` GETs after `warmup`, each after `pause` seconds
    idle, and the last one's queries."""
    for _ in range(warmup):
        assert client.get(path).status_code == 200, path
    times, cpu_times = [], []
    for _ in range(runs):
        time.sleep(pause)
        start, cpu_start = time.perf_counter(), time.process_time()
        response = client.get(path)
        times.append((time.perf_counter() - start) * 1000)
        cpu_times.append((time.process_time() - cpu_start) * 1000)
        assert response.status_code == 200, path
    with ExitStack() as stack:
        queries = stack.enter_context(CaptureQueriesContext(connection))
        compile_ = stack.enter_context(Stopwatch(SQLCompiler, "as_sql"))
        render = stack.enter_context(Stopwatch(Template, "render"))
        for _ in range(runs):
            client.get(path)
    sql_ms = sum(float(q["time"]) for q in queries.captured_queries) * 1000
    return {
        "ms": statistics.median(times),
        "cpu": statistics.median(cpu_times),
        "queries": len(queries) // runs,
        "compile": compile_.seconds * 1000 / runs,
        "sql": sql_ms / runs,
        "render": render.seconds * 1000 / runs,
        "kib": len(response.content) / 1024,
    }


def setup():
    """Static files, the busiest case worker's session and the pages to request:
    [(name, path, client)] and the session key (for `teardown()`). Two case pages: her
    newest open case, and of her 50 newest the one with the most of the page's optional
    sections filled (most cases of the load test have three: assessment, phase history,
    linked reports)."""
    call_command("collectstatic", "--no-input", verbosity=0)
    (worker,), _officer = load.pick_accounts(1)
    session = load.session_for(worker)
    client = Client(SERVER_NAME="127.0.0.1")
    client.cookies["sessionid"] = session
    cases = list(
        with_row_flags(
            Case.objects.filter(
                members__user=worker, members__left_at__isnull=True, closed_at__isnull=True
            ),
            SECTION_RELATIONS,
        ).order_by("-pk")[:50]
    )
    busy = max(cases, key=lambda case: len(relations_with_rows(case, SECTION_RELATIONS)))
    print(
        f"database {connection.settings_dict['NAME']}, case worker {worker.pk}, "
        f"case {cases[0].pk}, busy case {busy.pk}"
    )
    pages = [
        ("floor", "/health/", Client(SERVER_NAME="127.0.0.1")),
        ("worklist", "/reports/", client),
        ("case page", f"/cases/{cases[0].pk}/", client),
        ("busy case", f"/cases/{busy.pk}/", client),
    ]
    return pages, session


def teardown(session):
    load.SessionStore().model.objects.filter(session_key=session).delete()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument(
        "--pause", type=float, default=0.0, help="seconds idle before each timed request"
    )
    args = parser.parse_args()

    pages, session = setup()
    print(
        f"{'page':12} {'median ms':>10} {'CPU ms':>7} {'queries':>8} {'compile':>8} "
        f"{'SQL ms':>7} {'render':>7} {'KiB':>5} {'x floor':>8}"
    )
    floor = None
    for name, path, page_client in pages:
        f = measure(page_client, path, args.runs, args.warmup, args.pause)
        floor = floor or f["ms"]
        print(
            f"{name:12} {f['ms']:10.1f} {f['cpu']:7.1f} {f['queries']:8d} {f['compile']:8.1f} "
            f"{f['sql']:7.1f} {f['render']:7.1f} {f['kib']:5.0f} {f['ms'] / floor:8.1f}"
        )
    teardown(session)


def run(main):
    """Run a bench script's `main()`, then remove the static files collected for it."""
    try:
        main()
    finally:
        shutil.rmtree(load.WORKDIR, ignore_errors=True)


if __name__ == "__main__":
    run(main)

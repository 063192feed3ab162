"""What a list page's audit insert costs: 25 entries in one INSERT, committed on its own
(autocommit), as the worklist writes them (`audit.events._record_each`: the entries are
built and inserted).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/veilignet_national \\
        PYTHONPATH=src:bench .venv/bin/python bench/audit_insert.py [--rounds 600]

In one process and connection (production settings of bench/load.py), round after
round, each insert after a pause of 5-50 ms (as between a case worker's requests, so
not from warm caches), two ways in turn:
- as the app writes them: `synchronous_commit` on, the actor's user id (its foreign key
  is checked at commit);
- `synchronous_commit` off: the commit does not wait for the write-ahead log to reach
  the disk (what an asynchronous commit of read entries would save).
Prints p50/p95/p99 in ms of each. The entries are synthetic: event "bench_audit_insert"
by the busiest Veilig Thuis case worker of bench/load.py on 25 of her organisation's
reports. The audit trail is append-only, so they stay.
"""

import argparse
import random
import time

import load
import pages
from django.db import connection

from veilignet.audit import events
from veilignet.audit.models import Action, Purpose
from veilignet.reports.models import Report

WAYS = ("as the app", "synchronous_commit off")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=600)
    args = parser.parse_args()
    (worker,), _officer = load.pick_accounts(1)
    reports = list(Report.objects.filter(handling_organisation=worker.organisation_id)[:25])
    times = {way: [] for way in WAYS}
    rng = random.Random(9)
    with connection.cursor() as cursor:
        for round_ in range(args.rounds):
            for way in WAYS if round_ % 2 else reversed(WAYS):  # neither always first
                cursor.execute(f"SET synchronous_commit = {'off' if way == WAYS[1] else 'on'}")
                time.sleep(rng.uniform(0.005, 0.05))
                start = time.perf_counter()
                events._record_each(
                    worker, "bench_audit_insert", Action.LIST, Purpose.CASE_WORK, reports
                )
                times[way].append((time.perf_counter() - start) * 1000)
        cursor.execute("SET synchronous_commit = on")
    print(f"database {connection.settings_dict['NAME']}, {len(reports)} entries per insert")
    print(f"{'insert':28} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7}")
    for way, found in times.items():
        p50, p95, p99 = (load.percentile(found, share) for share in (0.5, 0.95, 0.99))
        print(f"{way:28} {p50:7.2f} {p95:7.2f} {p99:7.2f}")


if __name__ == "__main__":
    pages.run(main)  # removes the temporary directory bench/load.py made

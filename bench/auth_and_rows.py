"""What the ninth session's two page changes save, each timed both ways in turn in one
process (production settings of bench/load.py, the busiest Veilig Thuis case worker):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/veilignet_national \\
        PYTHONPATH=src:bench .venv/bin/python bench/auth_and_rows.py [--rounds 300]

- "auth": the worklist and her newest case page with the user and second-factor device
  read with the session (accounts.sessions, as the app does) against each by its own
  query (the fallback the app takes for a session row without them, and what every
  request did before): the median request time over `--rounds` rounds, each request
  after `--pause` seconds idle, as requests come under the load test.
- "rows": the first page of 25 open worklist rows read as tuples into WorklistRow (as
  the app does) against the same rows and columns read as Report instances with their
  municipality and assignee (`select_related` and `only`, as before), both by compiled
  queries: the median time to read a page.
"""

import argparse
import statistics
import time

import load
import pages

from veilignet.accounts import backends, middleware
from veilignet.accounts.models import User
from veilignet.core.compiled import CompiledQuery
from veilignet.reports import views

# The worklist's open items as Report instances, as the worklist read them before.
_open_reports = CompiledQuery(
    lambda user: (
        views._worklist_reports(user, {})
        .select_related("municipality", "assigned_to")
        .only(
            *(c for c in views.ROW_COLUMNS if c not in ("pk", "assigned_to_id", "violence_forms"))
        )
        .annotate(violence_forms=views.VIOLENCE_FORMS)
    )
)


def alternate(ways, rounds, pause=0.0):
    """The median ms of each of `ways` ({name: callable}), called in turn `rounds` times."""
    times = {name: [] for name in ways}
    names = list(ways)
    for index in range(rounds):
        for name in names if index % 2 else reversed(names):
            time.sleep(pause)
            start = time.perf_counter()
            ways[name]()
            times[name].append((time.perf_counter() - start) * 1000)
    return {name: statistics.median(values) for name, values in times.items()}


def own_queries(get):
    """`get` with the session row's user and device ignored (their own queries)."""

    def run():
        saved = backends.row_user, middleware.row_device
        backends.row_user = middleware.row_device = lambda *args: None
        try:
            return get()
        finally:
            backends.row_user, middleware.row_device = saved

    return run


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=300)
    parser.add_argument("--pause", type=float, default=0.3)
    args = parser.parse_args()
    page_list, session = pages.setup()
    try:
        print(f"{'auth':10} {'page':10} {'with session':>13} {'own queries':>12} {'saved':>6}")
        for name, path, client in page_list[1:3]:

            def get(client=client, path=path):
                assert client.get(path).status_code == 200

            for _ in range(10):
                get()
            found = alternate({"session": get, "own": own_queries(get)}, args.rounds, args.pause)
            saved = 1 - found["session"] / found["own"]
            print(
                f"{'':10} {name:10} {found['session']:10.2f} ms {found['own']:9.2f} ms {saved:6.1%}"
            )
        (worker,), _officer = load.pick_accounts(1)
        user = User.objects.select_related("organisation__region").get(pk=worker.pk)
        rows = slice(0, 25)

        def as_tuples():
            assignees = {}
            return [views.WorklistRow(row, assignees) for row in views._open_items(user, rows=rows)]

        def as_models():
            return _open_reports(user, rows=rows)

        assert [row.pk for row in as_tuples()] == [report.pk for report in as_models()]
        found = alternate({"tuples": as_tuples, "models": as_models}, args.rounds)
        saved = 1 - found["tuples"] / found["models"]
        print(f"{'rows':10} {'tuples':>10} {'models':>10} {'saved':>6}")
        print(f"{'':10} {found['tuples']:7.2f} ms {found['models']:7.2f} ms {saved:6.1%}")
    finally:
        pages.teardown(session)


if __name__ == "__main__":
    pages.run(main)

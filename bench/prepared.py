"""The pages' database time with parameters bound by the client (Django's default) and
by the server with prepared statements (the app's PostgreSQL setting), in one run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/veilignet_national \\
        PYTHONPATH=src:bench .venv/bin/python bench/prepared.py [--runs 40 --rounds 2]

The account and pages of bench/pages.py (production settings, in process). For each
setting in turn, `--rounds` times: a new connection, 10 requests to warm up (a statement
is prepared at its fifth run), then `--runs` requests of each page, timing each query
as the app sees it (sent, planned, run, answered) and the whole request. Prints the
median per request of the queries' total and of the request, per setting and page.
"""

import argparse
import statistics
import time

import pages
from django.db import connection

SETTINGS = {
    "client-side binding": {"server_side_binding": False, "prepare_threshold": None},
    "server-side, prepared": {"server_side_binding": True, "prepare_threshold": 5},
}


def measure(client, path, runs):
    """Median ms per request: the queries together, and the request."""
    spent = []

    def timer(execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            spent[-1] += time.perf_counter() - start

    queries, requests = [], []
    with connection.execute_wrapper(timer):
        for _ in range(runs):
            spent.append(0.0)
            start = time.perf_counter()
            assert client.get(path).status_code == 200, path
            requests.append((time.perf_counter() - start) * 1000)
            queries.append(spent[-1] * 1000)
    return statistics.median(queries), statistics.median(requests)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    found, session = pages.setup()
    found = [(name, path, client) for name, path, client in found if name != "floor"]
    print(f"{'setting':24} {'page':10} {'queries ms':>11} {'request ms':>11}")
    for _ in range(args.rounds):
        for setting, options in SETTINGS.items():
            connection.close()
            connection.settings_dict["OPTIONS"] |= options
            for name, path, client in found:
                for _ in range(10):
                    client.get(path)
                sql, request = measure(client, path, args.runs)
                print(f"{setting:24} {name:10} {sql:11.2f} {request:11.1f}")
    pages.teardown(session)


if __name__ == "__main__":
    pages.run(main)

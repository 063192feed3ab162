"""What a new database connection costs a page: its first request against the next.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/veilignet_national \\
        PYTHONPATH=src:bench .venv/bin/python bench/connection_cost.py [--rounds 8]

The account and pages of bench/pages.py (production settings, in process). Per page,
`--rounds` times: close the connection, request the page (a new connection: connecting,
a new server process that loads its catalogue caches, statements not yet prepared),
then request it again. Prints the median of both and their difference: what each
thread pays once per `CONN_MAX_AGE`.
"""

import argparse
import statistics
import time

import pages
from django.db import connection


def timed(client, path):
    start = time.perf_counter()
    assert client.get(path).status_code == 200, path
    return (time.perf_counter() - start) * 1000


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=8)
    args = parser.parse_args()
    found, session = pages.setup()
    print(f"{'page':10} {'new connection ms':>18} {'next request ms':>16} {'difference':>11}")
    for name, path, client in found:
        if name == "floor":
            continue
        for _ in range(5):
            timed(client, path)
        first, next_ = [], []
        for _ in range(args.rounds):
            connection.close()
            first.append(timed(client, path))
            next_.append(timed(client, path))
        a, b = statistics.median(first), statistics.median(next_)
        print(f"{name:10} {a:18.1f} {b:16.1f} {a - b:11.1f}")
    pages.teardown(session)


if __name__ == "__main__":
    pages.run(main)

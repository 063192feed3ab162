"""The app's CPU instructions per request of the worklist, a case page and the floor,
counted by callgrind: repeatable where timings on a shared machine are not.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/veilignet_national \\
        PYTHONPATH=src:bench .venv/bin/python bench/page_instructions.py [--requests 10]

Runs itself (`--count N --page P`) under `valgrind --tool=callgrind` twice per page of
`bench/pages.py` (same settings, account and pages): with 2 and with 2 + `--requests`
GETs of that page, these six runs as many at a time as there are cores. The difference
divided by `--requests` is the instructions of one request in the app's process; the
database server runs in processes of its own and is not counted. Compare two commits by
running it in a checkout of each on the same data. Takes a few minutes (callgrind runs
Python about 50 times slower). Needs Debian's `valgrind`.
"""

import argparse
import itertools
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

BASE = 2
VALGRIND = shutil.which("valgrind") or "/usr/bin/valgrind"


PAGES = ("floor", "worklist", "case page")


def count(requests, page):
    """Instructions of a process that makes `requests` GETs of `page`, under callgrind."""
    with tempfile.TemporaryDirectory() as directory:
        out = os.path.join(directory, "callgrind.out")
        done = subprocess.run(  # noqa: S603 (our own interpreter and script)
            [
                VALGRIND,
                "--tool=callgrind",
                f"--callgrind-out-file={out}",
                sys.executable,
                __file__,
                "--count",
                str(requests),
                "--page",
                page,
            ],
            capture_output=True,
            text=True,
            check=True,
        )
    return int(re.search(r"Collected : (\d+)", done.stderr).group(1))


def serve(requests, page):
    """The child: `requests` GETs of `page` in this process."""
    import pages  # Django set up with production settings (bench/load.py)

    def get_page():
        found, session = pages.setup()
        try:
            for name, path, client in found:
                if name == page:
                    for _ in range(requests):
                        assert client.get(path).status_code == 200, path
        finally:
            pages.teardown(session)

    pages.run(get_page)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=10)
    parser.add_argument("--count", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--page", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.count is not None:
        sys.argv = sys.argv[:1]  # pages/load parse no arguments of ours
        return serve(args.count, args.page)
    runs = list(itertools.product(PAGES, (BASE, BASE + args.requests)))
    with ThreadPoolExecutor(os.cpu_count()) as pool:  # the counts do not depend on load
        totals = dict(zip(runs, pool.map(lambda run: count(run[1], run[0]), runs), strict=True))
    print(f"{'page':12} {'instructions per request':>26} {'x floor':>8}")
    floor = None
    for page in PAGES:
        more, base = totals[page, BASE + args.requests], totals[page, BASE]
        per_request = (more - base) / args.requests
        floor = floor or per_request
        print(f"{page:12} {per_request:26,.0f} {per_request / floor:8.1f}")
    return None


if __name__ == "__main__":
    main()

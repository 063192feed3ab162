"""The garbage collector's pauses in an app process, without and with `gc.freeze()`.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/veilignet_national \\
        PYTHONPATH=src:bench .venv/bin/python bench/gc_pauses.py [--requests 200]

In one process (production settings, the account and pages of bench/pages.py): warms
the worklist and a case page up, times a full collection (`gc.collect()`, what Python
runs by itself every so often, pausing every thread of the process), then requests the
pages `--requests` times each and counts the collections Python ran and their time. Then
the same after `gc.freeze()`, as `veilignet/wsgi.py` does once the app is loaded.
"""

import argparse
import gc
import time

import pages


def collections(clients, requests):
    """(collections per generation, their total ms) while requesting every page."""
    counts, total, started = [0, 0, 0], [0.0], {}

    def timer(phase, info):
        if phase == "start":
            started[0] = time.perf_counter()
        else:
            counts[info["generation"]] += 1
            total[0] += time.perf_counter() - started[0]

    gc.callbacks.append(timer)
    try:
        for path, client in clients:
            for _ in range(requests):
                client.get(path)
    finally:
        gc.callbacks.remove(timer)
    return counts, total[0] * 1000


def full_collection_ms():
    start = time.perf_counter()
    gc.collect()
    return (time.perf_counter() - start) * 1000


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    found, session = pages.setup()
    clients = [(path, client) for name, path, client in found if name != "floor"]
    for path, client in clients:
        for _ in range(5):
            assert client.get(path).status_code == 200, path
    print(f"{'':8} {'tracked':>9} {'full gc ms':>11} {'collections (gen 0/1/2)':>24} {'gc ms':>7}")
    for label in ("as is", "frozen"):
        if label == "frozen":
            gc.freeze()
        tracked, pause = len(gc.get_objects()), full_collection_ms()
        counts, spent = collections(clients, args.requests)
        print(
            f"{label:8} {tracked:9,d} {pause:11.1f} {'/'.join(map(str, counts)):>24} {spent:7.1f}"
        )
    print(f"({args.requests} requests of each of {len(clients)} pages per line)")
    pages.teardown(session)


if __name__ == "__main__":
    pages.run(main)

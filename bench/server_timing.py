"""gunicorn configuration of bench/load.py: each worker writes every request's method,
path and start and end (on the monotonic clock, which all processes of the machine
share) to its own file in the folder VEILIGNET_SERVER_TIMES, so that the load test can
report what the server took apart from the load generator's own time, and which
requests overlapped on one worker. A line per request, written when it ends."""

import os
import time


def post_worker_init(worker):
    path = os.path.join(os.environ["VEILIGNET_SERVER_TIMES"], f"{worker.pid}.txt")
    worker.veilignet_times = open(path, "w", buffering=1)  # noqa: SIM115 (for the worker's life)


def pre_request(worker, req):
    req.veilignet_start = time.monotonic()


def post_request(worker, req, environ, resp):
    line = f"{req.method} {req.path} {req.veilignet_start:.6f} {time.monotonic():.6f}\n"
    worker.veilignet_times.write(line)

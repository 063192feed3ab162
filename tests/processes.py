"""Separate processes against the test database: manage.py commands and app servers.

PostgreSQL only (an in-memory SQLite test database is invisible to other processes).
Tests that use these need `django_db(transaction=True)`: other processes see only
committed rows.
"""

import contextlib
import http.client
import os
import socket
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.db import connection

SRC = settings.BASE_DIR.parent
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="other processes cannot open the in-memory SQLite test database",
)


def environment(**extra):
    """The environment of a child process that uses this test run's database."""
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    return os.environ | {"DATABASE_URL": url, "PYTHONPATH": str(SRC)} | extra


def manage(*args, **extra_env):
    """Run `manage.py *args` in a new process; returns the CompletedProcess."""
    return subprocess.run(  # noqa: S603 (fixed arguments, our own interpreter)
        [sys.executable, "-m", "django", *args],
        env=environment(DJANGO_SETTINGS_MODULE="veilignet.settings", **extra_env),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def request(port, method, path, body=None, headers=None):
    """One HTTP request to 127.0.0.1:port; returns (status, headers, text)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read().decode()
    finally:
        conn.close()


@contextlib.contextmanager
def app_servers(count, **extra_env):
    """Start `count` gunicorn servers (one sync worker each, no shared memory) on free
    loopback ports against the test database; yields their ports; stops them after."""
    ports = [free_port() for _ in range(count)]
    servers = [
        subprocess.Popen(  # noqa: S603 (fixed arguments, our own interpreter)
            [
                sys.executable,
                "-m",
                "gunicorn",
                "veilignet.wsgi:application",
                f"--bind=127.0.0.1:{port}",
                "--workers=1",
                "--log-level=warning",
            ],
            env=environment(CONN_MAX_AGE="0", **extra_env),
            stdout=subprocess.DEVNULL,
        )
        for port in ports
    ]
    try:
        deadline = time.monotonic() + 20
        for port, server in zip(ports, servers, strict=True):
            while True:
                assert server.poll() is None, "the app server stopped during start-up"
                with contextlib.suppress(OSError):
                    if request(port, "GET", "/health/")[0] == 200:
                        break
                assert time.monotonic() < deadline, "the app server did not start in 20 s"
                time.sleep(0.2)
        yield ports
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=10)

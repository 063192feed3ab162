"""Scheduled jobs run at most once at a time, across every process and app server.

Several app servers may each have the daily jobs in their crontab; `job_lock(name)` lets
exactly one run proceed and the others skip. On PostgreSQL it is a session-level advisory
lock (`pg_try_advisory_lock`), released when the job ends or its connection dies; on
SQLite, whose database is a file on one machine, it is an exclusive `flock` on a file
beside the database, released when the process ends. Every scheduled command subclasses
`ScheduledJobCommand`.
"""

import fcntl
import hashlib
import tempfile
from contextlib import contextmanager
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import connection


def _key(name):
    """A stable signed 64-bit key for the advisory lock of `name`."""
    digest = hashlib.sha256(f"veilignet.job:{name}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


@contextmanager
def _advisory_lock(name):
    key = _key(name)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
        acquired = cursor.fetchone()[0]
    try:
        yield acquired
    finally:
        if acquired:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [key])


def _lock_file(name):
    database = str(connection.settings_dict["NAME"])
    if connection.is_in_memory_db():
        folder = Path(tempfile.gettempdir())
        database = f"veilignet-{hashlib.sha256(database.encode()).hexdigest()[:12]}"
    else:
        folder = Path(database).resolve().parent
        database = Path(database).name
    return folder / f"{database}.{name}.lock"


@contextmanager
def _file_lock(name):
    with open(_lock_file(name), "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextmanager
def job_lock(name):
    """Yield True when this process now holds the lock for job `name`, False when
    another process (or connection) holds it; the lock is released on exit."""
    lock = _advisory_lock if connection.vendor == "postgresql" else _file_lock
    with lock(name) as acquired:
        yield acquired


class ScheduledJobCommand(BaseCommand):
    """A management command run by cron: `run()` under the job lock named after the
    command. A run that finds the lock taken does nothing, says so on stderr and exits
    with status 0: on several servers with the same crontab that is the normal case."""

    def run(self, **options):
        raise NotImplementedError

    def handle(self, *args, **options):
        name = self.__module__.rsplit(".", 1)[-1]
        with job_lock(name) as acquired:
            if not acquired:
                self.stderr.write(f"{name} is already running elsewhere; this run is skipped.")
                return
            self.run(**options)

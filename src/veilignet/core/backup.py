"""Backup and restore of the PostgreSQL database, and the figures that prove a restore.

`pg_dump`/`pg_restore` do the work (custom format, so a restore can run in parallel);
`fingerprint()` gives every table's row count and a checksum of the audit trail, which
must be identical before the backup and after the restore.
"""

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import psycopg
from django.db import connections


def _libpq_args(settings_dict):
    """Connection arguments for the PostgreSQL command-line tools."""
    args = ["--host", settings_dict.get("HOST") or "127.0.0.1"]
    if settings_dict.get("PORT"):
        args += ["--port", str(settings_dict["PORT"])]
    if settings_dict.get("USER"):
        args += ["--username", settings_dict["USER"]]
    return args


def _environment(settings_dict):
    env = dict(os.environ)
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = settings_dict["PASSWORD"]
    return env


def _tool(name):
    path = shutil.which(name)
    if path is None:
        raise FileNotFoundError(f"{name} not found: install the PostgreSQL client tools")
    return path


def backup(path: Path, alias="default") -> Path:
    """Write a custom-format dump of the database to `path`."""
    settings_dict = connections[alias].settings_dict
    subprocess.run(  # noqa: S603 (fixed program, arguments from settings)
        [
            _tool("pg_dump"),
            *_libpq_args(settings_dict),
            "--format=custom",
            "--no-owner",
            "--file",
            str(path),
            settings_dict["NAME"],
        ],
        check=True,
        env=_environment(settings_dict),
    )
    return path


def restore(path: Path, database: str, alias="default", jobs=1) -> None:
    """Restore a dump into the (new, empty) database `database` on the same server,
    with `jobs` connections at once (tables and indexes in parallel)."""
    settings_dict = connections[alias].settings_dict
    subprocess.run(  # noqa: S603
        [
            _tool("pg_restore"),
            *_libpq_args(settings_dict),
            "--no-owner",
            "--exit-on-error",
            f"--jobs={int(jobs)}",
            "--dbname",
            database,
            str(path),
        ],
        check=True,
        env=_environment(settings_dict),
    )


AUDIT_ROWS = (
    "SELECT id, to_char(timestamp AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US'),"
    " user_id, username, organisation, role, event, action, purpose,"
    " object_type, object_id, person_id, detail FROM audit_auditentry ORDER BY id"
)
# The audit trail is streamed in chunks of this many rows (libpq's chunks need libpq 17):
# read at once, rows took 1.3 GB of memory per million, some 42 GB for the 33 million of
# the national data set (docs/benchmarks.md, "Backup and restore at national size").
STREAM_ROWS = 10_000 if psycopg.pq.version() >= 170000 else 1


def fingerprint(cursor) -> dict:
    """Row counts of every table in the public schema and a SHA-256 of the audit trail.
    `cursor` is psycopg's (or Django's, which hands `stream` to psycopg's)."""
    cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
    tables = [row[0] for row in cursor.fetchall()]
    counts = {}
    for table in tables:
        cursor.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608 (names from catalogue)
        counts[table] = cursor.fetchone()[0]
    digest = hashlib.sha256()
    for row in cursor.stream(AUDIT_ROWS, size=STREAM_ROWS):
        digest.update(repr(row).encode())
    return {"counts": counts, "audit_sha256": digest.hexdigest()}

"""A backup restores to the same data: every table's row count and the audit checksum."""

import hashlib

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from tests.factories import UserFactory, household_with_members
from veilignet.core import backup

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="backups use pg_dump: PostgreSQL only"
)


@pytest.mark.django_db(transaction=True)  # pg_dump sees committed data only
def test_backup_and_restore_round_trip(tmp_path, login):
    worker = UserFactory()
    for _ in range(3):
        household = household_with_members(worker)
        login(worker).get(f"/households/{household.pk}/")  # audit entries to check
    with connection.cursor() as cursor:
        before = backup.fingerprint(cursor)
    assert before["counts"]["audit_auditentry"] > 0

    dump = tmp_path / "veilignet.dump"
    call_command("backup_database", str(dump))
    target = f"{connection.settings_dict['NAME']}_restore"
    admin = connection.settings_dict.copy()
    with psycopg.connect(
        host=admin["HOST"] or "127.0.0.1",
        port=admin["PORT"] or 5432,
        user=admin["USER"],
        dbname="postgres",
        autocommit=True,
    ) as server:
        server.execute(f'DROP DATABASE IF EXISTS "{target}"')
        server.execute(f'CREATE DATABASE "{target}"')
        try:
            call_command("restore_database", str(dump), target, jobs=2)
            with (
                psycopg.connect(
                    host=admin["HOST"] or "127.0.0.1",
                    port=admin["PORT"] or 5432,
                    user=admin["USER"],
                    dbname=target,
                ) as restored,
                restored.cursor() as cursor,
            ):
                after = backup.fingerprint(cursor)
        finally:
            server.execute(f'DROP DATABASE IF EXISTS "{target}"')
    assert after == before


@pytest.mark.django_db
def test_audit_checksum_streams_the_rows_in_id_order(login):
    """The checksum is taken over the audit rows streamed in chunks (33 million at
    national size do not fit in memory at once); it is the same as over all rows read
    at once, so checksums printed by earlier backups stay comparable."""
    worker = UserFactory()
    for _ in range(3):
        login(worker).get(f"/households/{household_with_members(worker).pk}/")
    with connection.cursor() as cursor:
        streamed = backup.fingerprint(cursor)["audit_sha256"]
        cursor.execute(backup.AUDIT_ROWS)
        rows = cursor.fetchall()
    assert len(rows) >= 3
    assert streamed == hashlib.sha256(b"".join(repr(row).encode() for row in rows)).hexdigest()


def test_restore_refuses_less_than_one_job(tmp_path):
    with pytest.raises(CommandError, match="--jobs takes 1 or more"):
        call_command("restore_database", str(tmp_path / "none.dump"), "unused", jobs=0)

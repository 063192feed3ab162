"""`manage.py backup_database FILE`: a custom-format pg_dump of the database."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from veilignet.core import backup


class Command(BaseCommand):
    help = "Back up the PostgreSQL database to FILE (pg_dump custom format)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file, **options):
        if connection.vendor != "postgresql":
            raise CommandError("Backups are made with pg_dump: PostgreSQL only.")
        backup.backup(file)
        with connection.cursor() as cursor:
            figures = backup.fingerprint(cursor)
        self.stdout.write(
            f"Backed up {sum(figures['counts'].values())} rows in {len(figures['counts'])} "
            f"tables; audit trail SHA-256 {figures['audit_sha256']}."
        )

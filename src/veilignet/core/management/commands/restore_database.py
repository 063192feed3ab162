"""`manage.py restore_database FILE DATABASE`: restore a backup into a new database."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from veilignet.core import backup


class Command(BaseCommand):
    help = "Restore FILE (from backup_database) into the empty database DATABASE."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("database")

    def handle(self, *args, file, database, **options):
        if connection.vendor != "postgresql":
            raise CommandError("Restores use pg_restore: PostgreSQL only.")
        backup.restore(file, database)
        self.stdout.write(f"Restored {file} into {database}.")

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
        parser.add_argument(
            "--jobs",
            type=int,
            default=1,
            help="Connections pg_restore uses at once (up to the database server's cores).",
        )

    def handle(self, *args, file, database, jobs, **options):
        if connection.vendor != "postgresql":
            raise CommandError("Restores use pg_restore: PostgreSQL only.")
        if jobs < 1:
            raise CommandError("--jobs takes 1 or more.")
        backup.restore(file, database, jobs=jobs)
        self.stdout.write(f"Restored {file} into {database}.")

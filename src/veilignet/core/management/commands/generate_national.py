"""manage.py generate_national: build the synthetic national data set (see core.national)."""

import time

from django.core.management.base import BaseCommand, CommandError

from veilignet.core import national


class Command(BaseCommand):
    help = (
        "Generate a synthetic national data set: 342 municipalities in 26 regions, staff, "
        "reports, households, cases and audit entries (scale 1.0: ~1.5 million reports in "
        "10 years). Refuses a database with data in it unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("--years", type=int, default=10)
        parser.add_argument("--scale", type=float, default=1.0, help="1.0 = national size")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--force", action="store_true", help="add to a database that already holds data"
        )
        parser.add_argument(
            "--allow-test-database",
            action="store_true",
            help="run against a test or in-memory database (the test suite does)",
        )

    def handle(self, *args, years, scale, seed, force, allow_test_database, **options):
        if national.is_test_database() and not allow_test_database:
            raise CommandError(
                "This looks like a test database; pass --allow-test-database if you mean it."
            )
        if national.is_generated():
            raise CommandError("A national data set is already here; use a fresh database.")
        found = national.existing_data()
        if found and not force:
            raise CommandError(
                f"The database already holds data ({', '.join(found)}); "
                "use a fresh database or pass --force."
            )
        began = time.perf_counter()
        generator = national.NationalGenerator(
            years=years, scale=scale, seed=seed, progress=self._progress
        )
        counts = generator.run()
        self.stdout.write(f"Done in {time.perf_counter() - began:.0f} s. Rows per table:")
        for table, count in counts.items():
            self.stdout.write(f"  {table:32} {count:>12,}")
        self.stdout.write(
            f"Every user's password is {national.PASSWORD!r}; second factor: the demo code."
        )

    def _progress(self, stage, seconds, counts):
        figures = ", ".join(f"{k} {v:,}" for k, v in counts.items())
        self.stdout.write(f"{stage:36} {seconds:7.1f} s  {figures}", ending="\n")
        self.stdout.flush()

"""Import national figures from a CSV downloaded from CBS StatLine."""

from django.core.management.base import BaseCommand, CommandError

from veilignet.monitoring.services import import_national_figures


class Command(BaseCommand):
    help = (
        "Import the national rows (NL01) of a CBS StatLine CSV (semicolon-separated), "
        "e.g. table 84849NED or 85361NED; see veilignet/monitoring/statline.py."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="the CSV file")
        parser.add_argument("--table", required=True, help="the CBS table id, e.g. 84849NED")

    def handle(self, path, table, **options):
        try:
            with open(path, encoding="utf-8-sig", newline="") as lines:
                count = import_national_figures(lines, table)
        except (OSError, ValueError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"{count} national figures imported from {table}.")

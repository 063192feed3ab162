"""Load the shipped CBS file of regions, municipalities and populations."""

from django.core.management.base import BaseCommand

from veilignet.regions.services import load_municipalities


class Command(BaseCommand):
    help = "Load regions, municipalities (CBS codes) and populations from the shipped data file."

    def handle(self, *args, **options):
        rows = load_municipalities()
        self.stdout.write(f"Loaded {rows} municipality-year rows.")

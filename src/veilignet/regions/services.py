"""Loading regions and municipalities from the shipped CBS data file."""

import csv
from pathlib import Path

from django.db import transaction

from veilignet.regions.models import Municipality, Population, Region

DATA_FILE = Path(__file__).resolve().parent / "data" / "municipalities.csv"
REGION_NAMES = {"hart-van-brabant": "Hart van Brabant", "west-brabant": "West-Brabant"}


@transaction.atomic
def load_municipalities(path: Path = DATA_FILE) -> int:
    """Create or update regions, municipalities and populations from a CSV; return rows read.

    Columns: region, cbs_code, name, year, population. Idempotent.
    """
    regions = {}
    municipalities = {}
    rows = 0
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            rows += 1
            slug = row["region"]
            if slug not in regions:
                regions[slug], _ = Region.objects.update_or_create(
                    slug=slug, defaults={"name": REGION_NAMES.get(slug, slug)}
                )
            code = row["cbs_code"]
            if code not in municipalities:
                municipalities[code], _ = Municipality.objects.update_or_create(
                    cbs_code=code, defaults={"name": row["name"], "region": regions[slug]}
                )
            Population.objects.update_or_create(
                municipality=municipalities[code],
                year=int(row["year"]),
                defaults={"inhabitants": int(row["population"])},
            )
    return rows

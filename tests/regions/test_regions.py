"""The shipped CBS file: the nine Hart van Brabant municipalities and West-Brabant."""

from veilignet.regions.models import Municipality, Population, Region
from veilignet.regions.services import load_municipalities

HART_VAN_BRABANT = {
    "GM0855": "Tilburg",
    "GM0824": "Oisterwijk",
    "GM0867": "Waalwijk",
    "GM0766": "Dongen",
    "GM0784": "Gilze en Rijen",
    "GM0785": "Goirle",
    "GM0798": "Hilvarenbeek",
    "GM0809": "Loon op Zand",
    "GM0797": "Heusden",
}


def test_hart_van_brabant_has_its_nine_municipalities():
    region = Region.objects.get(slug="hart-van-brabant")
    assert dict(region.municipalities.values_list("cbs_code", "name")) == HART_VAN_BRABANT


def test_west_brabant_is_present():
    region = Region.objects.get(slug="west-brabant")
    assert region.municipalities.filter(cbs_code="GM0758", name="Breda").exists()
    assert region.municipalities.count() >= 15


def test_every_municipality_has_population_for_two_years():
    for municipality in Municipality.objects.all():
        years = set(municipality.populations.values_list("year", flat=True))
        assert {2023, 2024} <= years, municipality.name
    tilburg = Population.objects.get(municipality__cbs_code="GM0855", year=2024)
    assert 200_000 < tilburg.inhabitants < 260_000


def test_loading_twice_changes_nothing():
    before = Population.objects.count()
    load_municipalities()
    assert Population.objects.count() == before

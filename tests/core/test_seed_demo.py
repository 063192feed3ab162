"""The demo region: every organisation type and role, synthetic and deterministic."""

import pytest
from django.core.management import call_command

from veilignet.accounts.models import Organisation, OrganisationType, Role, User
from veilignet.people.bsn import is_valid_bsn
from veilignet.people.models import Household, Person

# Reports have their own determinism test (tests/reports/test_demo.py); keep this one fast.
DEMO = ["--seed", "7", "--households", "8", "--report-years", "0"]


def _snapshot():
    return list(Person.objects.order_by("pk").values_list("first_name", "last_name", "bsn"))


@pytest.mark.django_db(transaction=True)  # flush cannot run inside a test transaction on PG
def test_seed_demo_creates_a_complete_deterministic_region():
    call_command("seed_demo", *DEMO)
    assert set(Organisation.objects.values_list("type", flat=True)) == set(OrganisationType)
    assert set(User.objects.values_list("role", flat=True)) == set(Role)
    assert all(user.demodevice_set.exists() for user in User.objects.all())
    assert Household.objects.filter(reports__isnull=True).distinct().count() >= 8
    first = _snapshot()
    assert all(is_valid_bsn(bsn) for _, _, bsn in first if bsn)
    assert any(bsn == "" for _, _, bsn in first)  # persons without BSN are part of the demo

    call_command("flush", "--no-input")
    call_command("seed_demo", *DEMO)
    assert _snapshot() == first


def test_if_empty_leaves_existing_data_alone(capsys):
    call_command("seed_demo", "--seed", "1", "--households", "2", "--report-years", "0")
    before = Household.objects.count()
    call_command("seed_demo", "--if-empty")
    assert Household.objects.count() == before
    assert "vt.medewerker" in capsys.readouterr().out

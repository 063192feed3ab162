"""The demo region has an MDA++ team with cases and a conference, crisis intakes (some
awaiting or escalated), a hospital registration and a Handle with Care notice."""

from django.core.management import call_command

from veilignet.acute.models import CrisisForward, HandleWithCareNotice, HospitalRegistration
from veilignet.mda.models import Conference, JusticeInfo, Referral


def test_demo_seeds_mda_and_acute_help():
    call_command("seed_demo", "--seed", "3", "--households", "10", "--report-years", "0")
    assert set(Referral.objects.values_list("status", flat=True)) == {"referred", "accepted"}
    assert Conference.objects.get().items.count() == 2
    assert JusticeInfo.objects.exists()
    assert CrisisForward.objects.pending().exists()
    assert CrisisForward.objects.filter(escalated_at__isnull=False).exists()
    assert HospitalRegistration.objects.count() == 1
    assert HandleWithCareNotice.objects.count() == 1

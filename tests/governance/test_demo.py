"""The demo region's governance: platform, four networks, every state, two past meetings."""

import random

from django.core.management import call_command
from django.utils import timezone

from veilignet.governance.demo import seed_governance
from veilignet.governance.models import (
    Action,
    Bottleneck,
    BottleneckSource,
    BottleneckStatus,
    ClosureOutcome,
    Meeting,
    NetworkKind,
    Priority,
)
from veilignet.governance.privacy import find_personal_data
from veilignet.regions.models import Region


def test_demo_governance_is_complete():
    call_command("seed_demo", "--seed", "3", "--households", "1", "--report-years", "0")
    region = Region.objects.get(slug="hart-van-brabant")
    networks = region.networks.all()
    assert [n.kind for n in networks].count(NetworkKind.PLATFORM) == 1
    assert [n.kind for n in networks].count(NetworkKind.THEMED) == 4
    for network in networks:
        leads = set(network.memberships.current().values_list("lead_role", flat=True))
        assert {"municipal_lead", "organisational_lead"} <= leads

    bottlenecks = Bottleneck.objects.filter(region=region)
    assert set(bottlenecks.values_list("status", flat=True)) == set(BottleneckStatus)
    assert set(bottlenecks.exclude(priority="").values_list("priority", flat=True)) == set(Priority)
    outcomes = set(bottlenecks.values_list("closures__outcome", flat=True)) - {None}
    assert outcomes == set(ClosureOutcome)
    assert bottlenecks.high_priority_without_owned_action().exists()
    escalated = bottlenecks.get(source=BottleneckSource.CASE_ESCALATION)
    assert find_personal_data(escalated.example) == []

    today = timezone.localdate()
    assert Action.objects.overdue(today).exists()
    assert Action.objects.active().filter(due_date__gte=today).exists()
    assert Action.objects.due_for_check().exists()
    past = Meeting.objects.filter(date__lt=today, minutes_published_at__isnull=False)
    assert past.count() == 2
    assert all(m.decisions.exists() and m.attendance.exists() for m in past)
    assert Meeting.objects.filter(date__gt=today).exists()
    assert region.networks.get(kind="platform").evaluations.get().responses.exists()

    seed_governance(region, {}, {}, random.Random(3))  # a second run adds nothing
    assert region.networks.count() == 5
    assert Meeting.objects.count() == 3

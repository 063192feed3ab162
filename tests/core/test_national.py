"""`manage.py generate_national` at a tiny scale: complete, coherent and usable data."""

import datetime
import io
from collections import Counter

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Count, Q
from django.urls import reverse

from tests.factories import UserFactory
from tests.reports.factories import drifted_copies
from veilignet.accounts.models import Organisation, OrganisationType, Role, User
from veilignet.audit.models import AuditEntry
from veilignet.cases.models import Case, CaseMember, CaseRole
from veilignet.core import national
from veilignet.people.bsn import is_valid_bsn
from veilignet.people.models import Household, Person
from veilignet.regions.models import Municipality, Region
from veilignet.reports.models import Kind, Report, ReportViolence, Sector, TriageDecision
from veilignet.reports.proportions import PER_INHABITANT

SCALE, YEARS = 0.0004, 2
# The data set runs up to "now": a fixed moment makes the seeded draws the same every day.
NOW = datetime.datetime(2026, 11, 23, 9, 0, tzinfo=datetime.UTC)


def generate(**options):
    out = io.StringIO()
    call_command(
        "generate_national",
        scale=SCALE,
        years=YEARS,
        seed=7,
        allow_test_database=True,
        stdout=out,
        **options,
    )
    return out.getvalue()


@pytest.fixture
def generated(db):
    with time_machine.travel(NOW):
        return generate()


def test_counts_structure_and_proportions(generated):
    assert "Done in" in generated and "audit_auditentry" in generated
    assert drifted_copies() == []  # the report's columns on its rows, for monitoring
    regions = Region.objects.filter(slug__startswith=national.SLUG_PREFIX)
    assert regions.count() == national.REGIONS
    synthetic = Municipality.objects.filter(region__in=regions)
    assert synthetic.count() == national.MUNICIPALITIES
    assert not synthetic.filter(cbs_code__startswith="GM").exists()
    # One Veilig Thuis and one municipality (with a policy officer) per region.
    for kind in (OrganisationType.VEILIG_THUIS, OrganisationType.MUNICIPALITY):
        per_region = Organisation.objects.filter(type=kind).values("region").annotate(n=Count("id"))
        assert sorted(row["n"] for row in per_region) == [1] * national.REGIONS
    assert User.objects.filter(role=Role.POLICY_OFFICER, is_active=True).count() >= 26
    assert not User.objects.filter(demodevice__isnull=True).exists()

    # Volume scales with --scale and --years (within the randomness of the draws).
    expected = national.INHABITANTS * sum(PER_INHABITANT.values()) * SCALE * YEARS
    reports = Report.objects.count()
    assert 0.8 * expected < reports < 1.25 * expected
    assert 1.0 < Person.objects.count() / reports < 2.5
    assert AuditEntry.objects.count() > 10 * reports

    # Every case has exactly one coordinator; BSNs are unique and pass the eleven-test.
    coordinators = Case.objects.annotate(
        n=Count("members", filter=Q(members__case_role=CaseRole.COORDINATOR))
    )
    assert Case.objects.count() > 20
    assert set(coordinators.values_list("n", flat=True)) == {1}
    bsns = list(Person.objects.exclude(bsn="").values_list("bsn", flat=True))
    assert bsns and all(is_valid_bsn(bsn) for bsn in bsns)
    assert len(set(bsns)) == len(bsns)

    # Proportions close to the national weights (loose bounds: a few hundred rows).
    sectors = Counter(
        Report.objects.filter(kind=Kind.REPORT).values_list("reporter_sector", flat=True)
    )
    assert sectors.most_common(1)[0][0] == Sector.POLICE
    assert 0.4 < sectors[Sector.POLICE] / sectors.total() < 0.8
    forms = Counter(ReportViolence.objects.values_list("form", flat=True))
    assert {f for f, _ in forms.most_common(2)} <= {"child_abuse", "partner_violence"}
    outcomes = Counter(TriageDecision.objects.values_list("outcome", flat=True))
    assert outcomes.most_common(1)[0][0] in ("local_team", "conditions_follow_up")

    # The worklist's feedback flag matches the records written in bulk.
    waiting = Report.objects.filter(
        decision__isnull=False,
        reporter_anonymous=False,
        reporter_wants_feedback=True,
        feedback__isnull=True,
    )
    assert waiting.exists()
    assert set(Report.objects.filter(feedback_due=True)) == set(waiting)

    if connection.vendor == "sqlite":
        connection.check_constraints()  # every foreign key of the streamed rows holds
    # The sequences continue after the generated ids: the app can add rows.
    household = Household.objects.create(municipality=synthetic.first())
    assert household.pk > Household.objects.exclude(pk=household.pk).order_by("-pk")[0].pk


def test_case_worker_sees_his_own_cases_in_bounded_queries(
    generated, login, django_assert_max_num_queries
):
    members = CaseMember.objects.filter(left_at__isnull=True, user__is_active=True)
    busiest = members.values("user").annotate(n=Count("id")).order_by("-n", "user")[0]
    worker = User.objects.get(pk=busiest["user"])
    client = login(worker)
    with django_assert_max_num_queries(16):
        assert client.get(reverse("reports:worklist")).status_code == 200
    with django_assert_max_num_queries(14):
        listed = client.get(reverse("cases:case_list"))
    own = set(Case.objects.for_user(worker).values_list("pk", flat=True))
    assert len(own) == busiest["n"]
    shown = {case.pk for case in listed.context["page"].object_list}
    assert shown and shown <= own
    case = Case.objects.filter(pk__in=own).order_by("-pk").first()
    with django_assert_max_num_queries(30):
        page = client.get(reverse("cases:case_detail", args=[case.pk]))
    assert page.status_code == 200
    assert case.reference in page.content.decode()
    other = Case.objects.exclude(pk__in=own).first()
    assert client.get(reverse("cases:case_detail", args=[other.pk])).status_code == 404


def test_refuses_a_database_with_data_and_a_test_database_by_default(db):
    UserFactory()
    with pytest.raises(CommandError, match="already holds data"):
        generate()
    with pytest.raises(CommandError, match="test database"):
        call_command("generate_national", scale=SCALE, years=1, stdout=io.StringIO())
    assert not Region.objects.filter(slug__startswith=national.SLUG_PREFIX).exists()

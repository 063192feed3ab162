"""The worklist, intake and report pages: access per organisation, queries, one-click assign."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from tests.reports.factories import assessed, person, register, veilig_thuis, worker
from tests.schema import plan
from veilignet.accounts.models import Role
from veilignet.audit.models import AuditEntry
from veilignet.people.models import MemberRole
from veilignet.regions.models import Municipality
from veilignet.reports import services
from veilignet.reports.models import Kind, Outcome, Report, Sector, Status, ViolenceForm

pytestmark = pytest.mark.django_db


@pytest.fixture
def vt():
    return veilig_thuis()


@pytest.fixture
def alice(vt):
    return worker(vt)


def test_one_organisations_worklist_never_shows_anothers_items(login, client, alice):
    mine = register(alice)
    other = register(
        worker(veilig_thuis("GM0758")), municipality=Municipality.objects.get(cbs_code="GM0758")
    )
    response = login(alice).get(reverse("reports:worklist"))
    assert response.status_code == 200
    refs = [r.pk for r in response.context["page"].object_list]
    assert refs == [mine.pk]
    assert other.reference.encode() not in response.content
    assert client.get(reverse("reports:detail", args=[other.pk])).status_code == 404
    assert AuditEntry.objects.filter(event="access_denied", object_id=str(other.pk)).exists()
    assert (
        client.post(reverse("reports:assign", args=[other.pk]), {"assignee": "me"}).status_code
        == 404
    )
    assert client.get(reverse("reports:assign", args=[other.pk])).status_code == 404


def test_roles_without_personal_data_cannot_open_the_worklist(login, vt):
    policy = worker(vt, role=Role.POLICY_OFFICER)
    assert login(policy).get(reverse("reports:worklist")).status_code == 403


def test_worklist_is_sorted_by_running_deadline_with_status(login, alice):
    late = register(
        alice, received_at=datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=30)
    )
    fresh = register(alice)
    response = login(alice).get(reverse("reports:worklist"))
    rows = response.context["page"].object_list
    assert [r.pk for r in rows] == [late.pk, fresh.pk]
    assert rows[0].deadline_status == "overdue"
    assert "utrecht-status-badge--danger" in response.content.decode()


def test_worklist_filters_and_search(login, alice):
    tilburg = register(alice, persons=[person(last_name="Öztürk")])
    register(
        alice,
        kind=Kind.ADVICE_REQUEST,
        municipality=Municipality.objects.get(cbs_code="GM0867"),
        violence_forms=["elder_abuse"],
    )
    client = login(alice)
    url = reverse("reports:worklist")

    def found(**params):
        return [r.pk for r in client.get(url, params).context["page"].object_list]

    assert found(kind="report") == [tilburg.pk]
    assert found(municipality=Municipality.objects.get(cbs_code="GM0855").pk) == [tilburg.pk]
    assert len(found(violence="elder_abuse")) == 1 and tilburg.pk not in found(
        violence="elder_abuse"
    )
    assert found(q="ozturk") == [tilburg.pk]
    assert found(q=tilburg.reference) == [tilburg.pk]
    assert found(q="VT-²") == []  # a digit to str.isdigit(), not to int()
    assert found(q="1" * 5000) == []  # int() refuses over 4,300 digits
    assert found(assignee="me") == []
    assert len(found(assignee="none")) == 2
    assert found(status="closed") == []


def test_unfiltered_worklist_pages_equal_the_filtered_path(login, alice, vt, settings):
    """Without filters the worklist's pages and counts come from compiled queries; with
    an empty filter from the ORM: the same rows, page by page, and the same count."""
    settings.VEILIGNET_PAGE_SIZE = 2
    for _ in range(5):
        register(alice)
    register(worker(vt))  # a colleague's report is the organisation's too
    client, url = login(alice), reverse("reports:worklist")

    def shown(**params):
        page = client.get(url, params).context["page"]
        return page.paginator.count, page.number, [report.pk for report in page.object_list]

    for number in ("1", "2", "3", "9", "x"):  # out of range: the last page; no number: 1
        assert shown(page=number) == shown(page=number, q="")
    assert shown(page="3") == (6, 3, shown(page="9")[2])


def test_worklist_shows_decisions_lacking_feedback(login, alice, vt):
    bob = worker(vt)
    report = register(
        alice,
        reporter={
            "sector": Sector.GP,
            "anonymous": False,
            "name": "Huisarts",
            "phone": "0131234567",
            "wants_feedback": True,
        },
    )
    assessed(report, alice, confirmer=bob)
    services.decide(alice, report, Outcome.LOCAL_TEAM, "Naar wijkteam.")
    client = login(alice)
    response = client.get(reverse("reports:worklist"))
    assert response.context["feedback_outstanding"] == 1
    assert [
        r.pk
        for r in client.get(reverse("reports:worklist"), {"status": "feedback"})
        .context["page"]
        .object_list
    ] == [report.pk]
    services.record_feedback(alice, report, report.received_at, "Overgedragen aan het wijkteam.")
    assert client.get(reverse("reports:worklist")).context["feedback_outstanding"] == 0
    # Rows loaded in bulk (demo, national data) get the flag from the records alone.
    Report.objects.update(feedback_due=False)
    assert Report.objects.mark_feedback_due() == 0
    report.feedback.all().delete()
    assert Report.objects.mark_feedback_due() == 1
    assert Report.objects.get(feedback_due=True) == report


@pytest.mark.skipif(connection.vendor != "postgresql", reason="reads PostgreSQL's plan")
def test_worklist_page_is_read_in_deadline_order_from_its_index(login, alice):
    """The first page of a large worklist must not sort every open item: the order by
    the running deadline is the order of the partial index report_worklist_due. With
    sorting priced out the plan shows whether the index can serve it at all."""
    register(alice)
    with CaptureQueriesContext(connection) as queries:
        login(alice).get(reverse("reports:worklist"))
    (rows,) = [q["sql"] for q in queries.captured_queries if '"reports_report"."id" AS' in q["sql"]]
    found = plan(rows, priced_out=("sort", "seqscan"))
    assert "report_worklist_due" in found
    assert "Sort" not in found


@pytest.mark.parametrize("params", [{}, {"status": "registered"}])
def test_worklist_is_counted_without_the_rows_joins(login, alice, params):
    """The page count reads the reports alone: the municipality and the assignee are
    joined for the rows of the page only (compiled and filtered worklist alike)."""
    report = register(alice)
    services.assign(alice, report, alice)
    with CaptureQueriesContext(connection) as queries:
        response = login(alice).get(reverse("reports:worklist"), params)
    assert [row.assigned_to for row in response.context["page"].object_list] == [str(alice)]
    sqls = [q["sql"] for q in queries.captured_queries]
    (count,) = [sql for sql in sqls if "COUNT(*)" in sql and "feedback_due" not in sql]
    assert "JOIN" not in count


def test_worklist_query_count_does_not_grow_with_rows(login, alice, django_assert_max_num_queries):
    client = login(alice)
    register(alice, persons=[person()])
    client.get(reverse("reports:worklist"))  # renders the filter form into the shared cache
    with django_assert_max_num_queries(11) as few:
        client.get(reverse("reports:worklist"))
    for _ in range(10):
        register(alice, persons=[person()], violence_forms=["partner_violence", "child_abuse"])
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("reports:worklist"))
    assert len(response.context["page"].object_list) == 11


def test_the_empty_filter_form_is_shared_for_a_minute(login, alice, vt):
    start = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False) as traveller:
        client = login(alice)
        url = reverse("reports:worklist")
        alices = f'<option value="{alice.pk}">{escape(alice)}</option>'
        assert alices in client.get(url).content.decode()
        bob = worker(vt)
        bobs = f'<option value="{bob.pk}">{escape(bob)}</option>'
        assert bobs not in login(bob).get(url).content.decode()  # the cached form
        assert bobs in client.get(url, {"status": ""}).content.decode()  # filters: live
        traveller.shift(datetime.timedelta(seconds=61))
        assert bobs in client.get(url).content.decode()


def test_worklist_rows_show_every_cell_escaped_and_offer_assign_to_me_for_others(login, alice, vt):
    bob = worker(vt)
    bob.first_name, bob.last_name = "<b>Bo", "& Co</b>"
    bob.save()
    received = datetime.datetime(2026, 3, 2, 9, 5, tzinfo=datetime.UTC)  # 10:05 in NL
    bobs = register(
        alice, received_at=received, violence_forms=[ViolenceForm.PARTNER, ViolenceForm.CHILD_ABUSE]
    )
    services.assign(alice, bobs, bob)
    alices = register(alice)
    services.assign(alice, alices, alice)
    content = login(alice).get(reverse("reports:worklist")).content.decode()
    row_of = {
        report.pk: content.split(f'id="report-{report.pk}"')[1].split("</tr>")[0]
        for report in (bobs, alices)
    }
    row = row_of[bobs.pk]
    assert f'href="{bobs.get_absolute_url()}">{bobs.reference}</a>' in row
    assert "Melding" in row and "2 Mrt 2026 10:05" in row and "Tilburg" in row
    assert "Kindermishandeling (inclusief verwaarlozing), Partnergeweld" in row
    assert "9 Mrt 2026" in row and "Termijn verstreken" in row and "Geregistreerd" in row
    assert "&lt;b&gt;Bo &amp; Co&lt;/b&gt;" in row and "<b>" not in row  # escaped
    assert f"(toewijzing van {bobs.reference})" in row
    assign_url = reverse("reports:assign", args=[bobs.pk])
    assert f'<form method="post" action="{assign_url}" hx-post="{assign_url}"' in row
    assert 'name="csrfmiddlewaretoken"' in row and "Aan mij toewijzen" in row
    assert "Aan mij toewijzen" not in row_of[alices.pk]  # hers already
    assert all("Niemand" not in r for r in row_of.values())  # both are assigned


def test_one_click_assign_with_htmx_returns_the_row(login, alice, vt):
    report = register(alice)
    client = login(alice)
    response = client.post(
        reverse("reports:assign", args=[report.pk]), {"assignee": "me"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert response.content.decode().lstrip().startswith("<tr")
    report.refresh_from_db()
    assert report.assigned_to == alice
    bob = worker(vt)
    row = client.post(
        reverse("reports:assign", args=[report.pk]),
        {"assignee": str(bob.pk)},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    report.refresh_from_db()
    assert report.assigned_to == bob
    assert str(bob) in row and "<select" not in row  # the row names the assignee
    # "Change" opens the assign form in the row: every colleague is an option; only the
    # assignee's is selected; without htmx the same form is a page of its own.
    url = reverse("reports:assign", args=[report.pk])
    response = client.get(url, HTTP_HX_REQUEST="true")
    assert "HX-Request" in response["Vary"]
    fragment = response.content.decode()
    assert fragment.lstrip().startswith("<form") and "autofocus" in fragment
    assert f'<option value="{bob.pk}" selected>' in fragment
    assert fragment.count(" selected>") == 1 and f'<option value="{alice.pk}">' in fragment
    page = client.get(url).content.decode()
    assert "<html" in page and f'<option value="{bob.pk}" selected>' in page
    assert 'name="next" value="worklist"' in page
    outsider = worker(veilig_thuis())
    response = client.post(
        reverse("reports:assign", args=[report.pk]), {"assignee": str(outsider.pk)}
    )
    assert response.status_code == 403


def test_register_anonymous_report_without_bsn_through_the_form(login, alice):
    data = {
        "kind": "report",
        "received_at": "2026-04-24T16:30",
        "channel": "phone",
        "municipality": Municipality.objects.get(cbs_code="GM0855").pk,
        "reporter_sector": "citizen",
        "reporter_anonymous": "on",
        "violence_forms": ["child_abuse"],
        "concern": "Kind komt vaak met blauwe plekken op school.",
        "persons-TOTAL_FORMS": "4",
        "persons-INITIAL_FORMS": "0",
        "persons-0-role": "child",
        "persons-0-first_name": "Daan",
    }
    response = login(alice).post(reverse("reports:create"), data)
    report = Report.objects.get()
    assert response.status_code == 302 and response.url == report.get_absolute_url()
    assert report.reporter_anonymous and report.triage_deadline == datetime.date(2026, 5, 4)
    assert report.persons.get().role == MemberRole.CHILD


def test_intake_form_errors_are_dutch_and_keep_the_input(login, alice):
    data = {
        "kind": "report",
        "received_at": "2026-04-24T16:30",
        "channel": "phone",
        "municipality": Municipality.objects.get(cbs_code="GM0855").pk,
        "reporter_sector": "education",
        "violence_forms": ["child_abuse"],
        "concern": "Zorgen over een leerling.",
        "persons-TOTAL_FORMS": "4",
        "persons-INITIAL_FORMS": "0",
        "persons-0-role": "child",
        "persons-0-bsn": "123456789",
    }
    response = login(alice).post(reverse("reports:create"), data)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Geef de naam van de melder" in content
    assert "geen geldig BSN" in content
    assert "Zorgen over een leerling." in content
    assert not Report.objects.exists()


def test_only_veilig_thuis_registers(login, vt):
    from tests.factories import OrganisationFactory
    from veilignet.accounts.models import OrganisationType

    local = worker(OrganisationFactory(type=OrganisationType.LOCAL_TEAM))
    assert login(local).get(reverse("reports:create")).status_code == 403


def test_report_page_shows_candidates_and_the_worker_links(login, alice):
    from tests.factories import MemberFactory, PersonFactory

    member = MemberFactory(
        person=PersonFactory(bsn="", last_name="Jansen", date_of_birth=datetime.date(1990, 1, 2))
    )
    report = register(
        alice, persons=[person(last_name="jansen", date_of_birth=datetime.date(1990, 1, 2))]
    )
    client = login(alice)
    response = client.get(report.get_absolute_url())
    assert response.status_code == 200
    assert member.household.reference in response.content.decode()
    assert AuditEntry.objects.filter(event="report_match_candidates_viewed").exists()
    response = client.post(
        reverse("reports:link", args=[report.pk]), {"household": member.household.pk}
    )
    report.refresh_from_db()
    assert report.household == member.household and report.is_re_report
    # The household page now works for the worker who linked it.
    assert (
        client.get(reverse("people:household_detail", args=[member.household.pk])).status_code
        == 200
    )


def test_four_eyes_through_the_pages(login, alice, vt, client):
    report = register(alice)
    services.link_new_household(alice, report)
    client = login(alice)
    form = {"judgement": "unsafe", "rationale": "Dreiging.", "risk_factors": ["threats"]}
    assert (
        client.post(reverse("reports:assessment_create", args=[report.pk]), form).status_code == 302
    )
    assessment = report.assessments.get()
    client.post(reverse("reports:assessment_confirm", args=[report.pk, assessment.pk]))
    assessment.refresh_from_db()
    assert not assessment.is_confirmed
    response = client.post(
        reverse("reports:decide", args=[report.pk]),
        {"outcome": "investigation", "rationale": "Onderzoek."},
    )
    assert response.status_code == 200 and "tweede professional" in response.content.decode()
    client.logout()
    bob = worker(vt)
    login(bob).post(reverse("reports:assessment_confirm", args=[report.pk, assessment.pk]))
    response = client.post(
        reverse("reports:decide", args=[report.pk]),
        {"outcome": "investigation", "rationale": "Onderzoek."},
    )
    report.refresh_from_db()
    assert report.status == Status.FOLLOW_UP and report.completion_deadline is not None


def test_report_page_query_count_is_bounded(login, alice, django_assert_max_num_queries):
    report = register(alice, persons=[person(), person(MemberRole.CHILD)])
    client = login(alice)
    with django_assert_max_num_queries(24) as few:
        client.get(report.get_absolute_url())
    bigger = register(alice, persons=[person(MemberRole.CHILD) for _ in range(8)])
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(bigger.get_absolute_url())


def test_convert_via_page(login, alice):
    advice = register(alice, kind=Kind.ADVICE_REQUEST)
    client = login(alice)
    assert client.get(reverse("reports:convert", args=[advice.pk])).status_code == 200
    response = client.post(reverse("reports:convert", args=[advice.pk]))
    report = Report.objects.get(converted_from=advice)
    assert response.url == report.get_absolute_url()
    page = client.get(report.get_absolute_url()).content.decode()
    assert advice.reference in page


def test_assign_to_me_on_the_report_page_reloads_the_page(login, alice, vt):
    report = register(alice)
    content = login(alice).get(report.get_absolute_url()).content.decode()
    form = content.split('value="me">')[1].split("</form>")[0]
    assert '<input type="hidden" name="next" value="detail">' in form
    assert "Aan mij toewijzen" in form
    assert 'hx-target="closest tr"' not in content  # no worklist row to swap
    services.assign(alice, report, alice)
    assert 'value="me"' not in login(alice).get(report.get_absolute_url()).content.decode()

"""Issue 3 end to end: a Veilig Thuis worker registers a report, links it to a known
household and records the safety assessment; a colleague confirms it (four eyes) and takes
the triage decision, after which the report has left the worklist of open items."""

import datetime
import random

from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.helpers import check_axe, login, screenshot
from tests.factories import HouseholdFactory, MemberFactory, OrganisationFactory, PersonFactory
from tests.reports.factories import ASSESSMENT, person, register, worker
from veilignet.accounts.models import OrganisationType
from veilignet.people.bsn import make_bsn
from veilignet.people.models import MemberRole
from veilignet.regions.models import Municipality
from veilignet.reports import services
from veilignet.reports.models import Kind, Outcome, Report, Sector, Status, ViolenceForm

KNOWN_BIRTH_DATE = datetime.date(1984, 3, 12)

# (days ago received, kind, violence, named surname, progress, assignee index or None)
BACKGROUND = [
    (9, Kind.REPORT, [ViolenceForm.PARTNER], "Visser", "assessed", 0),
    (7, Kind.REPORT, [ViolenceForm.CHILD_ABUSE], "Smit", "registered", None),
    (6, Kind.ADVICE_REQUEST, [ViolenceForm.ELDER_ABUSE], "", "registered", 1),
    (5, Kind.REPORT, [ViolenceForm.EX_PARTNER, ViolenceForm.CHILD_ABUSE], "Mulder", "confirmed", 1),
    (4, Kind.REPORT, [ViolenceForm.SEXUAL], "", "registered", None),
    (4, Kind.REPORT, [ViolenceForm.PARTNER], "Bos", "assessed", 0),
    (3, Kind.ADVICE_REQUEST, [ViolenceForm.HONOUR_RELATED], "", "registered", None),
    (3, Kind.REPORT, [ViolenceForm.CHILD_ABUSE], "Dekker", "registered", 1),
    (2, Kind.REPORT, [ViolenceForm.PARTNER], "Meijer", "assessed", None),
    (2, Kind.REPORT, [ViolenceForm.ELDER_ABUSE], "Peters", "registered", 0),
    (1, Kind.REPORT, [ViolenceForm.HUMAN_TRAFFICKING], "", "registered", None),
    (1, Kind.ADVICE_REQUEST, [ViolenceForm.CHILD_ABUSE], "", "registered", None),
    (0, Kind.REPORT, [ViolenceForm.PARTNER, ViolenceForm.CHILD_ABUSE], "Hendriks", "registered", 1),
    (20, Kind.REPORT, [ViolenceForm.PARTNER], "Kok", "follow_up", 0),
    (15, Kind.REPORT, [ViolenceForm.CHILD_ABUSE], "Vermeulen", "follow_up", 1),
]


def _background_reports(workers):
    """Fifteen open items in every state, with deadlines overdue, due soon and on time."""
    municipalities = list(
        Municipality.objects.filter(region=workers[0].organisation.region).order_by("name")
    )
    for index, (days, kind, forms, surname, progress, assignee) in enumerate(BACKGROUND):
        persons = (
            [person(MemberRole.VICTIM, first_name="Anna", last_name=surname)] if surname else []
        )
        report = register(
            workers[index % 2],
            kind=kind,
            persons=persons,
            received_at=timezone.now() - datetime.timedelta(days=days, hours=index),
            municipality=municipalities[index % len(municipalities)],
            violence_forms=forms,
        )
        if assignee is not None:
            services.assign(workers[0], report, workers[assignee])
        if progress == "registered":
            continue
        services.link_new_household(workers[0], report)
        assessment = services.record_assessment(workers[0], report, **ASSESSMENT)
        if progress == "assessed":
            continue
        services.confirm_assessment(workers[1], assessment)
        if progress == "follow_up":
            services.decide(
                workers[1], report, Outcome.CONDITIONS_AND_FOLLOW_UP, "Afspraken met het gezin."
            )


def _known_household():
    """A household known from before, with a father who is named again in the new report."""
    household = HouseholdFactory()
    father = PersonFactory(first_name="Ronald", last_name="Bakker", date_of_birth=KNOWN_BIRTH_DATE)
    MemberFactory(household=household, person=father, role=MemberRole.PERPETRATOR)
    MemberFactory(household=household, role=MemberRole.VICTIM)
    return household


def _log_out(page):
    page.click("form.vn-header__logout button")
    expect(page.locator("#id_username")).to_be_visible()


def test_report_is_registered_assessed_confirmed_decided_and_leaves_the_worklist(page):
    region = Municipality.objects.get(cbs_code="GM0855").region
    vt = OrganisationFactory(
        name="Veilig Thuis Hart van Brabant", type=OrganisationType.VEILIG_THUIS, region=region
    )
    first, second = worker(vt), worker(vt)
    _background_reports([first, second])
    known = _known_household()
    victim_bsn = make_bsn(random.Random(3))

    login(page, first.username)
    page.click("nav a[href='/reports/']")
    expect(page.locator("tbody tr")).to_have_count(len(BACKGROUND))
    expect(page.locator(".utrecht-status-badge--danger").first).to_be_visible()
    check_axe(page)
    screenshot(page, "worklist")

    # Intake: persons with and without BSN, a reporter who wants feedback.
    page.get_by_role("link", name="Melding registreren").click()
    expect(page.locator("#id_kind_0")).to_be_checked()
    check_axe(page)
    page.select_option("#id_channel", "phone")
    page.select_option("#id_municipality", label="Tilburg")
    page.select_option("#id_reporter_sector", Sector.EDUCATION)
    page.fill("#id_reporter_name", "Mw. De Groot")
    page.fill("#id_reporter_organisation", "Basisschool De Linde")
    page.fill("#id_reporter_phone", "013-5551234")
    page.check("#id_reporter_wants_feedback")
    page.check(f"input[name=violence_forms][value={ViolenceForm.PARTNER}]")
    page.check(f"input[name=violence_forms][value={ViolenceForm.CHILD_ABUSE}]")
    page.fill("#id_concern", "Kind vertelt op school dat papa mama heeft geslagen.")
    rows = [
        (MemberRole.VICTIM, "Sanne", "de Vries", "1988-06-02", victim_bsn),
        (MemberRole.PERPETRATOR, "Ronald", "Bakker", KNOWN_BIRTH_DATE.isoformat(), ""),
        (MemberRole.CHILD, "Noah", "Bakker", "2018-09-21", ""),
    ]
    for index, (role, first_name, last_name, born, bsn) in enumerate(rows):
        page.select_option(f"#id_persons-{index}-role", role)
        page.fill(f"#id_persons-{index}-first_name", first_name)
        page.fill(f"#id_persons-{index}-last_name", last_name)
        page.fill(f"#id_persons-{index}-date_of_birth", born)
        page.fill(f"#id_persons-{index}-bsn", bsn)
    page.get_by_role("button", name="Registreren", exact=True).click()

    expect(page.locator("h1")).to_contain_text("Melding VT-")
    report = Report.objects.get(concern__startswith="Kind vertelt")
    assert report.persons.count() == 3
    assert report.persons.filter(bsn="").count() == 2
    expect(page.locator("tbody tr", has_text="Noah Bakker")).to_contain_text("geen")
    check_axe(page)

    # The father matches the known household on surname and date of birth: the worker links.
    candidate = page.locator("tbody tr", has_text=known.reference)
    expect(candidate).to_contain_text("zelfde achternaam en geboortedatum")
    candidate.get_by_role("button").click()
    expect(page.locator("[role=status]")).to_have_text(
        f"Gekoppeld aan {known.reference}: een hermelding."
    )
    check_axe(page)
    report.refresh_from_db()
    assert report.household_id == known.pk and report.is_re_report
    assert known.members.count() == 4  # the father is matched, mother and child are added

    # Back on the worklist the new item is assigned with one htmx click.
    page.click("nav a[href='/reports/']")
    row = page.locator(f"#report-{report.pk}")
    row.get_by_role("button", name="Aan mij toewijzen").click()
    assignee = row.locator(".vn-assignee")
    expect(assignee).to_contain_text(str(first))
    check_axe(page)
    # "Change" opens the assign form in the row (htmx), focused; a choice saves at once.
    row.get_by_role("link", name=f"toewijzing van {report.reference}").click()
    expect(row.locator("select")).to_be_focused()
    check_axe(page)
    row.locator("select").select_option(str(second.pk))
    expect(assignee).to_contain_text(str(second))
    expect(row.locator("select")).to_have_count(0)
    row.get_by_role("button", name="Aan mij toewijzen").click()
    expect(assignee).to_contain_text(str(first))
    row.get_by_role("link", name=report.reference, exact=True).click()

    page.get_by_role("link", name="Veiligheidsbeoordeling vastleggen").click()
    check_axe(page)
    page.check("input[name=risk_factors][value=escalation]")
    page.check("input[name=risk_factors][value=separation]")
    page.check("#id_children_present")
    page.check("input[name=judgement][value=unsafe]")
    page.fill("#id_rationale", "Geweld in bijzijn van het kind; vader dreigt bij scheiding.")
    page.get_by_role("button", name="Beoordeling vastleggen").click()
    expect(page.get_by_text("Nog niet bevestigd")).to_be_visible()
    expect(page.get_by_role("button", name="Deze beoordeling bevestigen")).to_have_count(0)
    expect(page.get_by_role("link", name="Triagebesluit nemen")).to_have_count(0)
    check_axe(page)
    _log_out(page)

    # Four eyes: the colleague confirms and decides.
    login(page, second.username)
    page.click("nav a[href='/reports/']")
    page.fill("#id_q", report.reference)
    page.get_by_role("button", name="Filteren").click()
    expect(page.locator("tbody tr")).to_have_count(1)
    check_axe(page)
    page.get_by_role("link", name=report.reference, exact=True).click()
    page.get_by_role("button", name="Deze beoordeling bevestigen").click()
    expect(page.get_by_text(f"Bevestigd door {second}")).to_be_visible()
    check_axe(page)
    page.get_by_role("link", name="Triagebesluit nemen").click()
    check_axe(page)
    page.check(f"input[name=outcome][value={Outcome.LOCAL_TEAM}]")
    page.fill("#id_rationale", "Gezin staat open voor hulp; het wijkteam pakt dit op.")
    page.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.locator("h1")).to_contain_text(report.reference)
    expect(page.get_by_text("Overdracht aan het wijkteam")).to_be_visible()
    check_axe(page)
    screenshot(page, "report")
    report.refresh_from_db()
    assert report.status == Status.HANDED_OVER
    assert report.decision.decided_by == second

    page.click("nav a[href='/reports/']")
    expect(page.locator(f"#report-{report.pk}")).to_have_count(0)
    expect(page.locator("tbody tr")).to_have_count(len(BACKGROUND))
    page.fill("#id_q", report.reference)
    page.get_by_role("button", name="Filteren").click()
    expect(page.locator(".vn-empty")).to_be_visible()
    check_axe(page)

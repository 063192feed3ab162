"""Handle with Care: after a police-reported incident the school contact gets the child's
name, the date and "give extra attention" — no incident details; sending and
acknowledgement are recorded."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.acute.factories import OFFICE_TIME, intake, meldpunt_worker
from tests.cases.factories import professional
from tests.factories import OrganisationFactory
from veilignet.accounts.models import OrganisationType
from veilignet.acute import services
from veilignet.acute.models import SchoolContact
from veilignet.audit.models import AuditEntry

CONCERN = "Vader heeft moeder met een mes bedreigd in de keuken."


@pytest.fixture
def contact():
    school = OrganisationFactory(type=OrganisationType.SCHOOL)
    user = professional(school)
    SchoolContact.objects.create(school=school, user=user)
    return user


@pytest.fixture
def worker():
    return meldpunt_worker()


@pytest.fixture
def police_intake(worker):
    return intake(worker, channel="police", concern=CONCERN)


def send(worker, police_intake, contact, born=datetime.date(2016, 5, 1)):
    return services.send_handle_with_care(
        worker,
        police_intake,
        child_first_name="Noor",
        child_last_name="Jansen",
        child_date_of_birth=born,
        contact=contact,
    )


def test_notice_contains_only_child_date_and_extra_attention(
    worker, police_intake, contact, login, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notice = send(worker, police_intake, contact)
    assert notice.incident_date == OFFICE_TIME.date()
    page = login(contact).get(reverse("acute:notice_detail", args=[notice.pk]))
    content = page.content.decode()
    assert "Noor Jansen" in content
    assert "3 maart 2026" in content or "3 March 2026" in content
    assert "extra" in content.lower()
    for detail in (CONCERN, "mes", "keuken", "Anna", "de Vries", police_intake.reference):
        assert detail not in content
    [message] = mail.outbox
    assert message.to == [contact.email]
    for detail in (CONCERN, "Noor", "Jansen"):
        assert detail not in message.body
    field_names = {f.name for f in notice._meta.get_fields()}
    assert not field_names & {"concern", "description", "details", "urgency"}


def test_sending_and_acknowledgement_are_recorded(worker, police_intake, contact, login):
    notice = send(worker, police_intake, contact)
    assert AuditEntry.objects.filter(event="handle_with_care_sent", object_id=notice.pk).exists()
    client = login(contact)
    client.post(reverse("acute:notice_acknowledge", args=[notice.pk]))
    notice.refresh_from_db()
    assert notice.acknowledged_at is not None
    assert AuditEntry.objects.filter(event="handle_with_care_acknowledged").count() == 1
    with pytest.raises(ValidationError):
        services.acknowledge_notice(contact, notice)


def test_only_the_contact_acknowledges(worker, police_intake, contact):
    notice = send(worker, police_intake, contact)
    with pytest.raises(ValidationError, match="contactpersoon"):
        services.acknowledge_notice(worker, notice)


@pytest.mark.parametrize(
    ("born", "allowed"),
    [
        (datetime.date(2022, 3, 3), True),  # turns 4 on the day
        (datetime.date(2022, 3, 4), False),  # still 3
        (datetime.date(2007, 3, 4), True),  # 18
        (datetime.date(2007, 3, 3), False),  # turns 19
    ],
)
def test_only_school_age_children(worker, police_intake, contact, born, allowed):
    if allowed:
        assert send(worker, police_intake, contact, born)
    else:
        with pytest.raises(ValidationError, match="van 4 tot en met 18 jaar"):
            send(worker, police_intake, contact, born)


def test_only_after_a_police_reported_incident(worker, contact):
    phone = intake(worker, channel="phone")
    with pytest.raises(ValidationError, match="politie"):
        send(worker, phone, contact)


def test_the_addressee_must_be_a_school_contact(worker, police_intake):
    with pytest.raises(ValidationError, match="contactpersoon"):
        send(worker, police_intake, professional())


def test_other_schools_do_not_see_the_notice(worker, police_intake, contact, login):
    notice = send(worker, police_intake, contact)
    other = professional(OrganisationFactory(type=OrganisationType.SCHOOL))
    assert login(other).get(reverse("acute:notice_detail", args=[notice.pk])).status_code == 404
    # The school contact cannot open the intake behind the notice.
    response = login(contact).get(reverse("acute:intake_detail", args=[police_intake.pk]))
    assert response.status_code == 404


def test_only_the_contact_acknowledges_through_the_page(worker, police_intake, contact, login):
    """The sender's colleagues read the notice but cannot acknowledge it (404, audited)."""
    notice = send(worker, police_intake, contact)
    colleague = professional(worker.organisation)
    assert login(colleague).get(reverse("acute:notice_detail", args=[notice.pk])).status_code == 200
    response = login(colleague).post(reverse("acute:notice_acknowledge", args=[notice.pk]))
    assert response.status_code == 404
    notice.refresh_from_db()
    assert notice.acknowledged_at is None
    assert AuditEntry.objects.filter(event="access_denied", user=colleague).exists()

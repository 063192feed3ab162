"""Property-based tests (hypothesis): whatever is typed into forms or sent to services,
there is no crash, invalid input gets a Dutch message, and nothing is partially saved."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import HouseholdFactory
from tests.reports.factories import veilig_thuis, worker
from veilignet.people import services as people
from veilignet.people.forms import MemberForm
from veilignet.people.models import HouseholdMember, Person
from veilignet.privacy.forms import EmergencyAccessForm, PersonSearchForm
from veilignet.reports.forms import IntakeForm
from veilignet.reports.models import Report, ReportPerson

FAST = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
text = st.text(max_size=300)
# English words that Django or our code would show if a message were left untranslated.
ENGLISH = ("This field", "Enter a", "Ensure this", "valid", "required", "characters")


def _dutch(form):
    for messages in form.errors.values():
        for message in messages:
            assert not any(word in message for word in ENGLISH), message


person_data = st.fixed_dictionaries(
    {
        "role": st.one_of(st.sampled_from(["victim", "child", "parent"]), text),
        "first_name": text,
        "last_name": text,
        "date_of_birth": st.one_of(text, st.dates().map(str)),
        "gender": st.one_of(st.sampled_from(["female", "male", "unknown"]), text),
        "bsn": st.one_of(text, st.from_regex(r"\A[0-9]{9}\Z")),
        "address": text,
        "postcode": text,
        "city": text,
    }
)


@pytest.mark.django_db
@FAST
@given(data=person_data)
def test_member_form_never_crashes_and_answers_in_dutch(data):
    form = MemberForm(data)
    if not form.is_valid():
        assert form.errors
        _dutch(form)


@pytest.mark.django_db
@FAST
@given(data=person_data)
def test_adding_a_person_saves_all_or_nothing(data):
    household = HouseholdFactory()
    actor = worker(veilig_thuis())
    before = (Person.objects.count(), HouseholdMember.objects.count())
    fields = {k: v for k, v in data.items() if k != "role"}
    fields["date_of_birth"] = None
    try:
        people.add_person(actor, household, "victim", **fields)
    except ValidationError:
        assert (Person.objects.count(), HouseholdMember.objects.count()) == before
    else:
        assert Person.objects.count() == before[0] + 1


@pytest.mark.django_db
def test_a_nul_character_in_a_persons_data_is_refused_in_dutch():
    """PostgreSQL cannot store NUL; the service refuses it before the database does."""
    with translation.override("nl"), pytest.raises(ValidationError) as refused:
        people.add_person(worker(veilig_thuis()), HouseholdFactory(), "victim", city="Tilburg\x00")
    assert refused.value.message_dict["city"] == ["Null-tekens zijn niet toegestaan."]
    assert not Person.objects.exists()


@pytest.mark.django_db
@FAST
@given(case=text, reason=text)
def test_emergency_form_never_crashes(case, reason):
    form = EmergencyAccessForm({"case": case, "reason": reason})
    if not form.is_valid():
        _dutch(form)


@pytest.mark.django_db
@FAST
@given(bsn=text, last_name=text, date_of_birth=text)
def test_person_search_form_never_crashes(bsn, last_name, date_of_birth):
    form = PersonSearchForm({"bsn": bsn, "last_name": last_name, "date_of_birth": date_of_birth})
    if not form.is_valid():
        _dutch(form)


@pytest.mark.django_db
@FAST
@given(
    data=st.dictionaries(
        st.sampled_from(
            [
                "kind",
                "received_at",
                "channel",
                "municipality",
                "reporter_sector",
                "reporter_name",
                "concern",
                "violence_forms",
            ]
        ),
        st.one_of(text, st.datetimes(max_value=datetime.datetime(2100, 1, 1)).map(str)),
    )
)
def test_report_intake_form_never_crashes_and_saves_nothing_when_invalid(data):
    organisation = veilig_thuis()
    before = (Report.objects.count(), ReportPerson.objects.count())
    form = IntakeForm(data, region=organisation.region_id)
    if not form.is_valid():
        _dutch(form)
    assert (Report.objects.count(), ReportPerson.objects.count()) == before

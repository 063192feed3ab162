"""factory_boy factories for synthetic test data (Faker nl_NL; never real people)."""

import factory
import factory.random
from django.conf import settings

from veilignet.accounts.models import DemoDevice, Organisation, OrganisationType, Role, User
from veilignet.people.bsn import make_bsn
from veilignet.people.models import (
    AccessReason,
    Household,
    HouseholdAccess,
    HouseholdMember,
    MemberRole,
    Person,
)
from veilignet.regions.models import Municipality

factory.Faker._DEFAULT_LOCALE = "nl_NL"
PASSWORD = "Test-wachtwoord-123"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisatie {n}")
    slug = factory.Sequence(lambda n: f"org-{n}")
    type = OrganisationType.VEILIG_THUIS
    region = factory.LazyFunction(lambda: Municipality.objects.get(cbs_code="GM0855").region)


class UserFactory(factory.django.DjangoModelFactory):
    """A user with a confirmed demo second factor (code: settings.DEMO_OTP_TOKEN)."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.CASE_WORKER
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def second_factor(self, create, extracted, **kwargs):
        if create and extracted is not False:
            DemoDevice.objects.create(user=self, name="test", confirmed=True)


class HouseholdFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Household

    municipality = factory.LazyFunction(lambda: Municipality.objects.get(cbs_code="GM0855"))


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    date_of_birth = factory.Faker("date_of_birth", minimum_age=1, maximum_age=80)
    bsn = factory.LazyFunction(lambda: make_bsn(factory.random.randgen))


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HouseholdMember

    household = factory.SubFactory(HouseholdFactory)
    person = factory.SubFactory(PersonFactory)
    role = MemberRole.VICTIM


def grant(household, user, reason=AccessReason.REPORT):
    return HouseholdAccess.objects.create(
        household=household, user=user, organisation=user.organisation, reason=reason
    )


def household_with_members(user=None, size=3):
    """A household with `size` members, visible to `user` when given."""
    household = HouseholdFactory()
    roles = [MemberRole.VICTIM, MemberRole.PERPETRATOR, MemberRole.CHILD]
    for index in range(size):
        MemberFactory(household=household, role=roles[min(index, 2)])
    if user is not None:
        grant(household, user)
    return household


DEMO_TOKEN = settings.DEMO_OTP_TOKEN

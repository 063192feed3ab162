"""Helpers for acute-help tests: a Meldpunt, receiving organisations and intakes."""

import datetime

from tests.cases.factories import professional
from tests.factories import OrganisationFactory
from veilignet.accounts.models import OrganisationType, Role
from veilignet.acute import services
from veilignet.regions.models import Municipality

# Tuesday 3 March 2026, 10:00 in Amsterdam (office hours).
OFFICE_TIME = datetime.datetime(2026, 3, 3, 9, tzinfo=datetime.UTC)


def meldpunt_worker():
    return professional(OrganisationFactory(type=OrganisationType.MENTAL_HEALTH))


def local_team():
    """A local team with a case worker and a team lead."""
    organisation = OrganisationFactory(type=OrganisationType.LOCAL_TEAM)
    return professional(organisation), professional(organisation, role=Role.TEAM_LEAD)


def intake(actor, received_at=OFFICE_TIME, channel="phone", **overrides):
    data = {
        "received_at": received_at,
        "channel": channel,
        "municipality": Municipality.objects.get(cbs_code="GM0855"),
        "concern": "Buurman hoort geschreeuw en slaan.",
        "first_name": "Anna",
        "last_name": "de Vries",
    } | overrides
    return services.register_intake(actor, **data)


def triaged(actor, **kwargs):
    result = intake(actor, **kwargs)
    return services.triage(actor, result, "acute")

"""Builders for governance tests; state is created through the services, as in the app."""

import datetime

from django.utils import timezone

from tests.factories import OrganisationFactory, UserFactory
from veilignet.accounts.models import OrganisationType, Role
from veilignet.governance import services
from veilignet.governance.models import BottleneckSource, LeadRole, NetworkKind
from veilignet.regions.models import Region


def region():
    return Region.objects.get(slug="hart-van-brabant")


def board_member(**kwargs):
    kwargs.setdefault("role", Role.BOARD_MEMBER)
    return UserFactory(**kwargs)


def network(actor, name="Geweld stoppen en duurzaam oplossen", kind=NetworkKind.THEMED):
    return services.create_network(actor, region=region(), kind=kind, name=name)


def network_with_leads(actor):
    """A themed network with a municipal lead, an organisational lead and one member."""
    net = network(actor)
    municipality = OrganisationFactory(type=OrganisationType.MUNICIPALITY)
    partner = OrganisationFactory(type=OrganisationType.POLICE)
    school = OrganisationFactory(type=OrganisationType.SCHOOL)
    for organisation, lead in (
        (municipality, LeadRole.MUNICIPAL_LEAD),
        (partner, LeadRole.ORGANISATIONAL_LEAD),
        (school, LeadRole.MEMBER),
    ):
        services.add_member(
            actor,
            net,
            organisation=organisation,
            representative=UserFactory(organisation=organisation, role=Role.DIRECTOR),
            lead_role=lead,
        )
    return net


def bottleneck(actor, net=None, source=BottleneckSource.PRACTITIONER, **texts):
    texts.setdefault("title", "Weinig meldingen vanuit het onderwijs")
    texts.setdefault("description", "Scholen melden weinig.")
    texts.setdefault("example", "Een leerkracht twijfelde lang.")
    texts.setdefault("requested", "Kennisdeling in het onderwijs.")
    return services.submit_bottleneck(actor, source=source, theme=net, region=region(), **texts)


def action(actor, net, owner=None, due_in_days=30, **kwargs):
    return services.add_action(
        actor,
        network=net,
        title=kwargs.pop("title", "Werkafspraak opstellen"),
        owner=owner or actor,
        due_date=timezone.localdate() + datetime.timedelta(days=due_in_days),
        expected_effect="Professionals weten wat te doen.",
        success_check="Steekproef van tien casussen.",
        **kwargs,
    )

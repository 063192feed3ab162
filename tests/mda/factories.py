"""Helpers for MDA++ tests: a team with a chair, coordinators and a justice partner."""

from tests.cases.factories import open_case, professional
from tests.factories import OrganisationFactory
from veilignet.accounts.models import OrganisationType
from veilignet.mda import services
from veilignet.mda.models import CRITERIA, Team, TeamRole
from veilignet.regions.models import Municipality

ALL_CRITERIA = {name: True for name, _label in CRITERIA}


class TeamSetup:
    """A team in the test region: `chair`, `coordinators` and a police `justice` partner."""

    def __init__(self, coordinators=1, max_cases=2):
        region = Municipality.objects.get(cbs_code="GM0855").region
        self.team = Team.objects.create(name="Veiligheidsteam", region=region)
        self.chair = professional()
        services.add_team_member(self.chair, self.team, self.chair, TeamRole.CHAIR)
        self.coordinators = []
        for _ in range(coordinators):
            user = professional()
            services.add_team_member(self.chair, self.team, user, TeamRole.COORDINATOR, max_cases)
            self.coordinators.append(user)
        self.justice = professional(OrganisationFactory(type=OrganisationType.POLICE))
        services.add_team_member(self.chair, self.team, self.justice, TeamRole.JUSTICE_PARTNER)


def referred_case(team, vt_worker=None):
    """An open case coordinated by a Veilig Thuis worker, referred to `team`."""
    vt_worker = vt_worker or professional(OrganisationFactory(type=OrganisationType.VEILIG_THUIS))
    case = open_case(coordinator=vt_worker)
    return services.refer(vt_worker, case, team, motivation="Structureel geweld.", **ALL_CRITERIA)


def accepted_case(setup, coordinator=None, conference=None):
    referral = referred_case(setup.team)
    return services.accept_referral(
        setup.chair, referral, coordinator or setup.coordinators[0], conference
    )

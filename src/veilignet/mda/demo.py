"""Synthetic demo data for `seed_demo`: an MDA++ team with members, referred and accepted
cases, justice information and a conference with its agenda."""

import datetime

from veilignet import deadlines
from veilignet.cases.models import Case, CaseRole
from veilignet.mda import services
from veilignet.mda.models import CRITERIA, Team, TeamRole

ALL_CRITERIA = {name: True for name, _label in CRITERIA}

# username, role in the team, maximum caseload
MEMBERS = [
    ("vt.teamleider", TeamRole.CHAIR, None),
    ("mda.regisseur", TeamRole.COORDINATOR, 3),
    ("vt.collega", TeamRole.COORDINATOR, 2),
    ("wijkteam.medewerker", TeamRole.CARE_PARTNER, None),
    ("politie.medewerker", TeamRole.JUSTICE_PARTNER, None),
]


def seed_mda(region, users, fake):
    """The Veiligheidsteam of the region; returns the team."""
    chair = users["vt.teamleider"]
    team = Team.objects.create(name="Veiligheidsteam Hart van Brabant", region=region)
    for username, role, max_cases in MEMBERS:
        services.add_team_member(chair, team, users[username], role, max_cases)
    vt_cases = Case.objects.open().filter(
        members__user=users["vt.medewerker"],
        members__case_role=CaseRole.COORDINATOR,
        members__left_at__isnull=True,
    )
    referrals = [
        services.refer(
            users["vt.medewerker"], case, team, motivation=fake.paragraph(), **ALL_CRITERIA
        )
        for case in vt_cases.order_by("pk")[:2]
    ]
    if referrals:
        accepted = services.accept_referral(chair, referrals[0], users["mda.regisseur"])
        services.record_justice_info(
            users["politie.medewerker"],
            accepted,
            kind="prosecution",
            status="Verdachte gedagvaard; zitting gepland",
            details=fake.sentence(),
        )
        services.add_action(
            chair,
            accepted,
            description="Contactverbod afstemmen met de reclassering",
            owner=users["politie.medewerker"],
            due_on=deadlines.today() - datetime.timedelta(days=3),
        )
    monday = deadlines.today() - datetime.timedelta(days=deadlines.today().weekday())
    services.schedule_conference(chair, team, monday + datetime.timedelta(days=3))
    return team

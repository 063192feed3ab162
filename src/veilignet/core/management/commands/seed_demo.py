"""Create the synthetic demo region: organisations, users per role and households.

All persons are made up with Faker (nl_NL); the same --seed gives the same data.
"""

import random

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings
from faker import Faker

from veilignet.accounts.models import DemoDevice, Organisation, OrganisationType, Role, User
from veilignet.acute.demo import seed_acute
from veilignet.cases.demo import seed_cases
from veilignet.governance.demo import seed_governance
from veilignet.mda.demo import seed_mda
from veilignet.people import services as people
from veilignet.people.bsn import make_bsn
from veilignet.people.models import Gender, MemberRole
from veilignet.regions.models import Municipality, Region
from veilignet.regions.services import load_municipalities
from veilignet.reports.demo import seed_reports
from veilignet.reports.models import Report

DEMO_PASSWORD = "Veilignet-demo-2026"

ORGANISATIONS = [
    ("vt-hvb", "Veilig Thuis Hart van Brabant", OrganisationType.VEILIG_THUIS),
    ("wijkteam-tilburg", "Wijkteam Tilburg", OrganisationType.LOCAL_TEAM),
    ("wijkteam-waalwijk", "Wijkteam Waalwijk", OrganisationType.LOCAL_TEAM),
    ("politie-hvb", "Politie basisteam Hart van Brabant", OrganisationType.POLICE),
    ("om-hvb", "Openbaar Ministerie (parket Hart van Brabant)", OrganisationType.PUBLIC_PROSECUTOR),
    ("raad-hvb", "Raad voor de Kinderbescherming", OrganisationType.CHILD_PROTECTION_BOARD),
    ("reclassering-hvb", "Reclassering", OrganisationType.PROBATION),
    ("jeugdbescherming-hvb", "Jeugdbescherming", OrganisationType.YOUTH_PROTECTION),
    ("ggz-hvb", "GGZ Hart van Brabant", OrganisationType.MENTAL_HEALTH),
    ("verslavingszorg-hvb", "Verslavingszorg Hart van Brabant", OrganisationType.ADDICTION_CARE),
    ("vrouwenopvang-hvb", "Vrouwenopvang Hart van Brabant", OrganisationType.SHELTER),
    ("basisschool-de-linde", "Basisschool De Linde", OrganisationType.SCHOOL),
    ("ziekenhuis-hvb", "Ziekenhuis Hart van Brabant", OrganisationType.HOSPITAL),
    ("huisartsen-hvb", "Huisartsenpraktijk Centrum", OrganisationType.GP),
    ("gemeente-tilburg", "Gemeente Tilburg", OrganisationType.MUNICIPALITY),
    (
        "ervaringsdeskundigen-hvb",
        "Pool ervaringsdeskundigen",
        OrganisationType.EXPERTS_BY_EXPERIENCE,
    ),
    ("stichting-netwerk-hvb", "Stichting Netwerk", OrganisationType.OTHER),
    ("meldpunt-hvb", "Meldpunt Crisiszorg Hart van Brabant", OrganisationType.MENTAL_HEALTH),
]
WEST_BRABANT = [("vt-wb", "Veilig Thuis West-Brabant", OrganisationType.VEILIG_THUIS)]

# username, organisation slug, role
USERS = [
    ("vt.medewerker", "vt-hvb", Role.CASE_WORKER),
    ("vt.collega", "vt-hvb", Role.CASE_WORKER),
    ("vt.teamleider", "vt-hvb", Role.TEAM_LEAD),
    ("vt.directeur", "vt-hvb", Role.DIRECTOR),
    ("wijkteam.medewerker", "wijkteam-tilburg", Role.CASE_WORKER),
    ("wijkteam.teamleider", "wijkteam-tilburg", Role.TEAM_LEAD),
    ("gemeente.beleid", "gemeente-tilburg", Role.POLICY_OFFICER),
    ("bestuur.lid", "gemeente-tilburg", Role.BOARD_MEMBER),
    ("beheerder", "vt-hvb", Role.FUNCTIONAL_ADMIN),
    ("auditor", "vt-hvb", Role.AUDITOR),
    ("vt.privacy", "vt-hvb", Role.PRIVACY_OFFICER),
    ("wb.medewerker", "vt-wb", Role.CASE_WORKER),
    ("mda.regisseur", "vt-hvb", Role.CASE_WORKER),
    ("politie.medewerker", "politie-hvb", Role.CASE_WORKER),
    ("meldpunt.medewerker", "meldpunt-hvb", Role.CASE_WORKER),
    ("ziekenhuis.medewerker", "ziekenhuis-hvb", Role.CASE_WORKER),
    ("school.contactpersoon", "basisschool-de-linde", Role.CASE_WORKER),
]


class Command(BaseCommand):
    help = "Load the synthetic demo region (organisations, users per role, households)."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--households", type=int, default=60)
        parser.add_argument(
            "--report-years", type=int, default=2, help="Years of advice requests and reports."
        )
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing if demo data exists."
        )

    def handle(self, *args, seed, households, report_years, if_empty, **options):
        if if_empty and Organisation.objects.exists():
            self.stdout.write("Demo data already present.")
        else:
            # Notices about demo events go nowhere: no mail for made-up people.
            with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
                self._seed(seed, households, report_years)
        self._print_logins()

    @transaction.atomic
    def _seed(self, seed, household_count, report_years):
        load_municipalities()
        fake = Faker("nl_NL")
        fake.seed_instance(seed)
        rng = random.Random(seed)
        organisations = {}
        for region_slug, rows in (
            ("hart-van-brabant", ORGANISATIONS),
            ("west-brabant", WEST_BRABANT),
        ):
            region = Region.objects.get(slug=region_slug)
            for slug, name, kind in rows:
                organisations[slug], _ = Organisation.objects.update_or_create(
                    slug=slug, defaults={"name": name, "type": kind, "region": region}
                )
        users = {}
        for username, org_slug, role in USERS:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "first_name": fake.first_name(),
                    "last_name": fake.last_name(),
                    "email": f"{username}@example.org",
                    "organisation": organisations[org_slug],
                    "role": role,
                },
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save()
                DemoDevice.objects.create(user=user, name="demo", confirmed=True)
            users[username] = user
        municipalities = list(Municipality.objects.filter(region__slug="hart-van-brabant"))
        for index in range(household_count):
            worker = users["vt.medewerker"] if index % 4 else users["wijkteam.medewerker"]
            self._household(fake, rng, worker, rng.choice(municipalities))
        seed_cases(users, fake)
        vt_workers = [users[name] for name in ("vt.medewerker", "vt.collega", "vt.teamleider")]
        reports = seed_reports(organisations["vt-hvb"], vt_workers, seed=seed, years=report_years)
        Report.objects.mark_feedback_due()
        seed_governance(Region.objects.get(slug="hart-van-brabant"), organisations, users, rng)
        seed_mda(Region.objects.get(slug="hart-van-brabant"), users, fake)
        seed_acute(organisations, users, fake, rng)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo region created ({household_count} households, {reports} advice requests "
                "and reports)."
            )
        )

    def _household(self, fake, rng, worker, municipality):
        household = people.register_household(worker, municipality)
        surname = fake.last_name()
        city = municipality.name
        street = fake.street_address()
        postcode = fake.postcode()
        victim, perpetrator = (Gender.FEMALE, Gender.MALE)
        if rng.random() < 0.2:
            victim, perpetrator = perpetrator, victim
        for role, gender in ((MemberRole.VICTIM, victim), (MemberRole.PERPETRATOR, perpetrator)):
            people.add_person(
                worker,
                household,
                role,
                first_name=fake.first_name_female()
                if gender == Gender.FEMALE
                else fake.first_name_male(),
                last_name=surname if rng.random() < 0.7 else fake.last_name(),
                gender=gender,
                date_of_birth=fake.date_of_birth(minimum_age=22, maximum_age=60),
                bsn=make_bsn(rng) if rng.random() < 0.85 else "",
                address=street,
                postcode=postcode.replace(" ", ""),
                city=city,
            )
        for _ in range(rng.choice([0, 1, 1, 2, 2, 3])):
            people.add_person(
                worker,
                household,
                MemberRole.CHILD,
                first_name=fake.first_name(),
                last_name=surname,
                gender=rng.choice([Gender.FEMALE, Gender.MALE]),
                date_of_birth=fake.date_of_birth(minimum_age=0, maximum_age=17),
                bsn=make_bsn(rng) if rng.random() < 0.9 else "",
                address=street,
                postcode=postcode.replace(" ", ""),
                city=city,
            )
        if rng.random() < 0.15:
            # A network member known by first name only: partial data is fine.
            people.add_person(worker, household, MemberRole.NETWORK, first_name=fake.first_name())
        return household

    def _print_logins(self):
        self.stdout.write("")
        self.stdout.write(
            f"Demo logins (password for all: {DEMO_PASSWORD}, "
            f"second-factor code: {settings.DEMO_OTP_TOKEN or 'disabled'}):"
        )
        for username, org_slug, role in USERS:
            self.stdout.write(f"  {username:<22} {Role(role).label} ({org_slug})")

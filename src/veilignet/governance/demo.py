"""Synthetic governance data for the demo region: the platform, four themed networks
(seed 002 annex 2), bottlenecks in every state on the topics of seed 000 annex 1,
actions on time and overdue, objectives, two past meetings and an evaluation.

All people are made up (Faker nl_NL); every change goes through the services.
"""

import datetime

from django.utils import timezone
from faker import Faker

from veilignet.accounts.models import DemoDevice, Role, User
from veilignet.governance import services
from veilignet.governance.models import (
    ActDecision,
    ActionStatus,
    Assessment,
    BottleneckSource,
    ClosureOutcome,
    Direction,
    LeadRole,
    Network,
    NetworkKind,
    OnboardingVisit,
    Priority,
)

PRINCIPLES = "\n".join(
    [
        "Niemand lost huiselijk geweld en kindermishandeling alleen op: verbindend "
        "samenwerken in het netwerk is de norm.",
        "We werken volgens one-stop-shop: netwerkpartners doen geen dubbel werk.",
        "Alle leden maken gebruik van ervaringsdeskundigen.",
        "De deskundigheid van professionals wordt via het regionaal expertisecentrum "
        "gefaciliteerd.",
        "In het werk zijn de gezinsprofielen van Verwey-Jonker uitgangspunt.",
        "Er wordt datagericht gewerkt.",
        "Het toekomstscenario voor jeugd- en gezinsbescherming is uitgangspunt voor "
        "toekomstige ontwikkelingen.",
    ]
)

NETWORKS = [
    (
        "eerder",
        "Geweld eerder en beter in beeld en bespreekbaar maken",
        "Werken met de meldcode door onderwijs- en jeugdprofessionals; werken aan veiligheid "
        "in lokale (wijk)teams.",
    ),
    (
        "stoppen",
        "Geweld stoppen en duurzaam oplossen",
        "MDA++ en gefaseerd samenwerken aan veiligheid; inzet van ervaringsdeskundigen.",
    ),
    ("ouderen", "Specifieke groep: Ouderenmishandeling", "Financiële uitbuiting van ouderen."),
    (
        "seksueel",
        "Specifieke groep: Slachtoffers seksueel geweld",
        "Ontwikkeling van een laagdrempelig hulpverleningsaanbod.",
    ),
]

# (network key, source, title, requested, target state) — topics of seed 000 annex 1.
BOTTLENECKS = [
    (
        "stoppen",
        "practitioner",
        "Hoe kan worden gezorgd voor minder hermeldingen?",
        "Een gezamenlijke aanpak van hermeldingen met nazorg na afsluiting.",
        "high_actions",
    ),
    (
        "eerder",
        "evaluation",
        "Weinig meldingen vanuit het onderwijs",
        "Kennisdeling in het onderwijs over signalen en de rollen binnen de school.",
        "high_actions",
    ),
    (
        "stoppen",
        "case_escalation",
        "Pleger uit huis in plaats van het kind",
        "Afspraken zodat de pleger uit huis gaat en het kind thuis kan blijven wonen.",
        "high_open",
    ),
    (
        "eerder",
        "practitioner",
        "Huisarts wordt als hoofdmelder neergezet",
        "Meldingen zo inrichten dat de vertrouwensrelatie met de huisarts blijft.",
        "solved",
    ),
    (
        "platform",
        "practitioner",
        "Veilig Thuis neemt alleen meldingen aan over personen met BSN",
        "Ook personen zonder BSN kunnen melden en gemeld worden.",
        "solved_pending",
    ),
    (
        "eerder",
        "meeting",
        "Scholing en gebruik van de meldcode verbeteren",
        "Een scholingsplan per organisatie.",
        "keep",
    ),
    (
        "stoppen",
        "practitioner",
        "Minder versnippering van zorgverleners rond een gezin",
        "Eén duidelijke lijn in de begeleiding.",
        "lower",
    ),
    (
        "platform",
        "meeting",
        "Capaciteit voor outreachende aanpak zonder financiële dekking",
        "Besluit over extra druk op wijkteams en wachtlijsten.",
        "stop",
    ),
    (
        "seksueel",
        "practitioner",
        "De aanpak van seksuele grensoverschrijding meer bespreken",
        "Seksueel geweld vast agenderen.",
        "submitted",
    ),
    (
        "ouderen",
        "practitioner",
        "Het uitblijven van opvolging door Veilig Thuis bij een melding",
        "Terugkoppeling aan de melder binnen de termijn.",
        "submitted",
    ),
    (
        "platform",
        "evaluation",
        "Het opnieuw mogelijk maken van anonieme meldingen",
        "Anoniem melden weer mogelijk maken.",
        "accepted",
    ),
]

# Extra board-level representatives, one per organisation: (slug, role).
REPRESENTATIVES = [
    ("politie-hvb", Role.DIRECTOR),
    ("ggz-hvb", Role.DIRECTOR),
    ("basisschool-de-linde", Role.DIRECTOR),
    ("ziekenhuis-hvb", Role.DIRECTOR),
    ("vrouwenopvang-hvb", Role.DIRECTOR),
    ("reclassering-hvb", Role.DIRECTOR),
    ("ervaringsdeskundigen-hvb", Role.BOARD_MEMBER),
]


def _representatives(organisations, rng):
    """A board-level professional per organisation (no password: not a demo login)."""
    fake = Faker("nl_NL")
    fake.seed_instance(rng.randint(0, 10**6))
    people = {}
    for slug, role in REPRESENTATIVES:
        user, created = User.objects.get_or_create(
            username=f"bestuur.{slug}",
            defaults={
                "first_name": fake.first_name(),
                "last_name": fake.last_name(),
                "email": f"bestuur.{slug}@example.org",
                "organisation": organisations[slug],
                "role": role,
            },
        )
        if created:
            user.set_unusable_password()
            user.save()
            DemoDevice.objects.create(user=user, name="demo", confirmed=True)
        people[slug] = user
    return people


def seed_governance(region, organisations, users, rng):
    """Create the demo governance of `region` (organisations and users by slug/username).
    Does nothing when the region already has networks."""
    if Network.objects.filter(region=region).exists():
        return
    reps = _representatives(organisations, rng)
    board, policy, director = users["bestuur.lid"], users["gemeente.beleid"], users["vt.directeur"]
    today = timezone.localdate()
    platform = services.create_network(
        board,
        region=region,
        kind=NetworkKind.PLATFORM,
        name="Bestuurlijk Platform huiselijk geweld en kindermishandeling",
        description="Zo'n 25 organisaties uit straf, onderwijs, zorg en ondersteuning en welzijn.",
        ambition=(
            "Geweld in afhankelijkheidsrelaties komt eerder en beter in beeld, wordt gestopt "
            "en duurzaam opgelost, met aandacht voor specifieke doelgroepen."
        ),
        guiding_principles=PRINCIPLES,
        working_agreements=(
            "Bestuurders (of hun vervanger) hebben mandaat. Knelpunten uit de praktijk worden "
            "geprioriteerd, elke actie heeft een eigenaar en wordt opgevolgd (PDCA). We "
            "koppelen besluiten terug naar de praktijk."
        ),
        meetings_per_year=3,
    )
    networks = {"platform": platform}
    for key, name, description in NETWORKS:
        networks[key] = services.create_network(
            policy, region=region, kind=NetworkKind.THEMED, name=name, description=description
        )

    def member(network, slug, rep, lead=LeadRole.MEMBER, deputy=None):
        return services.add_member(
            board,
            network,
            organisation=organisations[slug],
            representative=rep,
            deputy=deputy,
            lead_role=lead,
        )

    seats = [
        member(platform, "gemeente-tilburg", board, LeadRole.MUNICIPAL_LEAD, deputy=policy),
        member(platform, "vt-hvb", director, LeadRole.ORGANISATIONAL_LEAD),
        member(platform, "politie-hvb", reps["politie-hvb"]),
        member(platform, "basisschool-de-linde", reps["basisschool-de-linde"]),
        member(platform, "ervaringsdeskundigen-hvb", reps["ervaringsdeskundigen-hvb"]),
    ]
    org_leads = {
        "eerder": "basisschool-de-linde",
        "stoppen": "politie-hvb",
        "ouderen": "ggz-hvb",
        "seksueel": "ziekenhuis-hvb",
    }
    for key, slug in org_leads.items():
        seats.append(member(networks[key], "gemeente-tilburg", policy, LeadRole.MUNICIPAL_LEAD))
        seats.append(member(networks[key], slug, reps[slug], LeadRole.ORGANISATIONAL_LEAD))
        seats.append(member(networks[key], "vt-hvb", director))
    seats.append(member(networks["stoppen"], "reclassering-hvb", reps["reclassering-hvb"]))
    seats.append(member(networks["seksueel"], "vrouwenopvang-hvb", reps["vrouwenopvang-hvb"]))
    # About two thirds of the members have opened their onboarding page.
    for seat in seats:
        if rng.random() < 0.65:
            OnboardingVisit.objects.get_or_create(membership=seat, user=seat.representative)

    objectives = _objectives(networks, board, policy, director, today)
    _bottlenecks(networks, region, organisations, users, reps, today, objectives)
    _meetings(networks, board, today)
    _evaluation(platform, board, seats, today, rng)


def _objectives(networks, board, policy, director, today):
    year = today.year
    re_reports = services.create_objective(
        board,
        network=networks["platform"],
        statement="Minder hermeldingen: gezinnen blijven na afsluiting in beeld",
        measure="Het aandeel hermeldingen daalt ten opzichte van vorig jaar.",
        indicator_key="re_report_share",
        target_value=20,
        direction=Direction.FALL,
        owner=director,
        start_year=year,
        end_year=year + 1,
        evaluation_moments=[datetime.date(year, 6, 30), datetime.date(year + 1, 6, 30)],
    )
    services.assess_objective(
        board, re_reports, assessment=Assessment.ON_TRACK, note="Eerste halfjaar gunstig."
    )
    services.create_objective(
        policy,
        network=networks["eerder"],
        statement="Meer adviesvragen vanuit onderwijs en zorg",
        measure="Het aandeel meldingen van andere sectoren dan politie stijgt.",
        indicator_key="non_police_report_share",
        target_value=45,
        direction=Direction.RISE,
        owner=policy,
        start_year=year,
        end_year=year,
        evaluation_moments=[datetime.date(year, 12, 1)],
    )
    services.create_objective(
        board,
        network=networks["platform"],
        statement="Ieder nieuw lid kent binnen drie maanden de ambitie en de werkagenda",
        measure="Alle leden hebben de inwerkpagina gezien.",
        owner=board,
        start_year=year,
        end_year=year,
        evaluation_moments=[datetime.date(year, 11, 1)],
    )
    return {"re_reports": re_reports}


def _bottlenecks(networks, region, organisations, users, reps, today, objectives):
    practitioner, lead = users["wijkteam.medewerker"], users["vt.teamleider"]
    board = users["bestuur.lid"]
    days = datetime.timedelta
    for index, (key, source, title, requested, state) in enumerate(BOTTLENECKS):
        network = networks[key]
        submitter = lead if source == BottleneckSource.CASE_ESCALATION else practitioner
        bottleneck = services.submit_bottleneck(
            submitter,
            source=source,
            title=title,
            description=f"{title}. Dit hindert de samenwerking tussen de betrokken partners.",
            example=(
                "Casus overgedragen op 12-03-2025, contact via 06-12345678."
                if source == BottleneckSource.CASE_ESCALATION
                else "In een gezin met drie kinderen liep de hulp na de melding vast."
            ),
            requested=requested,
            theme=network if not network.is_platform else None,
            organisations=[organisations["vt-hvb"], organisations["wijkteam-tilburg"]],
            region=region,
            origin_reference="CASE-000042" if source == BottleneckSource.CASE_ESCALATION else "",
        )
        if state == "submitted":
            continue
        priority = {"keep": Priority.KEEP, "lower": Priority.LOWER, "stop": Priority.STOP}.get(
            state, Priority.HIGH
        )
        services.triage_bottleneck(
            board, bottleneck, priority=priority, network=network, note="Besproken in het overleg."
        )
        if state in ("high_actions", "solved", "solved_pending"):
            owner = reps["politie-hvb"] if key == "stoppen" else users["vt.directeur"]
            on_time = services.add_action(
                board,
                network=network,
                bottleneck=bottleneck,
                objective=objectives["re_reports"] if index == 0 else None,
                title=f"Werkafspraak opstellen: {title}",
                owner=owner,
                due_date=today + days(45 + index),
                expected_effect="Professionals weten wat ze moeten doen.",
                success_check="Steekproef van tien casussen na drie maanden.",
                indicator_key="re_report_share" if index == 0 else "",
            )
            if state == "high_actions":
                services.move_action(board, on_time, ActionStatus.DO)
                overdue = services.add_action(
                    board,
                    network=network,
                    bottleneck=bottleneck,
                    title="Knelpunt toelichten in het directieoverleg",
                    owner=reps["basisschool-de-linde"] if key == "eerder" else owner,
                    due_date=today - days(10 + index),
                    expected_effect="Draagvlak bij alle partners.",
                    success_check="Besluit vastgelegd in het verslag.",
                )
                services.move_action(board, overdue, ActionStatus.DO)
            else:
                services.move_action(board, on_time, ActionStatus.DO)
                services.move_action(board, on_time, ActionStatus.CHECK)
                if state == "solved":
                    services.record_check(
                        board, on_time, effect_reached=True, evidence="Steekproef: 9 van 10 goed."
                    )
                    services.decide_action(board, on_time, decision=ActDecision.ADOPT)
                    services.close_bottleneck(
                        board,
                        bottleneck,
                        outcome=ClosureOutcome.SOLVED,
                        check_evidence="Steekproef na drie maanden: de werkafspraak werkt.",
                        feedback="De werkafspraak staat in het handboek; dank voor het melden.",
                    )
        elif state == "accepted":
            services.close_bottleneck(
                board,
                bottleneck,
                outcome=ClosureOutcome.ACCEPTED,
                check_evidence="Landelijk beleid: niet regionaal op te lossen.",
                feedback="Het platform brengt dit in bij het landelijk overleg.",
            )


def _meetings(networks, board, today):
    platform = networks["platform"]
    for months_ago, location in ((5, "Stadhuis Tilburg"), (2, "Veilig Thuis, Tilburg")):
        meeting = services.schedule_meeting(
            board,
            platform,
            date=today - datetime.timedelta(days=30 * months_ago),
            location=location,
        )
        members = list(platform.memberships.current())
        services.record_attendance(board, meeting, members[: len(members) - (months_ago % 2)])
        first = meeting.agenda_items.filter(bottleneck__isnull=False).first()
        services.record_decision(
            board,
            meeting,
            text="Hoge prioriteit; de eigenaar rapporteert in het volgende overleg.",
            bottleneck=first.bottleneck if first else None,
        )
        services.save_minutes(
            board, meeting, "Aanwezigen bespraken de actie-agenda en de knelpunten uit de praktijk."
        )
        services.publish_minutes(board, meeting)
    services.schedule_meeting(
        board, networks["stoppen"], date=today + datetime.timedelta(days=21), location="Politie"
    )


def _evaluation(platform, board, seats, today, rng):
    questionnaire = services.load_evaluation_template()
    evaluation = services.send_evaluation(
        board,
        questionnaire=questionnaire,
        network=platform,
        closes_on=today + datetime.timedelta(days=21),
    )
    questions = list(questionnaire.questions.all())
    for seat in seats[:4]:
        if seat.network_id != platform.pk:
            continue
        answers = {
            q.pk: rng.choice(q.options) if q.options else "Het leren van elkaar en de verhalen."
            for q in questions
        }
        services.submit_response(seat.representative, evaluation, answers)

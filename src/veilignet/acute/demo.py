"""Synthetic demo data for `seed_demo`: crisis intakes (some awaiting an accepted
handover, one escalated), a hospital registration and a Handle with Care notice."""

import datetime

from django.utils import timezone

from veilignet.acute import services
from veilignet.acute.models import SafeHome, SchoolContact
from veilignet.regions.models import Municipality


def seed_acute(organisations, users, fake, rng):
    """Intakes of the last weeks at the Meldpunt; returns how many were made."""
    worker = users["meldpunt.medewerker"]
    municipalities = list(Municipality.objects.filter(region=worker.organisation.region))
    local_team = organisations["wijkteam-tilburg"]
    now = timezone.now()
    intakes = []
    for index in range(12):
        received = now - datetime.timedelta(days=rng.randint(0, 60), hours=rng.randint(0, 23))
        intake = services.register_intake(
            worker,
            received_at=received,
            channel="police" if index % 3 == 0 else "phone",
            municipality=rng.choice(municipalities),
            concern=fake.paragraph(),
            caller=fake.name(),
            first_name=fake.first_name(),
            last_name=fake.last_name(),
        )
        intakes.append(intake)
        if index < 2:
            continue  # registered, not yet triaged
        services.triage(worker, intake, "acute" if index % 2 else "non_acute")
        if index % 4 == 0:
            services.conclude(worker, intake, "crisis_intervention")
        elif index % 4 == 1:
            services.conclude(worker, intake, "advice")
        else:
            forwarded_at = now - datetime.timedelta(hours=rng.choice([2, 30, 60]))
            handover = services.forward(
                worker, intake, local_team, "local_team", fake.sentence(), now=forwarded_at
            )
            if index % 4 == 3 and index > 4:
                services.accept_forward(users["wijkteam.teamleider"], handover)
    services.escalate_overdue_forwards()
    contact = users["school.contactpersoon"]
    SchoolContact.objects.create(school=contact.organisation, user=contact)
    police = next(i for i in intakes if i.channel == "police")
    services.send_handle_with_care(
        worker,
        police,
        child_first_name=fake.first_name(),
        child_last_name=police.last_name,
        child_date_of_birth=fake.date_of_birth(minimum_age=6, maximum_age=12),
        contact=contact,
    )
    services.register_at_hospital(
        users["ziekenhuis.medewerker"],
        veilig_thuis=organisations["vt-hvb"],
        municipality=rng.choice(municipalities),
        victim={"first_name": fake.first_name_female(), "last_name": fake.last_name()},
        violence_forms=["partner_violence"],
        story=fake.paragraph(nb_sentences=4),
        injuries="Kneuzingen aan arm en gezicht",
        safe_home=SafeHome.NO,
        forensic_examination=True,
        wants_police_report=True,
    )
    return len(intakes)

"""Run the idempotent scheduled jobs of cases (cron: a few times a day)."""

from django.core.management.base import BaseCommand

from veilignet.cases import services


class Command(BaseCommand):
    help = "Escalate unanswered handovers and overdue escalations; announce due follow-up checks."

    def handle(self, *args, **options):
        for job in (
            services.escalate_unanswered_handovers,
            services.raise_overdue_escalations,
            services.notify_follow_up_checks_due,
        ):
            self.stdout.write(f"{job.__name__}: {job()}")

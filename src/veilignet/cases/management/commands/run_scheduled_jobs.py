"""Run the idempotent scheduled jobs of cases and acute help (cron: at least hourly)."""

from veilignet.acute import services as acute
from veilignet.cases import services
from veilignet.core.jobs import ScheduledJobCommand


class Command(ScheduledJobCommand):
    help = (
        "Escalate unanswered handovers (cases and crisis intake) and overdue escalations; "
        "announce due follow-up checks."
    )

    def run(self, **options):
        for job in (
            services.escalate_unanswered_handovers,
            services.raise_overdue_escalations,
            services.notify_follow_up_checks_due,
            acute.escalate_overdue_forwards,
        ):
            self.stdout.write(f"{job.__name__}: {job()}")

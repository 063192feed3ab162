"""Run the retention job (schedule it daily, e.g. from cron next to run_scheduled_jobs)."""

from veilignet.core.jobs import ScheduledJobCommand
from veilignet.privacy.retention import apply_retention


class Command(ScheduledJobCommand):
    help = "Anonymise or delete data past its retention period and record what was removed."

    def run(self, **options):
        run = apply_retention()
        for kind, count in sorted(run.counts.items()):
            self.stdout.write(f"{kind}: {count}")
        self.stdout.write(self.style.SUCCESS(f"Retention run {run.pk}: {run.total} records."))

"""Daily governance job: flag overdue actions to their owners and network leads."""

from veilignet.core.jobs import ScheduledJobCommand
from veilignet.governance.services import flag_overdue_actions


class Command(ScheduledJobCommand):
    help = "Flag overdue governance actions (idempotent: safe to run more than once a day)."

    def run(self, **options):
        flagged = flag_overdue_actions()
        self.stdout.write(f"Flagged {flagged} overdue action(s).")

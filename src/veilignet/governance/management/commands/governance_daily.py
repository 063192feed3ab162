"""Daily governance job: flag overdue actions to their owners and network leads."""

from django.core.management.base import BaseCommand

from veilignet.governance.services import flag_overdue_actions


class Command(BaseCommand):
    help = "Flag overdue governance actions (idempotent: safe to run more than once a day)."

    def handle(self, *args, **options):
        flagged = flag_overdue_actions()
        self.stdout.write(f"Flagged {flagged} overdue action(s).")

"""Delete the login sessions whose time is up (cron: daily): Django's `clearsessions`
for the session model of accounts.sessions."""

from veilignet.accounts.sessions import SessionStore
from veilignet.core.jobs import ScheduledJobCommand


class Command(ScheduledJobCommand):
    help = "Delete expired login sessions."

    def run(self, **options):
        SessionStore.clear_expired()
        self.stdout.write("clear_expired_sessions: done")

"""In-app notifications plus an e-mail that carries no personal data.

The e-mail (`core.mail.mail_task_link`) says only that there is a new task and links to
it by primary key; it is sent after the transaction commits, and a failure is logged.
"""

from veilignet.cases.models import Notification
from veilignet.core.mail import mail_task_link


def notify(users, kind, case, path):
    """Notify each of `users` (once each) about `case`; `path` is the task's URL path."""
    recipients = list({user.pk: user for user in users if user is not None}.values())
    Notification.objects.bulk_create(
        Notification(user=user, kind=kind, case=case, path=path) for user in recipients
    )
    mail_task_link(recipients, path)

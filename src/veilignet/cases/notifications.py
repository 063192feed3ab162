"""In-app notifications plus an e-mail that carries no personal data.

The e-mail says only that there is a new task and links to it by primary key; it is
sent after the transaction commits, and a failure is logged (robust on_commit).
"""

import logging
from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils.translation import gettext as _

from veilignet.cases.models import Notification

logger = logging.getLogger(__name__)


def notify(users, kind, case, path):
    """Notify each of `users` (once each) about `case`; `path` is the task's URL path."""
    recipients = {user.pk: user for user in users if user is not None}.values()
    Notification.objects.bulk_create(
        Notification(user=user, kind=kind, case=case, path=path) for user in recipients
    )
    for user in recipients:
        if user.email:
            transaction.on_commit(partial(_send_mail, user.email, path), robust=True)


def _send_mail(address, path):
    send_mail(
        _("You have a new task in Veilignet"),
        _("You have a new task in Veilignet. Open it here: %(url)s")
        % {"url": settings.VEILIGNET_BASE_URL.rstrip("/") + path},
        None,
        [address],
    )

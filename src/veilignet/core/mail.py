"""A notice e-mail without personal data: "there is a task for you", with a link by pk."""

from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils.translation import gettext as _


def mail_task_link(users, path):
    """After commit, tell each of `users` (with an address) that a task waits at `path`.

    The mail holds no personal data; a failure is logged by on_commit(robust=True).
    """
    for address in sorted({user.email for user in users if user is not None and user.email}):
        transaction.on_commit(partial(_send, address, path), robust=True)


def _send(address, path):
    send_mail(
        _("You have a new task in Veilignet"),
        _("You have a new task in Veilignet. Open it here: %(url)s")
        % {"url": settings.VEILIGNET_BASE_URL.rstrip("/") + path},
        None,
        [address],
    )

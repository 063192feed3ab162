"""Authentication backend that loads the user's organisation and region with her."""

from django.contrib.auth.backends import ModelBackend

from veilignet.accounts.models import User
from veilignet.accounts.sessions import row_user
from veilignet.core.compiled import CompiledQuery


@CompiledQuery
def _users(pk):
    """The user `pk` with organisation and region: compiled once."""
    return User.objects.select_related("organisation__region").filter(pk=pk)


class UserBackend(ModelBackend):
    """Password login; every request's user comes with organisation and region, read
    with the session (accounts.sessions) or else by one query."""

    def get_user(self, user_id):
        pk = int(user_id)
        user = row_user(pk) or next(iter(_users(pk)), None)
        return user if user and self.user_can_authenticate(user) else None

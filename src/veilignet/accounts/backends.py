"""Authentication backend that loads the user's organisation and region in one query."""

from django.contrib.auth.backends import ModelBackend

from veilignet.accounts.models import User
from veilignet.core.compiled import CompiledQuery


@CompiledQuery
def _users(pk):
    """The user `pk` with organisation and region: compiled once, as every request of a
    logged-in user loads it."""
    return User.objects.select_related("organisation__region").filter(pk=pk)


class UserBackend(ModelBackend):
    """Password login; every request's user comes with organisation and region."""

    def get_user(self, user_id):
        user = next(iter(_users(int(user_id))), None)
        return user if user and self.user_can_authenticate(user) else None

"""Authentication backend that loads the user's organisation and region in one query."""

from django.contrib.auth.backends import ModelBackend

from veilignet.accounts.models import User


class UserBackend(ModelBackend):
    """Password login; every request's user comes with organisation and region."""

    def get_user(self, user_id):
        user = User.objects.select_related("organisation__region").filter(pk=user_id).first()
        return user if user and self.user_can_authenticate(user) else None

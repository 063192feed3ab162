"""Issuing API tokens to partner organisations."""

from django.db import transaction

from veilignet.accounts.models import User
from veilignet.api.models import ApiToken, hash_token, new_token


@transaction.atomic
def issue_token(organisation):
    """Create a token for `organisation` and return (token row, raw token to hand over once).

    The organisation's service account (`api.<slug>`, no role, no password) is created
    the first time; it is the actor in the audit trail for requests with the token.
    """
    user, created = User.objects.get_or_create(
        username=f"api.{organisation.slug}",
        defaults={"organisation": organisation, "role": "", "first_name": "API"},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    raw = new_token()
    token = ApiToken.objects.create(organisation=organisation, user=user, key_hash=hash_token(raw))
    return token, raw

"""Token authentication for the partner API: `Authorization: Token <token>` (or Bearer)."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions, permissions

from veilignet.api.models import ApiToken, hash_token


class ApiTokenAuthentication(authentication.BaseAuthentication):
    """Resolves a token to its organisation's service account; revoked tokens fail."""

    keywords = ("token", "bearer")

    def authenticate(self, request):
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].decode(errors="replace").lower() not in self.keywords:
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(_("Invalid token header."))
        token = (
            ApiToken.objects.select_related("user", "organisation")
            .filter(key_hash=hash_token(parts[1].decode(errors="replace")), revoked_at=None)
            .first()
        )
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("Invalid or revoked token."))
        return token.user, token

    def authenticate_header(self, request):
        return "Token"


class HasApiToken(permissions.BasePermission):
    """Only requests authenticated with an API token (never a browser session)."""

    def has_permission(self, request, view):
        return isinstance(request.auth, ApiToken)


class ApiTokenScheme(OpenApiAuthenticationExtension):
    """Describes the token header in the OpenAPI schema."""

    target_class = ApiTokenAuthentication
    name = "ApiToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "`Token <token>`, as printed by `manage.py issue_api_token`.",
        }

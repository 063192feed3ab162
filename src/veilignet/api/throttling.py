"""Rate limit for the partner API: per organisation (all its tokens together)."""

from rest_framework.throttling import SimpleRateThrottle

from veilignet.api.models import ApiToken


class OrganisationRateThrottle(SimpleRateThrottle):
    """`DEFAULT_THROTTLE_RATES["organisation"]` requests per organisation; requests
    without a token are refused by authentication before they count."""

    scope = "organisation"

    def get_cache_key(self, request, view):
        if not isinstance(request.auth, ApiToken):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.auth.organisation_id}

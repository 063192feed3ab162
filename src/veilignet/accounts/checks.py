"""Deploy checks: development defaults must never reach production."""

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def development_defaults(app_configs, **kwargs):
    """Refuse the development secret key, the demo second factor and DEBUG."""
    errors = []
    if settings.SECRET_KEY.startswith("dev-only-"):
        errors.append(
            Error("SECRET_KEY is the development default.", hint="Set SECRET_KEY.", id="vn.E001")
        )
    if settings.DEMO_OTP_TOKEN:
        errors.append(
            Error(
                "DEMO_OTP_TOKEN is set: the demo second factor would be accepted.",
                hint="Leave DEMO_OTP_TOKEN empty in production.",
                id="vn.E002",
            )
        )
    if settings.DEBUG:
        errors.append(Error("DEBUG is on.", hint="Set DEBUG=false.", id="vn.E003"))
    return errors

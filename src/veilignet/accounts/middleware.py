"""The second factor's middleware, with the request's user and device read with its
session where the session row has them (accounts.sessions)."""

import functools
from contextlib import suppress

from django.apps import apps
from django_otp.middleware import OTPMiddleware
from django_otp.models import Device

from veilignet.accounts.sessions import device_columns, known_to_session, row_device
from veilignet.core.compiled import CompiledQuery


@functools.cache
def _devices(model):
    """A compiled query of the `model` devices with a given id (one per device model)."""
    return CompiledQuery(lambda pk: model.objects.filter(id=pk))


class DeviceMiddleware(OTPMiddleware):
    """django-otp's OTPMiddleware: `request.user.otp_device` and `is_verified()` as there.

    The user (django.contrib.auth's lazy `request.user`, evaluated here first) and the
    device her session names ("app_label.model/id") come from the session row when it
    has them, else each by its own compiled query (not `Device.from_persistent_id`, which
    compiles the same SQL each time). The checks that follow are Django's (session hash,
    active user) and django-otp's (the device is the user's and confirmed)."""

    def _verify_user_sync(self, request, user):
        with known_to_session(request):
            return super()._verify_user_sync(request, user)

    def _device_from_persistent_id(self, persistent_id):
        label, pk = device_columns(self._normalize_persistent_id(persistent_id))
        if not label:
            return None
        device = row_device(label, pk)
        if device is not None:
            return device
        with suppress(LookupError):
            model = apps.get_model(label)
            if issubclass(model, Device):
                return next(iter(_devices(model)(pk)), None)
        return None

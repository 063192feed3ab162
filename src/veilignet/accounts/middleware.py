"""The second factor's middleware with its per-request device lookup compiled once."""

import functools
from contextlib import suppress

from django.apps import apps
from django_otp.middleware import OTPMiddleware
from django_otp.models import Device

from veilignet.core.compiled import CompiledQuery


@functools.cache
def _devices(model):
    """A compiled query of the `model` devices with a given id (one per device model)."""
    return CompiledQuery(lambda pk: model.objects.filter(id=pk))


class DeviceMiddleware(OTPMiddleware):
    """django-otp's OTPMiddleware: `request.user.otp_device` and `is_verified()` as there.

    Every request of a logged-in user loads the device her session names
    ("app_label.model/id"); here through a compiled query instead of
    `Device.from_persistent_id`, which compiles the same SQL each time. The checks that
    follow (the device belongs to the user and is confirmed) are django-otp's own."""

    def _device_from_persistent_id(self, persistent_id):
        label, _slash, pk = self._normalize_persistent_id(persistent_id).rpartition("/")
        with suppress(ValueError, LookupError):
            model = apps.get_model(label)
            if issubclass(model, Device):
                return next(iter(_devices(model)(int(pk))), None)
        return None

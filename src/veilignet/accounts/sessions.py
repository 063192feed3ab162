"""Database sessions read with their user and second-factor device in one query.

Every request of a logged-in user needs her session, then (django.contrib.auth) her user
row and (django-otp) the device that verified the session: three round trips before the
view starts. Here the session row also holds the user's id and the device's model and id
as columns (written from the session data on each save), and one compiled query
(core.compiled) reads the live session with the user, her organisation and region, and
whether that device is hers and confirmed. `UserBackend.get_user` and `DeviceMiddleware`
take them from the request's session store (`known_to_session()`); Django's and
django-otp's checks run on them unchanged (the session's password hash, an active user,
the device's user and confirmation). A user or device the row does not have in its
columns is read by their own queries, as before. SESSION_ENGINE.
"""

import functools
from contextlib import contextmanager
from contextvars import ContextVar

from django.apps import apps
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends import db
from django.db.models import BooleanField, Case, Exists, OuterRef, Value, When
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.models import Device

from veilignet.accounts.models import Session
from veilignet.core.compiled import CompiledQuery

# The session store of the request whose user is being loaded (see known_to_session).
_session = ContextVar("veilignet.accounts.sessions.session", default=None)


@functools.cache
def _device_models():
    return [model for model in apps.get_models() if issubclass(model, Device)]


def _verified_device():
    """True when the session's device (by its model and id) is its user's and confirmed."""
    return Case(
        *(
            When(
                device_model=model._meta.label_lower,
                then=Exists(
                    model.objects.filter(
                        pk=OuterRef("device_pk"), user=OuterRef("user_id"), confirmed=True
                    )
                ),
            )
            for model in _device_models()
        ),
        default=Value(False),
        output_field=BooleanField(),
    )


@CompiledQuery
def _live_sessions(key, now):
    return (
        Session.objects.filter(session_key=key, expire_date__gt=now)
        .select_related("user__organisation__region")
        .annotate(device_verified=_verified_device())
    )


def device_columns(persistent_id):
    """The (model label, id) of a django-otp device's persistent id ("app.model/id"),
    or ("", None) for none or a malformed one (an id must fit a 64-bit column)."""
    label, _slash, pk = (persistent_id or "").rpartition("/")
    if not label or not pk.isdecimal() or int(pk) >= 2**63:
        return "", None
    return label.lower(), int(pk)


class SessionStore(db.SessionStore):
    """Django's database session store on `accounts.Session`: writes the user and device
    columns from the session data, and keeps the user and verified device its row came
    with (`row_user`, `row_device`)."""

    def __init__(self, session_key=None):
        super().__init__(session_key)
        self.row_user = self.row_device = None

    @classmethod
    def get_model_class(cls):
        return Session

    def create_model_instance(self, data):
        session = super().create_model_instance(data)
        user_id = data.get(SESSION_KEY)
        session.user_id = int(user_id) if user_id is not None else None
        session.device_model, session.device_pk = device_columns(data.get(DEVICE_ID_SESSION_KEY))
        return session

    def _get_session_from_db(self):
        found = _live_sessions(self.session_key, timezone.now()) if self.session_key else []
        if not found:
            self._session_key = None
            return None
        session = found[0]
        self.row_user = session.user
        if session.device_verified:
            self.row_device = _device(session)
        return session


def _device(session):
    """The verified device the session row names, with the columns the query checked
    (id, user, confirmed) and the rest loaded when read (Django's deferred fields)."""
    model = apps.get_model(session.device_model)
    known = {"id": session.device_pk, "user_id": session.user_id, "confirmed": True}
    names = [f.attname for f in model._meta.concrete_fields if f.attname in known]
    return model.from_db(Session.objects.db, names, [known[name] for name in names])


@contextmanager
def known_to_session(request):
    """While loading the request's user or device: `row_user()` and `row_device()`
    answer from the request's session store."""
    token = _session.set(request.session)
    try:
        yield
    finally:
        _session.reset(token)


def row_user(pk):
    """The user `pk` as the request's session row came with her, or None."""
    store = _session.get()
    user = store.row_user if store is not None else None
    return user if user is not None and user.pk == pk else None


def row_device(label, pk):
    """The device `label`/`pk` if the request's session row found it verified, or None."""
    store = _session.get()
    device = store.row_device if store is not None else None
    if device is None or (device._meta.label_lower, device.pk) != (label, pk):
        return None
    return device

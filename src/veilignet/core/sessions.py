"""Database sessions whose lookup, made on every request, is compiled once
(core.compiled; SESSION_ENGINE)."""

from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.utils import timezone

from veilignet.core.compiled import CompiledQuery


@CompiledQuery
def _live_sessions(key, now):
    return Session.objects.filter(session_key=key, expire_date__gt=now)


class SessionStore(db.SessionStore):
    """Django's database session store; only the lookup of the session row differs."""

    def _get_session_from_db(self):
        found = _live_sessions(self.session_key, timezone.now()) if self.session_key else []
        if not found:
            self._session_key = None
            return None
        return found[0]

"""Dutch by default: English only when the user chose it (language cookie); sessions
renewed once a minute rather than written on every request."""

import time

from django.conf import settings
from django.utils import translation


class LanguageMiddleware:
    """Activate the chosen language; unlike LocaleMiddleware, ignore the browser's language."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.available = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class SessionRenewalMiddleware:
    """Renew a session's expiry at most once a minute, not on every request
    (SESSION_SAVE_EVERY_REQUEST): one database write less for most pages. An idle
    session still ends SESSION_COOKIE_AGE after the last renewal, so at most a minute
    early, never late. Comes right after SessionMiddleware, which saves what it marks."""

    RENEWED_AT = "_renewed_at"
    INTERVAL = 60  # seconds

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = request.session
        if not session.is_empty():
            now = int(time.time())
            if now - session.get(self.RENEWED_AT, 0) >= self.INTERVAL:
                session[self.RENEWED_AT] = now  # marks the session modified: it is saved
        return response

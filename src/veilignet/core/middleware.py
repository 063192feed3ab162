"""Dutch by default: English only when the user chose it (language cookie)."""

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

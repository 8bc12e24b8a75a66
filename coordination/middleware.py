from django.conf import settings
from django.utils import translation


class InterfaceLanguageMiddleware:
    """Vietnamese unless the user switched languages (the set_language cookie).

    Django's LocaleMiddleware would follow the browser's Accept-Language, so an office PC
    with an English browser would show English; the registry speaks Vietnamese by default.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.languages = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request):
        code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if code not in self.languages:
            code = settings.LANGUAGE_CODE
        translation.activate(code)
        request.LANGUAGE_CODE = code
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", code)
        response.headers.setdefault("Vary", "Cookie")
        return response

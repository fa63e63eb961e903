"""The reader's language: chosen with the switcher, remembered in a cookie and in the signed-in person's profile, and
used for the e-mails they receive (which are often built while someone else, an organiser, is using the site)."""

from contextlib import contextmanager

from babel.lists import format_list
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import translation

SUPPORTED = {code for code, _name in settings.LANGUAGES}
# The comma between the parts of a place ("Haikou, China") or of a summary ("2 approved, 1 waitlisted") in the
# reader's script: punctuation, not wording, so not in the catalogues (where a translator would see a lone comma
# without context).
COMMAS = {"ar": "\u060c ", "zh-hans": "\uff0c"}


def comma() -> str:
    return COMMAS.get(translation.get_language(), ", ")


# Between the items of a list Chinese writes the enumeration comma, not the clause comma of COMMAS.
LIST_SEPARATORS = {"ar": "\u060c ", "zh-hans": "\u3001"}


def listed(items) -> str:
    """Items as the reader's language enumerates them, with no conjunction: "a, b, c"; Chinese "a、b、c"."""
    return LIST_SEPARATORS.get(translation.get_language(), ", ").join(str(item) for item in items)


def and_list(items) -> str:
    """Items joined as the reader's language joins them with "and" (CLDR's list patterns, through Babel): French
    "a, b et c", Chinese "a、b和c", Arabic "a وb وc". English has no comma before "and", as UN documents write it
    (CLDR's English pattern has one)."""
    items = [str(item) for item in items]
    language = translation.get_language() or settings.LANGUAGE_CODE
    if len(items) < 2:
        return "".join(items)
    if language == "en":
        return f"{', '.join(items[:-1])} and {items[-1]}"
    return format_list(items, style="standard", locale=translation.to_locale(language))


def supported(code: str | None) -> str:
    """`code` if the site speaks it (after normalising `zh_Hans`/`fr-FR`), else ""."""
    if not code:
        return ""
    try:
        return translation.get_supported_language_variant(code.replace("_", "-").lower())
    except LookupError:
        return ""


def language_of(email: str | None = None, *, user=None, default: str | None = None) -> str:
    """The language to write to this person in: their profile's, else `default`, else the site's language."""
    if user is None and email:
        user = get_user_model().objects.filter(email__iexact=email).only("language").first()
    return supported(getattr(user, "language", "")) or supported(default) or settings.LANGUAGE_CODE


@contextmanager
def in_language_of(email: str | None = None, *, user=None, default: str | None = None):
    """Build texts (e-mail subjects and bodies) in the recipient's language."""
    with translation.override(language_of(email, user=user, default=default)):
        yield


def remember(user, code: str) -> None:
    """Store the chosen language in the person's profile, so another browser and their e-mails follow it."""
    code = supported(code)
    if code and getattr(user, "is_authenticated", False) and user.language != code:
        user.language = code
        user.save(update_fields=["language"])


class ProfileLanguageMiddleware:
    """After authentication: a signed-in person's profile language wins over the browser's Accept-Language.

    LocaleMiddleware (before it) already chose from the cookie or the browser; a person who chose a language on
    another device sees it here too. The cookie, when set, was written together with the profile by `set_language`.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            settings.LANGUAGE_COOKIE_NAME not in request.COOKIES
            and user is not None
            and user.is_authenticated
            and supported(user.language)
        ):
            translation.activate(user.language)
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)

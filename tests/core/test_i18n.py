"""The six languages: complete catalogues, compiled files that match them, `<html lang dir>` on every page, the
profile's language, e-mail in the recipient's language, and no English left on the main pages rendered in French."""

import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.apps import apps
from django.conf import settings
from django.db import models
from django.test import Client
from django.utils import translation

from rendezvous.core.models import OutboxMessage

LOCALE = Path(settings.LOCALE_PATHS[0])
CATALOGUE_LANGUAGES = ["ar", "es", "fr", "ru", "zh_Hans"]
PRINTF = re.compile(r"%\((\w+)\)[sd]|%\((\w+)\)\.\d+f")
BRACES = re.compile(r"\{(\w+)(?::[^}]*)?\}")
# Template placeholders that only carry an English plural ending ("application%(count2)s", from `|pluralize`) or
# English words chosen by count ("%(people2)s" = person/people): the other languages word the count themselves.
ENGLISH_PLURAL = re.compile(r"(?<=[A-Za-z])%\((\w+)\)s")
ENGLISH_PLURAL_WORDS = {"total2", "withheld2", "people2"}


def catalogue(language):
    with (LOCALE / language / "LC_MESSAGES" / "django.po").open("rb") as source:
        return read_po(source, locale=language)


def placeholders(text: str) -> set[str]:
    return {a or b for a, b in PRINTF.findall(text)} | set(BRACES.findall(text))


@pytest.mark.parametrize("language", CATALOGUE_LANGUAGES)
def test_the_catalogue_is_complete_with_every_placeholder_kept(language):
    entries = [message for message in catalogue(language) if message.id]
    assert len(entries) > 1000
    untranslated = [message.id for message in entries if not message.string or message.fuzzy]
    assert untranslated == []
    for message in entries:
        required = placeholders(message.id) - set(ENGLISH_PLURAL.findall(message.id)) - ENGLISH_PLURAL_WORDS
        found = placeholders(message.string)
        assert required <= found, (message.id, message.string)
        assert found <= placeholders(message.id), (message.id, message.string)  # an unknown name would crash


@pytest.mark.parametrize("language", CATALOGUE_LANGUAGES)
def test_the_compiled_catalogue_is_what_the_source_compiles_to(language):
    compiled = io.BytesIO()
    write_mo(compiled, catalogue(language), use_fuzzy=False)
    assert (LOCALE / language / "LC_MESSAGES" / "django.mo").read_bytes() == compiled.getvalue()


@pytest.mark.parametrize("language", CATALOGUE_LANGUAGES)
def test_the_site_reads_every_translation_from_the_catalogue(language):
    code = translation.to_language(language)
    with translation.override(code):
        for message in catalogue(language):
            if not message.id:
                continue
            if message.context:
                assert translation.pgettext(message.context, message.id) == message.string
            else:
                assert translation.gettext(message.id) == message.string


@pytest.fixture
def demo(db):
    from rendezvous.demo.loader import load_demo

    return load_demo()


def public_paths(edition) -> list[str]:
    return [
        "/",
        f"/events/{edition.slug}/",
        f"/events/{edition.slug}/programme/",
        f"/events/{edition.slug}/speakers/",
        f"/events/{edition.slug}/register/",
        f"/events/{edition.slug}/register/?country=FR",
        "/accounts/sign-in/",
        "/accounts/sign-in/organiser/",
        "/hub/",
        "/hub/board/",
    ]


def organiser_paths(edition) -> list[str]:
    return [
        f"/events/{edition.slug}/organise/",
        f"/events/{edition.slug}/organise/registrations/",
        f"/events/{edition.slug}/organise/invitations/",
        f"/events/{edition.slug}/organise/timetable-check/",
        f"/events/{edition.slug}/check-in/",
        f"/events/{edition.slug}/outcome/manage/",
    ]


def organiser_client(edition, language):
    from tests.factories import make_organiser

    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(make_organiser(edition))
    return client


@pytest.mark.django_db
def test_every_page_says_its_language_and_direction(demo):
    for code, _name in settings.LANGUAGES:
        client = Client(HTTP_ACCEPT_LANGUAGE=code)
        direction = "rtl" if code == "ar" else "ltr"
        for path in public_paths(demo):
            response = client.get(path)
            assert response.status_code == 200, path
            assert f'<html lang="{code}" dir="{direction}">' in response.content.decode(), (code, path)


class VisibleText(HTMLParser):
    """The text a person reads: text nodes outside scripts and styles, and the labels in attributes."""

    def __init__(self):
        super().__init__()
        self.nodes: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._hidden += 1
        for name, value in attrs:
            if name in ("placeholder", "title", "aria-label", "alt") and value:
                self.nodes.append(value.strip())

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden and data.strip():
            self.nodes.append(" ".join(data.split()))


def visible_text(html: str) -> set[str]:
    parser = VisibleText()
    parser.feed(html)
    return {node for node in parser.nodes if re.search(r"[A-Za-z]{3}", node)}


# Words that are the same in French: names, formats and codes.
SAME_IN_FRENCH = {
    "places",
    "Chapeau",  # a paragraph label of the outcome document, which keeps the language it is written in
    "email,given_name,family_name,role jane.doe@example.org,Jane,Doe,speaker",  # the CSV format's example
    "Rendezvous",
    "English",
    "Español",
    "Русский",
    "Français",
    "中文",
    "العربية",
    "CSV",
    "PDF",
    "DOCX",
    "Excel",
    "JSON",
    "frab XML",
    "frab JSON",
    "Zoom",
    "Type",
    "Programme",
    "Format",
    "Mode",
    "Invitation",
    "Invitations",
    "Participants",
    "Organisation",
    "Organisations",
    "Note",
    "Version",
    "Documents",
    "Pages",
    "Statistiques",
    "Participant",
    "Session",
    "Budget",
    "Destination",
    "Phase",
    "Concept",
    "Contributions",
    "Contribution",
    "Actions",
    "Excel)",
    "Sessions",
    "Accueil",
    "Hybrid",
    "Mars",
    "Message",
    "Minute",
    "Public",
    "Texte",
    "Total",
}


def database_text() -> str:
    """Every text stored in the database (titles, names, abstracts): content stays in the language it was written in."""
    values = []
    for model in apps.get_models():
        fields = [f.name for f in model._meta.concrete_fields if isinstance(f, (models.CharField, models.TextField))]
        if fields:
            for row in model.objects.values_list(*fields)[:5000]:
                values.extend(" ".join(str(value).split()) for value in row if value)
    return "\n".join(values)


TIME_ZONE_LABEL = re.compile(r"^[\w/+-]+ \(UTC[+−]\d\d:\d\d\)$")


def french_country_names() -> set[str]:
    from django_countries import countries

    with translation.override("fr"):
        return {str(name) for _code, name in countries}


def is_a_name(node: str, stored_words: set[str]) -> bool:
    """A person's or organisation's name put together from stored parts (given name + family name)."""
    words = node.split()
    return len(words) <= 5 and all(word in stored_words for word in words)


def untranslated(english: str, french: str, stored: str) -> set[str]:
    left = visible_text(english) & visible_text(french)
    same = SAME_IN_FRENCH | french_country_names()
    stored_words = set(stored.split())
    return {
        node
        for node in left
        if node not in same
        and node not in stored
        and not TIME_ZONE_LABEL.match(node)
        and not is_a_name(node, stored_words)
        and not all(part in stored or part in same for part in re.split(r"\s*[,·—:()]\s*", node) if part)
    }


@pytest.mark.django_db
def test_no_english_is_left_on_the_main_pages_in_french(demo):
    """A string nobody marked for translation stays English in French and fails here."""
    stored = database_text()
    english_reader, french_reader = Client(HTTP_ACCEPT_LANGUAGE="en"), Client(HTTP_ACCEPT_LANGUAGE="fr")
    english_organiser, french_organiser = organiser_client(demo, "en"), organiser_client(demo, "fr")
    problems = {}
    for path in public_paths(demo):
        left = untranslated(english_reader.get(path).content.decode(), french_reader.get(path).content.decode(), stored)
        if left:
            problems[path] = sorted(left)
    for path in organiser_paths(demo):
        english, french = english_organiser.get(path), french_organiser.get(path)
        assert english.status_code == french.status_code == 200, path
        left = untranslated(english.content.decode(), french.content.decode(), stored)
        if left:
            problems[path] = sorted(left)
    assert not problems, "\n".join(f"{path}: {nodes}" for path, nodes in problems.items())


@pytest.mark.django_db
def test_the_switcher_sets_the_cookie_and_the_profile(django_user_model):
    user = django_user_model.objects.create_user("reader@example.org")
    client = Client()
    client.force_login(user)
    response = client.post("/language/", {"language": "zh-hans", "next": "/"})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "zh-hans"
    user.refresh_from_db()
    assert user.language == "zh-hans"

    # Another browser, no cookie, an English Accept-Language: the profile's language wins.
    other = Client(HTTP_ACCEPT_LANGUAGE="en")
    other.force_login(user)
    assert '<html lang="zh-hans" dir="ltr">' in other.get("/accounts/sign-in/").content.decode()


@pytest.mark.django_db
def test_an_applicant_is_written_to_in_the_language_they_applied_in_even_when_an_organiser_decides():
    from rendezvous.registration import services
    from tests.factories import EditionFactory
    from tests.factories.registration import application, policy_for

    edition = EditionFactory(slug="lang-mail")
    policy_for(edition, moderated=True, in_person=5, online=None)
    with translation.override("ru"):
        registration = services.submit_application(edition, application(email="anna@example.ru")).registration
    assert registration.language == "ru"
    received = OutboxMessage.objects.get(to="anna@example.ru", kind="registration.received")
    assert "Мы получили вашу заявку." in received.body

    with translation.override("en"):  # the organiser reads English
        services.approve_registration(registration)
    approved = OutboxMessage.objects.get(to="anna@example.ru", kind="registration.approved")
    assert approved.subject.startswith("Регистрация утверждена")
    assert "Ваша регистрация утверждена." in approved.body

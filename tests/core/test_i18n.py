"""The six languages: complete catalogues, compiled files that match them, `<html lang dir>` on every page, the
profile's language, e-mail in the recipient's language, and no English left on the main pages rendered in French."""

import gettext
import io
import re
import zoneinfo
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.apps import apps
from django.conf import settings
from django.db import models
from django.test import Client
from django.utils import translation
from django.utils.translation import trans_real

from rendezvous.core.i18n import and_list, listed
from rendezvous.core.models import OutboxMessage
from rendezvous.outcomes.models import OutcomeDocument
from tests.core.pages import NOT_PAGES, client_for, every_page, readers, url_names, view_name

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
    untranslated = [
        message.id
        for message in entries
        if message.fuzzy or (not all(message.string) if isinstance(message.string, tuple) else not message.string)
    ]
    assert untranslated == []
    for message in entries:
        if isinstance(message.id, tuple):
            # A plural entry: every form may name only the English forms' placeholders (an unknown name would
            # crash), and the general form must carry the plural's (a form for one or two may spell the count).
            singular, plural = message.id
            forms = message.string
            assert len(forms) == catalogue(language).num_plurals, message.id
            for form in forms:
                assert placeholders(form) <= placeholders(singular) | placeholders(plural), (message.id, form)
            assert placeholders(plural) <= placeholders(forms[-1]), (message.id, forms[-1])
            continue
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
            if isinstance(message.id, tuple):
                # Plural entries: the general form, chosen for a count the language puts there (every one of ours
                # uses its last form for 100 or 1000... as the rule decides; any form proves the entry was found).
                assert translation.ngettext(*message.id, 1000) in message.string
            elif message.context:
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


@pytest.mark.django_db
def test_every_page_says_its_language_and_direction(demo):
    for code, _name in settings.LANGUAGES:
        client = Client(HTTP_ACCEPT_LANGUAGE=code)
        direction = "rtl" if code == "ar" else "ltr"
        for path in public_paths(demo):
            response = client.get(path)
            assert response.status_code == 200, path
            assert f'<html lang="{code}" dir="{direction}">' in response.content.decode(), (code, path)


@pytest.mark.django_db
@pytest.mark.parametrize("code, direction", [("ar", "rtl"), ("zh-hans", "ltr")])
def test_every_page_for_every_reader_has_the_switcher_and_its_language(demo, code, direction):
    """Organiser, check-in, documents and hub pages too: `<html lang dir>` and the switcher naming each language."""
    people = readers(demo)
    switcher = [f'value="{language}" lang="{language}"' for language, _name in settings.LANGUAGES]
    for reader, path in every_page(demo):
        html = rendered(client_for(people[reader], code), path)
        assert f'<html lang="{code}" dir="{direction}">' in html, (reader, path)
        assert 'class="language-switch"' in html and all(button in html for button in switcher), (reader, path)


class VisibleText(HTMLParser):
    """The text a person reads in the page's language: text nodes outside scripts and styles, and the labels in
    attributes. An element that says it is in another language (`lang` below `<html>`: the switcher's language names,
    a document written in English) is not the page's text."""

    def __init__(self):
        super().__init__()
        self.nodes: list[str] = []
        self._hidden = 0
        self._foreign: tuple[str, int] | None = None  # (tag, nesting) of the element with its own `lang`

    def handle_starttag(self, tag, attrs):
        if self._foreign:
            if tag == self._foreign[0]:
                self._foreign = (tag, self._foreign[1] + 1)
            return
        if tag != "html" and dict(attrs).get("lang"):
            if tag not in VOID_ELEMENTS:
                self._foreign = (tag, 1)
            return
        if tag in ("script", "style"):
            self._hidden += 1
        for name, value in attrs:
            if name in ("placeholder", "title", "aria-label", "alt") and value:
                self.nodes.append(value.strip())

    def handle_endtag(self, tag):
        if self._foreign:
            if tag == self._foreign[0]:
                depth = self._foreign[1] - 1
                self._foreign = (tag, depth) if depth else None
            return
        if tag in ("script", "style"):
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden and not self._foreign and data.strip():
            self.nodes.append(" ".join(data.split()))


VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def visible_text(html: str) -> set[str]:
    parser = VisibleText()
    parser.feed(html)
    return {node for node in parser.nodes if re.search(r"[A-Za-z]{3}", node)}


# Words that are the same in French: names, formats and codes.
SAME_IN_FRENCH = {
    "places",
    "Authorization: Bearer …",  # an HTTP header, as the API reads it in every language
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


def written_the_same_in(language: str) -> tuple[set[str], list[re.Pattern]]:
    """The catalogue's entries that the translator kept as in English ("Messages", "Description", "%(n)s kg"):
    plain texts, and texts with placeholders as patterns in which a placeholder stands for any text."""
    texts, patterns = set(), []
    for message in catalogue(language):
        if not message.id:
            continue
        pairs = (
            zip(message.id, message.string[:1] + message.string[-1:], strict=True)
            if isinstance(message.id, tuple)
            else [(message.id, message.string)]
        )
        for english, translated in pairs:
            if english != translated:
                continue
            if placeholders(english):
                parts = re.split(r"%\(\w+\)[sd]|\{\w+\}", english)
                patterns.append(re.compile(".+".join(re.escape(part) for part in parts)))
            else:
                texts.add(english)
    return texts, patterns


def database_text() -> str:
    """Every text stored in the database (titles, names, abstracts): content stays in the language it was written in.
    The outcome document's heading line ("adopted on 24 November 2022") is part of the document, in its language."""
    values = [f"{document.subtitle} {document.adoption_line}".strip() for document in OutcomeDocument.objects.all()]
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


# --- The pseudo-locale: every msgid "translated" into look-alike letters, so any English left is a string nobody marked

PSEUDO = "eo"  # a language Django knows (formats, plural rule) and Rendezvous does not ship: the pseudo-locale's code
LOOK_ALIKE = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "áƀçđéƒĝĥíĵķļɱñóþʠŕšţúṽŵẋýžÁƁÇĐÉƑĜĤÍĴĶĻṀÑÓÞǪŔŠŢÚṼŴẊÝŽ",
)
# What must survive the pseudo-translation as it is: placeholders, HTML tags and entities.
KEPT = re.compile(r"(%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[sdfr]|%[sd%]|\{\w*(?::[^}]*)?\}|<[^>]*>|&#?\w+;)")


def pseudo(text: str) -> str:
    return "".join(part if KEPT.fullmatch(part) else part.translate(LOOK_ALIKE) for part in KEPT.split(text))


def pseudo_translations() -> gettext.GNUTranslations:
    """Every msgid of the catalogues, in look-alike letters (the French catalogue holds every msgid)."""
    pseudo_catalogue = Catalog(locale=PSEUDO)
    for message in catalogue("fr"):
        if not message.id:
            continue
        string = tuple(pseudo(form) for form in message.id) if message.pluralizable else pseudo(message.id)
        pseudo_catalogue.add(message.id, string, context=message.context)
    compiled = io.BytesIO()
    write_mo(compiled, pseudo_catalogue)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def _forget_languages():
    trans_real._translations = {}
    for cached in (
        "get_languages",
        "get_supported_language_variant",
        "check_for_language",
        "translation_catalog_exists",
    ):
        if hasattr(getattr(trans_real, cached, None), "cache_clear"):  # the cached ones differ between Django versions
            getattr(trans_real, cached).cache_clear()


@pytest.fixture
def pseudo_locale(settings):
    """The site with one more language whose every marked string reads differently from English."""
    settings.LANGUAGES = [*settings.LANGUAGES, (PSEUDO, "Pseudo")]
    _forget_languages()
    trans_real.translation(PSEUDO).merge(pseudo_translations())
    yield PSEUDO
    _forget_languages()


def test_the_pseudo_locale_changes_every_letter_and_keeps_placeholders_and_tags():
    assert pseudo("Approve %(name)s") == "Áþþŕóṽé %(name)s"
    assert pseudo('See <a href="/api/docs">the {kind} docs</a> &amp; more') == (
        'Šéé <a href="/api/docs">ţĥé {kind} đóçš</a> &amp; ɱóŕé'
    )
    assert not re.search(r"[A-Za-z]", pseudo("Every letter: the quick brown fox jumps over the lazy dog"))


# Texts that are not in any language: the switcher names each language in itself, and file formats keep their names.
NOT_WORDS = {name for _code, name in settings.LANGUAGES} | {
    "Pseudo",  # the pseudo-locale's own name in the switcher
    "Chapeau",  # a paragraph label of the outcome document, which keeps the language it is written in
    *zoneinfo.available_timezones(),  # time zones go by their IANA names ("CET", "Asia/Shanghai") in every language
    "CSV",
    "PDF",
    "DOCX",
    "JSON",
    "Excel",
    "frab XML",
    "frab JSON",
    "iCalendar",
    "Zoom",
    "email,given_name,family_name,role jane.doe@example.org,Jane,Doe,speaker",  # the CSV format's example
}


def english_country_names() -> set[str]:
    from django_countries import countries

    with translation.override("en"):
        return {str(name) for _code, name in countries}


IANA_ZONE = re.compile(r"^(UTC|[A-Z][\w+-]*(/[\w+-]+)+)$")  # time zones go by their IANA identifiers everywhere


def left_in_english(english: str, other: str, stored: str, same: set[str]) -> set[str]:
    """The text nodes of a page that read the same in English and in the other language, less what may: stored
    content, names put together from stored parts, language-neutral words and codes, numbers and punctuation."""
    left = visible_text(english) & visible_text(other)
    stored_words = set(stored.split())

    def may_stay(part: str) -> bool:
        return (
            not re.search(r"[A-Za-z]{3}", part)
            or bool(re.fullmatch(r"\{\w+\}", part))  # the e-mail texts' placeholders, e.g. {given_name}
            or part in same
            or part in stored
            or bool(IANA_ZONE.match(part))
            or is_a_name(part, stored_words)
        )

    return {
        node
        for node in left
        if not may_stay(node)
        and not TIME_ZONE_LABEL.match(node)
        and not all(may_stay(part) for part in re.split(r"\s*[,;·—:()<>]\s*", node) if part)
    }


def rendered(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return response.content.decode()


def test_every_page_of_the_url_conf_is_checked_for_translation(demo):
    """A new page must join tests/core/pages.py (or say there why it is not a page a person reads)."""
    readers(demo)
    checked = {view_name(path) for _reader, path in every_page(demo)}
    assert url_names() - checked - set(NOT_PAGES) == set()
    assert checked & set(NOT_PAGES) == set()


def unmarked_text(demo, language: str) -> dict[str, list[str]]:
    """Per page: the English text that the pseudo-locale leaves English, i.e. text that is not a msgid at all."""
    people = readers(demo)
    stored = database_text()
    same = NOT_WORDS | english_country_names()
    problems = {}
    for reader, path in every_page(demo):
        english = rendered(client_for(people[reader], "en"), path)
        other = rendered(client_for(people[reader], language), path)
        left = left_in_english(english, other, stored, same)
        if left:
            problems[f"{reader} {path}"] = sorted(left)
    return problems


@pytest.mark.django_db
def test_every_page_marks_its_text_for_translation(demo, pseudo_locale):
    """Rendered in the pseudo-locale, no page shows English that is not stored content: every string is marked."""
    problems = unmarked_text(demo, pseudo_locale)
    assert not problems, "Not marked:\n" + "\n".join(f"{page}: {nodes}" for page, nodes in problems.items())


@pytest.mark.django_db
def test_no_english_is_left_on_the_main_pages_in_french(demo, pseudo_locale):
    """Every page in French: English text is either not marked (see the pseudo-locale) or marked but untranslated."""
    people = readers(demo)
    stored = database_text()
    identical, identical_patterns = written_the_same_in("fr")
    same = SAME_IN_FRENCH | french_country_names() | NOT_WORDS | identical
    unmarked_same = NOT_WORDS | english_country_names()
    not_marked, untranslated_ = {}, {}
    for reader, path in every_page(demo):
        client = client_for(people[reader], "en")
        english = rendered(client, path)
        french = rendered(client_for(people[reader], "fr"), path)
        pseudo_page = rendered(client_for(people[reader], pseudo_locale), path)
        page = f"{reader} {path}"
        unmarked = left_in_english(english, pseudo_page, stored, unmarked_same)
        left = {
            node
            for node in left_in_english(english, french, stored, same) - unmarked
            if not any(pattern.fullmatch(node) for pattern in identical_patterns)
        }
        if unmarked:
            not_marked[page] = sorted(unmarked)
        if left:
            untranslated_[page] = sorted(left)
    report = ["Not marked (no msgid):"] + [f"  {page}: {nodes}" for page, nodes in not_marked.items()]
    report += ["Marked but untranslated in fr:"] + [f"  {page}: {nodes}" for page, nodes in untranslated_.items()]
    assert not not_marked and not untranslated_, "\n".join(report)


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
    from tests.factories import UpcomingEditionFactory
    from tests.factories.registration import application, policy_for

    edition = UpcomingEditionFactory(slug="lang-mail")
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


@pytest.mark.parametrize(
    ("language", "three", "two"),
    [
        ("en", "Kenya, Brazil and China", "Kenya and Brazil"),
        ("fr", "Kenya, Brazil et China", "Kenya et Brazil"),
        ("es", "Kenya, Brazil y China", "Kenya y Brazil"),
        ("ru", "Kenya, Brazil и China", "Kenya и Brazil"),
        ("zh-hans", "Kenya、Brazil和China", "Kenya和Brazil"),
        ("ar", "Kenya وBrazil وChina", "Kenya وBrazil"),
    ],
)
def test_lists_are_joined_as_each_language_joins_them(language, three, two):
    with translation.override(language):
        assert and_list(["Kenya", "Brazil", "China"]) == three
        assert and_list(iter(["Kenya", "Brazil"])) == two
        assert and_list(["Kenya"]) == "Kenya" and and_list([]) == ""


def test_an_enumeration_uses_the_readers_list_comma():
    assert listed(["a", "b", "c"]) == "a, b, c"
    with translation.override("zh-hans"):
        assert listed(["甲", "乙"]) == "甲、乙"
    with translation.override("ar"):
        assert listed(["أ", "ب"]) == "أ، ب"

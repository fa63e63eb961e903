"""An edition's title, summary and how-to-take-part text in other languages (issue 14, item 8): edited on the
organiser's details page, shown on the public edition page in the reader's language, the working language's text
where none is given; the programme keeps the language it was written in."""

import pytest
from django.test import Client
from django.urls import reverse

from rendezvous.core.models import AuditEntry
from rendezvous.events.models import Edition
from rendezvous.organise import details
from tests.factories import EditionFactory, SessionFactory, make_organiser
from tests.organise.test_edition_details import _details_data

pytestmark = pytest.mark.django_db

TITLE_FR = "Troisième Atelier sur le partenariat mondial"
SUMMARY_FR = "Un atelier sur l'exploration spatiale, organisé avec le Bureau des affaires spatiales."
TAKE_PART_FR = "Inscrivez-vous en ligne avant le 1er novembre."


@pytest.fixture
def edition():
    return EditionFactory(
        slug="third-2026",
        title="Third Global Partnership Workshop",
        summary="A workshop on space exploration, organised with the Office for Outer Space Affairs.",
        how_to_take_part="Register online by 1 November.",
        status="published",
    )


@pytest.fixture
def organiser(edition):
    return make_organiser(edition, "lead@example.org")


def edition_page(edition, language):
    return Client(HTTP_ACCEPT_LANGUAGE=language).get(edition.get_absolute_url()).content.decode()


def test_the_organiser_gives_the_french_texts_on_the_details_page_and_french_readers_see_them(edition, organiser):
    client = Client()
    client.force_login(organiser)
    url = reverse("organise:details", args=[edition.slug])
    page = client.get(url).content.decode()
    assert 'name="title__fr"' in page and 'name="how_to_take_part__zh-hans"' in page
    assert '<legend lang="fr">Français</legend>' in page

    response = client.post(
        url,
        _details_data(
            edition,
            title__fr=TITLE_FR,
            summary__fr=SUMMARY_FR,
            how_to_take_part__fr=TAKE_PART_FR,
            title__ru="  ",  # blank: no Russian version
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    edition.refresh_from_db()
    assert edition.translations == {"fr": {"title": TITLE_FR, "summary": SUMMARY_FR, "how_to_take_part": TAKE_PART_FR}}
    assert "translations" in AuditEntry.objects.get(action="edition.details_changed").summary
    assert f'value="{TITLE_FR}"' in client.get(url).content.decode().replace("&#x27;", "'")

    french = edition_page(edition, "fr")
    assert TITLE_FR in french and "Bureau des affaires spatiales" in french and TAKE_PART_FR in french
    assert "Third Global Partnership Workshop" not in french
    english = edition_page(edition, "en")
    assert "Third Global Partnership Workshop" in english and TITLE_FR not in english


def test_a_language_without_a_translation_falls_back_to_the_working_language(edition):
    edition.translations = {"es": {"title": "Tercer Taller sobre Asociaciones Mundiales"}}
    edition.save()
    spanish = edition_page(edition, "es")
    assert "Tercer Taller sobre Asociaciones Mundiales" in spanish
    # Only the title was given in Spanish: the summary and how to take part stay in the working language.
    assert (
        "organised with the Office for Outer Space Affairs" in spanish and "Register online by 1 November." in spanish
    )
    russian = edition_page(edition, "ru")
    assert "Third Global Partnership Workshop" in russian and "Register online by 1 November." in russian
    assert edition.texts_in("es").translated and not edition.texts_in("ru").translated


def test_the_home_page_card_shows_the_translated_title(edition):
    edition.translations = {"zh-hans": {"title": "第三届全球伙伴关系讲习班"}}
    edition.save()
    assert "第三届全球伙伴关系讲习班" in Client(HTTP_ACCEPT_LANGUAGE="zh-hans").get("/").content.decode()
    assert "Third Global Partnership Workshop" in Client(HTTP_ACCEPT_LANGUAGE="fr").get("/").content.decode()


def test_the_programme_keeps_the_language_it_was_written_in(edition):
    SessionFactory(edition=edition, title="Lunar exploration")
    edition.translations = {"fr": {"title": TITLE_FR}}
    edition.save()
    programme = Client(HTTP_ACCEPT_LANGUAGE="fr").get(f"/events/{edition.slug}/programme/").content.decode()
    assert "Lunar exploration" in programme


@pytest.mark.parametrize(
    "translations, message",
    [
        ({"xx": {"title": "?"}}, "Translations are given by language"),
        ({"fr": {"objectives": "?"}}, "Only the title, summary and how to take part are translated."),
        ({"fr": {"title": 3}}, "A translation is a text."),
        ({"fr": {"title": "T" * 301}}, "A translated title has at most 300 characters."),
    ],
)
def test_the_service_refuses_translations_it_cannot_show(edition, organiser, translations, message):
    with pytest.raises(details.DetailsError, match=message):
        details.update_details(edition, {"translations": translations}, actor=organiser)
    assert Edition.objects.get(pk=edition.pk).translations == {}


def test_a_too_long_translated_title_is_refused_on_the_page_not_with_a_server_error(edition, organiser):
    client = Client()
    client.force_login(organiser)
    response = client.post(
        reverse("organise:details", args=[edition.slug]), _details_data(edition, title__ar="ع" * 301)
    )
    assert response.status_code == 400
    assert Edition.objects.get(pk=edition.pk).translations == {}

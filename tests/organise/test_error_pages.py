"""Error pages use the site's layout, say why in plain words and offer a way back."""

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from tests.factories import EditionFactory, make_organiser, make_user

pytestmark = pytest.mark.django_db


@override_settings(DEBUG=False)
def test_403_says_why_and_404_offers_the_home_page(client):
    edition = EditionFactory()
    client.force_login(make_user())
    forbidden = client.get(reverse("organise:staff", args=[edition.slug]))
    body = forbidden.content.decode()
    assert forbidden.status_code == 403
    assert "You may not open this page" in body and "Only the edition&#x27;s organisers may do this." in body
    assert 'class="site-header"' in body and 'href="/"' in body
    missing = client.get("/events/no-such-edition/")
    assert missing.status_code == 404 and "Page not found" in missing.content.decode()
    assert 'class="site-header"' in missing.content.decode()


@override_settings(DEBUG=False, ALLOWED_HOSTS=["testserver"])
def test_400_uses_the_layout():
    response = Client(HTTP_HOST="bad host name").get("/")
    assert response.status_code == 400
    assert "The request could not be read" in response.content.decode()


def test_500_template_renders_without_a_request():
    from django.template.loader import render_to_string

    body = render_to_string("500.html")
    assert "Something went wrong on our side" in body and 'href="/"' in body


def test_another_editions_organiser_sees_the_reason(client):
    edition = EditionFactory()
    client.force_login(make_organiser(EditionFactory()))
    response = client.get(reverse("registration:organise_policy", args=[edition.slug]))
    assert response.status_code == 403 and "organisers may do this" in response.content.decode()

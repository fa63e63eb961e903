"""Security keys (WebAuthn): what the server refuses. The full ceremony with a real (virtual) authenticator is in
tests/e2e/test_second_factor.py, since only a browser produces a signed answer."""

import json

import pytest
from django.contrib.auth import get_user_model
from webauthn.helpers import bytes_to_base64url

from rendezvous.core import second_factor
from rendezvous.core.models import SecurityKey
from tests.factories import EditionFactory, make_organiser

pytestmark = pytest.mark.django_db

OPTIONS = "/accounts/security/keys/options/"
REGISTER = "/accounts/security/keys/"
SIGN_IN_OPTIONS = "/accounts/sign-in/key/options/"
SIGN_IN_KEY = "/accounts/sign-in/key/"
PASSWORD = "correct horse battery staple 2022"


def post_json(client, url, body=None):
    return client.post(url, data=json.dumps(body or {}), content_type="application/json")


@pytest.fixture
def organiser():
    return get_user_model().objects.create_user("organiser@unoosa.example", PASSWORD, is_staff=True)


def credential_id_of(user, name="Key") -> str:
    return bytes_to_base64url(f"{user.pk}-{name}".encode())


def stored_key(user, name="Key") -> SecurityKey:
    return SecurityKey.objects.create(user=user, name=name, credential_id=credential_id_of(user, name), public_key=b"x")


def test_enrolment_options_carry_a_fresh_challenge_for_this_site(client, organiser, settings):
    settings.SITE_URL = "https://rendezvous.example.org"
    client.force_login(organiser)
    first = post_json(client, OPTIONS).json()
    second = post_json(client, OPTIONS).json()
    assert first["rp"]["id"] == "rendezvous.example.org"
    assert first["user"]["name"] == organiser.email
    assert first["challenge"] and first["challenge"] != second["challenge"]


def test_an_answer_that_does_not_verify_is_refused_and_nothing_is_stored(client, organiser):
    client.force_login(organiser)
    post_json(client, OPTIONS)
    forged = {"id": "AAAA", "rawId": "AAAA", "type": "public-key", "response": {"clientDataJSON": "e30"}}
    response = post_json(client, REGISTER, {"credential": forged, "name": "Forged"})
    assert response.status_code == 400 and "could not be verified" in response.json()["error"]
    assert not SecurityKey.objects.exists()


def test_an_answer_without_a_challenge_in_this_session_is_refused(client, organiser):
    client.force_login(organiser)
    response = post_json(client, REGISTER, {"credential": {"id": "AAAA"}})
    assert response.status_code == 400 and "expired" in response.json()["error"]


@pytest.mark.parametrize("body", [b"not json", b"[1, 2]", b'{"credential": "text"}', b'{"credential": null}'])
def test_malformed_bodies_get_a_clear_error_never_a_500(client, organiser, body):
    client.force_login(organiser)
    post_json(client, OPTIONS)
    response = client.post(REGISTER, data=body, content_type="application/json")
    assert response.status_code == 400 and response.json()["error"]


def test_participants_cannot_enrol_keys(client):
    client.force_login(get_user_model().objects.create_user("amina@example.org"))
    assert post_json(client, OPTIONS).status_code == 403
    assert post_json(client, REGISTER, {"credential": {}}).status_code == 403


def test_a_key_answer_without_a_pending_password_step_signs_nobody_in(client, organiser):
    stored_key(organiser)
    assert post_json(client, SIGN_IN_OPTIONS).status_code == 400
    response = post_json(client, SIGN_IN_KEY, {"credential": {"id": credential_id_of(organiser)}})
    assert response.status_code == 400
    assert "_auth_user_id" not in client.session


def test_with_a_key_the_password_step_sends_no_link_and_a_forged_answer_is_refused(client, organiser):
    stored_key(organiser)
    response = client.post("/accounts/sign-in/organiser/", {"email": organiser.email, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/accounts/sign-in/code/"
    page = client.get("/accounts/sign-in/code/").content.decode()
    assert "Use a security key" in page and "Code from your authenticator app" not in page
    options = post_json(client, SIGN_IN_OPTIONS).json()
    assert [item["id"] for item in options["allowCredentials"]] == [credential_id_of(organiser)]
    forged = {"id": credential_id_of(organiser), "rawId": "AAAA", "type": "public-key", "response": {}}
    refused = post_json(client, SIGN_IN_KEY, {"credential": forged})
    assert refused.status_code == 400 and "could not be verified" in refused.json()["error"]
    assert "_auth_user_id" not in client.session


def test_someone_elses_key_cannot_be_removed_nor_the_last_one_an_edition_requires(client):
    edition = EditionFactory(organisers_require_strong_second_factor=True)
    user = make_organiser(edition)
    other = get_user_model().objects.create_user("other@unoosa.example", is_staff=True)
    theirs, mine = stored_key(other), stored_key(user)
    client.force_login(user)
    response = client.post("/accounts/security/", {"action": "remove_key", "key": theirs.pk})
    assert response.status_code == 400 and SecurityKey.objects.filter(pk=theirs.pk).exists()
    response = client.post("/accounts/security/", {"action": "remove_key", "key": mine.pk})
    assert response.status_code == 400 and "requires a strong second factor" in response.content.decode()
    # With an authenticator app as well, the key may go.
    device = second_factor.start_enrolment(user)
    device.confirmed = True
    device.save()
    client.post("/accounts/security/", {"action": "remove_key", "key": mine.pk})
    assert not SecurityKey.objects.filter(pk=mine.pk).exists()
    # A key counts as the strong factor the edition asks for.
    assert client.get(f"/events/{edition.slug}/organise/").status_code == 200

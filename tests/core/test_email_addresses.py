"""E-mail addresses: at most 254 characters everywhere (a form error, never a 500), and at a public domain in
production (x@[127.0.0.1], x@localhost and dotless domains refused) unless EMAIL_ALLOW_LOCAL_DOMAINS says otherwise."""

import json
import uuid

import pytest
from django.core.exceptions import ValidationError

from rendezvous.core.forms import SignInLinkForm
from rendezvous.core.models import OutboxMessage
from rendezvous.core.validators import MAX_EMAIL_LENGTH, validate_email
from rendezvous.registration.models import Registration, RegistrationPolicy, RegistrationRule, Route
from tests.factories import EditionFactory

LOCAL_ADDRESSES = ["x@[127.0.0.1]", "x@[10.0.0.1]", "x@localhost", "x@rendezvous.localhost", "x@mail.internal"]
TOO_LONG = "a" * 64 + "@" + ".".join(["b" * 60] * 3) + ".example.org"  # well formed, 261 characters


@pytest.fixture
def production(settings):
    settings.EMAIL_ALLOW_LOCAL_DOMAINS = False
    return settings


@pytest.mark.parametrize("address", LOCAL_ADDRESSES)
def test_local_domains_are_refused_in_production(production, address):
    with pytest.raises(ValidationError, match="public domain"):
        validate_email(address)


def test_a_domain_without_a_dot_is_refused_even_in_development(settings):
    settings.EMAIL_ALLOW_LOCAL_DOMAINS = True
    with pytest.raises(ValidationError, match="Enter a valid email address"):
        validate_email("x@intranet")


def test_public_addresses_pass_in_production(production):
    validate_email("amina.diallo@cnes.example.org")
    validate_email("li.wei@cnsa.gov.cn")


@pytest.mark.parametrize("address", ["x@localhost", "x@rendezvous.localhost"])
def test_development_and_tests_may_write_to_local_names(settings, address):
    settings.EMAIL_ALLOW_LOCAL_DOMAINS = True
    validate_email(address)


def test_an_address_over_254_characters_is_refused_with_its_length():
    assert len(TOO_LONG) > MAX_EMAIL_LENGTH
    with pytest.raises(ValidationError, match="at most 254 characters"):
        validate_email(TOO_LONG)


def test_forms_show_the_refusal_as_a_field_error(production):
    form = SignInLinkForm(data={"email": "x@[127.0.0.1]"})
    assert not form.is_valid() and "public domain" in form.errors["email"][0]
    form = SignInLinkForm(data={"email": TOO_LONG})
    assert not form.is_valid() and "at most 254 characters" in " ".join(form.errors["email"])


@pytest.fixture
def open_edition(db):
    edition = EditionFactory(slug="mail-test")
    policy = RegistrationPolicy.objects.create(edition=edition, moderated=True)
    RegistrationRule.objects.create(policy=policy, order=1, all_other_countries=True, route=Route.OPEN)
    return edition


def web_application(email: str) -> dict:
    return {
        "given_name": "Jeanne",
        "family_name": "Martin",
        "email": email,
        "gender": "female",
        "country": "FR",
        "organisation_name": "CNES",
        "organisation_type": "space_agency",
        "position": "Director",
        "attendance": "in_person",
        "consent": "on",
        "form_token": str(uuid.uuid4()),
    }


@pytest.mark.django_db
def test_the_web_registration_form_answers_a_long_address_with_a_form_error(client, open_edition):
    response = client.post("/events/mail-test/register/", web_application(TOO_LONG))
    assert response.status_code == 200
    assert "at most 254 characters" in response.content.decode()
    assert not Registration.objects.exists()


@pytest.mark.django_db
def test_the_web_registration_form_refuses_a_local_domain_in_production(client, open_edition, production):
    response = client.post("/events/mail-test/register/", web_application("jeanne@localhost"))
    assert response.status_code == 200 and "public domain" in response.content.decode()
    assert not Registration.objects.exists() and not OutboxMessage.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("address", "message"),
    [(TOO_LONG, "at most 254 characters"), ("x@[127.0.0.1]", "not a valid e-mail address: Use an address at a public")],
)
def test_the_api_refuses_the_same_addresses_with_a_422(client, open_edition, production, address, message):
    body = {**json.loads(json.dumps(web_application(address))), "consent": True, "head_of_agency": False}
    del body["form_token"]
    response = client.post(
        "/api/editions/mail-test/registrations", data=json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 422
    messages = [error["msg"] for error in response.json()["detail"] if error["loc"][-1] == "email"]
    assert messages and message in messages[0]
    assert not Registration.objects.exists()

"""Bad input never answers 500 (issue 11, item 4): hypothesis posts generated values to every form of the site.

Each form page is fetched as the person who uses it (visitor, participant, organiser of the edition, check-in staff);
the field names are read from the page's own POST form(s), and hypothesis posts dictionaries over those names (some
left out, unknown ones added) whose values are empty, 10^5-character strings, control characters and NUL, unicode,
numbers such as 99999999999999999999, -1 and 1e308, lists where one value is expected and unknown choice values. A
form error (200), 302, 400, 403, 404, 405, 409, 422 or 429 is a fine answer; a 5xx (or an exception) fails the test.

Reproducible (derandomised): `.venv/bin/pytest tests/test_fuzz_forms.py -p no:cacheprovider -q`.
"""

import datetime
import html.parser
import urllib.parse

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rendezvous.events.models import SeriesSecretariat, StaffRole
from rendezvous.partnerships.models import BoardPost, CallStage, OrganisationMember, PlatformBudget
from rendezvous.registration.models import Invitation
from rendezvous.registration.services import IMPORT_COLUMNS, invitations, invite
from tests.factories import (
    AcademicOrganisationFactory,
    ContributionFactory,
    RoomFactory,
    SeriesFactory,
    SessionFactory,
    UpcomingEditionFactory,
    VenueFactory,
    policy_for,
)
from tests.factories.events import make_organiser, staff
from tests.factories.outcomes import draft_document, participant_of
from tests.factories.partnerships import CallFactory
from tests.factories.partnerships import participant as hub_participant

EXAMPLES_PER_FORM = 10
HUGE = 100_000

NASTY_TEXT = st.one_of(
    st.just(""),
    st.just("x" * HUGE),
    st.just("\x00"),
    st.just("a\x00b\x1b\x7f\r\n\t"),
    st.just("99999999999999999999"),
    st.just("-1"),
    st.just("1e308"),
    st.just("NaN"),
    st.just("not-a-choice"),
    st.just("é" * 300 + "@" + "x" * 300 + ".org"),
    st.just("a" * 250 + "@example.org"),
    st.just("2022-02-30"),
    st.just("25:61"),
    st.text(max_size=50),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=300),
    st.integers().map(str),
    st.floats().map(str),
)
# A list where one value is expected: Django's QueryDict hands the last one to a single-value field.
NASTY_VALUE = st.one_of(NASTY_TEXT, st.lists(NASTY_TEXT, min_size=2, max_size=3))

FINE = {200, 302, 303, 400, 403, 404, 405, 409, 410, 422, 429}
posts_sent: dict[str, int] = {}
server_errors: dict[str, int] = {}


@pytest.fixture(scope="module", autouse=True)
def figures():
    """Print the counts for the closing note of issue 11 (seen with `-s`)."""
    yield
    print(f"\nGenerated posts per form: {posts_sent}")
    print(f"Generated posts: {sum(posts_sent.values())} to {len(posts_sent)} forms; 5xx answers: {server_errors}")


class PageForms(html.parser.HTMLParser):
    """Each `<form>` of the page sent with `method`: its action and the names (and offered values) of its fields."""

    def __init__(self, method="post"):
        super().__init__()
        self.method = method
        self.forms: list[tuple[str, dict[str, set[str]]]] = []
        self.fields = None
        self.current_select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.fields = {} if (attrs.get("method") or "get").lower() == self.method else None
            if self.fields is not None:
                self.forms.append((attrs.get("action") or "", self.fields))
        elif self.fields is not None and tag in {"input", "select", "textarea", "button"} and attrs.get("name"):
            name = attrs["name"]
            if name == "csrfmiddlewaretoken" or attrs.get("type") == "file":
                return
            values = self.fields.setdefault(name, set())
            if attrs.get("value"):
                values.add(attrs["value"])
            if tag == "select":
                self.current_select = name
        elif tag == "option" and self.fields is not None and self.current_select and attrs.get("value"):
            self.fields[self.current_select].add(attrs["value"])

    def handle_endtag(self, tag):
        if tag == "form":
            self.fields = None
        elif tag == "select":
            self.current_select = None


def page_forms(client, url, method="post") -> list[tuple[str, dict[str, list[str]]]]:
    """The page's forms as (URL they are sent to, {field name: offered values}); sign-out forms are left alone."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    parser = PageForms(method)
    parser.feed(response.content.decode())
    forms = []
    for action, fields in parser.forms:
        target = urllib.parse.urljoin(url, action) if action else url
        if target != reverse("core:sign_out"):
            forms.append((target, {name: sorted(values) for name, values in fields.items()}))
    return forms


def post_dictionaries(fields: dict[str, list[str]]):
    """Every field the page offers, each either absent, one of its offered values or a nasty value, plus stray ones."""
    per_field = {
        name: st.one_of(st.none(), NASTY_VALUE, st.sampled_from(values) if values else NASTY_VALUE)
        for name, values in fields.items()
    }
    extra = st.dictionaries(st.sampled_from(["unknown", "id", "pk", "edition", "status"]), NASTY_VALUE, max_size=2)
    return st.tuples(st.fixed_dictionaries(per_field), extra).map(
        lambda pair: {**{k: v for k, v in pair[0].items() if v is not None}, **pair[1]}
    )


def clean_for_post(data: dict) -> dict:
    # The test client cannot encode a lone surrogate; a browser cannot send one either (it sends U+FFFD).
    def fix(value):
        if isinstance(value, list):
            return [fix(item) for item in value]
        return value.encode("utf-8", "replace").decode("utf-8")

    return {key: fix(value) for key, value in data.items()}


@pytest.fixture
def world(db):
    edition = UpcomingEditionFactory(slug="fuzz-2030", series=SeriesFactory(slug="fuzz-series"))
    policy_for(edition, moderated=True, in_person=50, online=50, china_invitation_only=True)
    organiser = make_organiser(edition, "organiser@example.org")
    checkin = staff(edition, StaffRole.CHECKIN)
    participant = participant_of(edition)
    invitation = invite(edition, email="invitee@example.org", actor=organiser)
    token = "fuzz-invitation-token"
    Invitation.objects.filter(pk=invitation.pk).update(token_hash=invitations._token_hash(token))
    document = draft_document(edition, organiser)
    venue = VenueFactory(edition=edition)
    room = RoomFactory(venue=venue)
    session = SessionFactory(edition=edition, room=room)
    contribution = ContributionFactory(session=session)
    call = CallFactory()
    CallStage.objects.create(
        call=call, kind="letter_of_interest", deadline=timezone.now() + datetime.timedelta(days=60)
    )
    PlatformBudget.objects.create(call=call, platform="Lander", mass_kg=10, order=1)
    organisation = AcademicOrganisationFactory()
    hub_user = hub_participant(organisation=organisation)
    OrganisationMember.objects.create(user=hub_user, organisation=organisation)
    SeriesSecretariat.objects.create(series=edition.series, user=organiser)
    post = BoardPost.objects.create(
        author=hub_user,
        kind="offer",
        title="Ground station time",
        text="We offer ground station passes.",
        topic="ground",
        organisation_name="Observatory",
        organisation_type="academia",
        expires_on=timezone.localdate() + datetime.timedelta(days=30),
    )
    return {
        "edition": edition,
        "organiser": organiser,
        "checkin": checkin,
        "participant": participant,
        "hub_user": hub_user,
        "token": token,
        "paragraph": document.paragraphs.order_by("order").last(),
        "session": session,
        "contribution": contribution,
        "call": call,
        "post": post,
    }


E = "fuzz-2030"
# (name, who signs in, URL built from the world, GET query for the page showing the form if it is another URL)
FORMS = [
    ("register country step", None, lambda w: reverse("registration:register", args=[E]), None, "get"),
    ("register form", None, lambda w: reverse("registration:register", args=[E]) + "?country=FR"),
    ("invitation redeem", None, lambda w: reverse("registration:redeem", args=[E, w["token"]])),
    ("sign-in", None, lambda w: reverse("core:sign_in")),
    ("organiser sign-in", None, lambda w: reverse("core:organiser_sign_in")),
    ("hub apply", "hub_user", lambda w: reverse("partnerships:apply", args=[w["call"].slug])),
    ("hub board post", "hub_user", lambda w: reverse("partnerships:new_post")),
    ("hub board edit", "hub_user", lambda w: reverse("partnerships:edit_post", args=[w["post"].pk])),
    (
        "hub contact",
        "participant",
        lambda w: reverse("partnerships:contact_post", args=[w["post"].pk]),
        lambda w: reverse("partnerships:post", args=[w["post"].pk]),
    ),
    ("hub representation", "hub_user", lambda w: reverse("partnerships:represent")),
    ("hub profile", "hub_user", lambda w: reverse("partnerships:my_hub")),
    ("amendment", "participant", lambda w: reverse("outcomes:amend", args=[E, w["paragraph"].pk])),
    ("queue capacity", "organiser", lambda w: reverse("registration:organise_queue", args=[E])),
    ("invitations", "organiser", lambda w: reverse("registration:organise_invitations", args=[E])),
    ("registration policy", "organiser", lambda w: reverse("registration:organise_policy", args=[E])),
    ("programme new session", "organiser", lambda w: reverse("programme:new_session", args=[E])),
    ("programme session", "organiser", lambda w: reverse("programme:edit_session", args=[E, w["session"].pk])),
    (
        "programme new contribution",
        "organiser",
        lambda w: reverse("programme:new_contribution", args=[E, w["session"].pk]),
    ),
    (
        "programme contribution",
        "organiser",
        lambda w: reverse("programme:edit_contribution", args=[E, w["contribution"].pk]),
    ),
    ("messages", "organiser", lambda w: reverse("registration:organise_messages", args=[E])),
    ("e-mail text", "organiser", lambda w: reverse("registration:organise_email_text", args=[E, "received"])),
    ("staff", "organiser", lambda w: reverse("organise:staff", args=[E])),
    ("clone edition", "organiser", lambda w: reverse("organise:clone", args=[E])),
    ("new edition", "organiser", lambda w: reverse("organise:new_edition", args=["fuzz-series"])),
    ("materials", "organiser", lambda w: reverse("programme:organise_materials", args=[E])),
    ("check-in desk", "checkin", lambda w: reverse("participation:check_in", args=[E])),
    ("outcome manage", "organiser", lambda w: reverse("outcomes:manage", args=[E])),
]


def signed_in_client(world, who) -> Client:
    # A server error comes back as a 500 answer (counted), as a browser would see it, rather than as an exception.
    client = Client(raise_request_exception=False)
    if who:
        client.force_login(world[who])
    return client


FORMS = [(*form, *(None, "post")[len(form) - 3 :]) for form in FORMS]


@pytest.mark.parametrize(("name", "who", "url", "form_page", "method"), FORMS, ids=[form[0] for form in FORMS])
def test_generated_posts_to_a_form_never_answer_a_server_error(world, name, who, url, form_page, method):
    client = signed_in_client(world, who)
    page = url(world)
    forms = page_forms(client, form_page(world) if form_page else page, method)
    assert forms, f"{name}: no {method.upper()} form found on {page}"
    posts_sent[name] = 0

    @settings(
        max_examples=EXAMPLES_PER_FORM,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(st.sampled_from(forms).flatmap(lambda form: st.tuples(st.just(form[0]), post_dictionaries(form[1]))))
    def post_generated_values(target_and_data):
        target, data = target_and_data
        posts_sent[name] += 1
        response = getattr(client, method)(target, clean_for_post(data))
        if response.status_code >= 500:
            server_errors[name] = server_errors.get(name, 0) + 1
        assert response.status_code in FINE, (name, target, response.status_code, data)

    post_generated_values()


CSV_FIELD = st.one_of(
    st.just("x" * 131_073),
    st.just("x" * HUGE),
    st.just("a\x00b"),
    st.just('"unclosed'),
    st.just("a" * 300 + "@example.org"),
    st.just("n" * 300),  # longer than any name or organisation column holds
    st.text(max_size=40),
)


# The organisers' CSV imports: the URL each is posted to, and headers right, partial, empty, binary and huge.
CSV_IMPORTS = {
    "invitation CSV upload": (
        "registration:organise_import_invitations",
        ["email,given_name,family_name,role", "email", "", "role,email\x00", "x" * 200_000],
    ),
    "registration CSV upload": (
        "registration:organise_import_registrations",
        [",".join(IMPORT_COLUMNS), "given_name,email", "", "status\x00", "x" * 200_000],
    ),
}


@pytest.mark.parametrize("form", CSV_IMPORTS)
@settings(
    max_examples=EXAMPLES_PER_FORM,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
@given(
    data=st.data(),
    rows=st.lists(st.lists(CSV_FIELD, min_size=1, max_size=len(IMPORT_COLUMNS) + 1), max_size=3),
    encoding=st.sampled_from(["utf-8", "utf-16", "latin-1"]),
)
def test_generated_csv_uploads_never_answer_a_server_error(world, form, data, rows, encoding):
    url_name, headers = CSV_IMPORTS[form]
    header = data.draw(st.sampled_from(headers), label="header")
    client = signed_in_client(world, "organiser")
    content = "\n".join([header, *(",".join(row) for row in rows)]).encode(encoding, "replace")
    upload = SimpleUploadedFile("upload.csv", content, content_type="text/csv")
    posts_sent[form] = posts_sent.get(form, 0) + 1
    response = client.post(reverse(url_name, args=[E]), {"file": upload})
    if response.status_code >= 500:
        server_errors[form] = server_errors.get(form, 0) + 1
    assert response.status_code in FINE, response.status_code


# The cases the attack of issue 11 found, each named so a regression says which one came back.


def test_an_invitation_csv_field_over_the_csv_limit_is_a_line_numbered_error(world):
    client = signed_in_client(world, "organiser")
    content = ("email,given_name\nfine@example.org,Amina\nlong@example.org," + "x" * 131_073 + "\n").encode()
    upload = SimpleUploadedFile("invitations.csv", content, content_type="text/csv")
    response = client.post(reverse("registration:organise_import_invitations", args=[E]), {"file": upload})
    assert response.status_code == 400
    assert "line 3: a field is longer than 131,072 characters" in response.content.decode()
    assert not Invitation.objects.filter(email="fine@example.org").exists()


def test_an_invitation_csv_name_longer_than_its_column_is_refused(world):
    client = signed_in_client(world, "organiser")
    content = ("email,family_name\nlong@example.org," + "x" * 151 + "\n").encode()
    upload = SimpleUploadedFile("invitations.csv", content, content_type="text/csv")
    response = client.post(reverse("registration:organise_import_invitations", args=[E]), {"file": upload})
    assert response.status_code == 400
    assert "line 2: family_name is longer than 150 characters" in response.content.decode()
    assert not Invitation.objects.filter(email="long@example.org").exists()


def test_an_amendment_of_two_million_characters_is_refused(world):
    client = signed_in_client(world, "participant")
    paragraph = world["paragraph"]
    response = client.post(
        reverse("outcomes:amend", args=[E, paragraph.pk]),
        {"action": "replace", "proposed_text": "x" * 2_000_000, "reason": "Longer."},
    )
    assert response.status_code in {200, 400}
    assert "at most 20000 characters" in response.content.decode().replace(",", "")
    assert not paragraph.amendments.exists()


def test_a_registration_address_over_254_characters_is_a_form_error(world):
    response = Client().post(
        reverse("registration:register", args=[E]),
        {"country": "FR", "email": "a" * 250 + "@example.org", "given_name": "Amina", "family_name": "Diallo"},
    )
    assert response.status_code in {200, 400}
    assert "254" in response.content.decode()


def test_a_capacity_of_twenty_digits_is_a_form_error(world):
    client = signed_in_client(world, "organiser")
    response = client.post(
        reverse("registration:organise_capacity", args=[E]), {"in_person": "99999999999999999999", "online": ""}
    )
    assert response.status_code in {200, 302, 400}
    world["edition"].registration_policy.refresh_from_db()
    assert world["edition"].registration_policy.in_person_capacity == 50

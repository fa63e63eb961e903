"""The board connects safely: who may post is explained, the relay describes the sender truthfully and sets Reply-To
only when asked, the daily limit is said plainly, links are links (escaped first), posts can be reported, and the
"My hub" form keeps what was typed."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from rendezvous.core import outbox
from rendezvous.core.models import OutboxMessage
from rendezvous.partnerships import services
from rendezvous.partnerships.models import PostReport
from rendezvous.partnerships.services import HubError
from rendezvous.partnerships.templatetags.hub import post_text
from tests.core.smtp import smtp_server  # noqa: F401 (fixture)
from tests.factories import AcademicOrganisationFactory as OrganisationFactory
from tests.factories import HubUserFactory as UserFactory
from tests.factories import make_user
from tests.factories.partnerships import participant, representative_of

pytestmark = pytest.mark.django_db


def a_post(author=None, **overrides):
    fields = {
        "kind": "offer",
        "title": "Ground station time",
        "text": "Two passes a day. See https://example.org/passes?a=1&b=2.",
        "topic": "ground_segment",
        "organisation_name": "",
        "organisation_type": "academia",
        "country": "NG",
    }
    return services.create_post(author or participant(email="author@example.org"), **(fields | overrides))


def test_who_may_post_is_explained_before_the_form(client):
    board = client.get("/hub/board/").content.decode()
    assert "Participants with an approved registration in an edition and representatives" in board
    client.force_login(UserFactory())
    response = client.get("/hub/board/new/")
    assert response.status_code == 403
    page = response.content.decode()
    assert "You cannot post yet: register for an edition" in page and "/hub/represent/" in page
    client.force_login(participant())
    page = client.get("/hub/board/new/").content.decode()
    assert page.index("Participants with an approved registration") < page.index('class="card hub-post-form"')


def test_the_relay_describes_a_registered_sender_and_reply_to_is_only_set_when_ticked(client):
    post = a_post()
    lab = OrganisationFactory(name="Lagos Space Lab", country="NG")
    sender = participant(email="kofi@example.org", first_name="Kofi", last_name="Mensah", organisation=lab)
    client.force_login(sender)
    client.post(f"/hub/board/{post.pk}/contact/", {"message": "Hello"})
    mail = OutboxMessage.objects.get(kind="hub_board_contact")
    assert "Kofi Mensah, Lagos Space Lab (Nigeria) \u2014 registered and approved for" in mail.body
    assert mail.reply_to == ""
    client.post(f"/hub/board/{post.pk}/contact/", {"message": "Hello again", "reply_to": "on"})
    ticked = OutboxMessage.objects.filter(kind="hub_board_contact").latest("id")
    assert ticked.reply_to == "kofi@example.org"


def test_the_relay_never_calls_someone_without_a_registration_a_participant():
    post = a_post()
    agency = OrganisationFactory(name="Agenzia Spaziale Italiana", acronym="ASI", country="IT")
    sender = representative_of(agency)
    sender.first_name, sender.last_name = "Giulia", "Rossi"
    sender.save()
    services.contact_author(post, sender, message="Interested.")
    body = OutboxMessage.objects.get(kind="hub_board_contact").body
    assert "Giulia Rossi, Agenzia Spaziale Italiana (ASI) (Italy)" in body
    assert "not registered for any edition of the workshop" in body
    assert "representative on the hub of ASI" in body
    assert "A participant" not in body
    nameless = make_user("nameless@example.org")
    services.contact_author(post, nameless, message="Hi.")
    body = OutboxMessage.objects.filter(kind="hub_board_contact").latest("id").body
    assert body.startswith("Someone who gave no name \u2014 not registered for any edition")


def test_the_sent_mail_carries_reply_to(smtp_server):  # noqa: F811
    post = a_post()
    sender = participant(email="kofi@example.org")
    services.contact_author(post, sender, message="Hello", reply_to=True)
    outbox.deliver_pending()
    [received] = [m for m in smtp_server.messages if "partners-wanted" in m["Subject"]]
    assert received["Reply-To"] == "kofi@example.org"


def test_the_daily_limit_is_said_plainly():
    sender = participant()
    posts = [a_post(participant(email=f"author{n}@example.org"), title=f"Post {n}") for n in range(11)]
    for post in posts[: services.BOARD_CONTACTS_PER_DAY]:
        services.contact_author(post, sender, message="Hello")
    with pytest.raises(HubError) as refused:
        services.contact_author(posts[-1], sender, message="Hello")
    assert str(refused.value) == (
        "The hub passes on at most 10 answers per person in 24 hours, to keep the board free of unwanted mail; "
        "you have reached that limit. Try again tomorrow."
    )
    later = timezone.now() + datetime.timedelta(days=1, minutes=1)
    assert services.contact_author(posts[-1], sender, message="Hello", now=later)


def test_links_are_links_and_everything_else_is_escaped():
    html = str(post_text('See https://example.org/a?b=1&c=2. Or <a href="javascript:x">me</a>\nhttp://x.test/(y)'))
    assert (
        '<a href="https://example.org/a?b=1&amp;c=2" rel="nofollow noopener noreferrer" target="_blank">'
        "https://example.org/a?b=1&amp;c=2</a>." in html
    )
    assert "&lt;a href=&quot;javascript:x&quot;&gt;me&lt;/a&gt;" in html and 'javascript:x"' not in html
    assert "<br>" in html and 'href="http://x.test/(y"' in html
    assert "<a" not in str(post_text("javascript:alert(1) data:text/html,x ftp://x.test"))


def test_the_post_page_links_and_wraps(client):
    post = a_post(text="https://example.org/" + "x" * 300)
    page = client.get(post.get_absolute_url()).content.decode()
    assert 'rel="nofollow noopener noreferrer"' in page
    assert 'class="prose hub-post-text"' in page
    css = client.get("/static/rendezvous/site.css")
    body = b"".join(css.streaming_content) if css.streaming else css.content
    assert b"overflow-wrap: anywhere" in body


def test_a_post_can_be_reported_to_platform_staff_once(client):
    make_user("staff@example.org", staff=True)
    post = a_post()
    reporter = UserFactory()
    assert client.post(f"/hub/board/{post.pk}/report/", {"reason": "Spam"})["Location"].startswith("/accounts/")
    client.force_login(reporter)
    client.post(f"/hub/board/{post.pk}/report/", {"reason": "Spam with a phishing link."})
    report = PostReport.objects.get()
    assert report.reporter == reporter and report.post == post
    mail = OutboxMessage.objects.get(kind="hub_post_reported")
    assert mail.to == "staff@example.org" and "Spam with a phishing link." in mail.body
    with pytest.raises(HubError, match="already reported"):
        services.report_post(post, reporter, reason="Again")
    with pytest.raises(PermissionDenied):
        services.report_post(post, post.author, reason="Mine")


def test_my_hub_keeps_both_fields_and_says_what_is_wrong(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post("/hub/me/", {"offers": "Laser ranging.", "seeks": "x" * 2001})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Laser ranging." in page and "x" * 2001 in page
    assert "Ensure this value has at most 2000 characters" in page
    assert services.profile_of(user).offers == ""

"""Connecting stakeholders: follows with consent, followers for owners only, invitations, the partners-wanted board,
the relay, the personal deadline feed and calls announced in an edition's programme."""

import datetime
from urllib.parse import urlparse

import icalendar
import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from rendezvous.core.models import AuditEntry, OutboxMessage
from rendezvous.partnerships import permissions, services
from rendezvous.partnerships.models import BoardPost, Follow, RelayMessage
from tests.factories import AcademicOrganisationFactory as OrganisationFactory
from tests.factories import HubUserFactory as UserFactory
from tests.factories.partnerships import participant, payload_call, representative_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def cnsa_call():
    """A payload call of a programme owned by the calling agency, as Chang'e-7 is owned by CNSA."""
    call = payload_call()
    call.programme.owners.add(call.organisation)
    return call


def test_following_needs_sign_in_and_consent_is_off_by_default(client, cnsa_call):
    url = f"/hub/calls/{cnsa_call.slug}/follow/"
    assert client.post(url)["Location"].startswith("/accounts/sign-in/")
    assert not Follow.objects.exists()
    user = UserFactory()
    client.force_login(user)
    page = client.get(cnsa_call.get_absolute_url()).content.decode()
    assert "Let the programme\u2019s owner see that I follow it and contact me" in page
    assert 'name="consent" id="id_consent" checked' not in page
    client.post(url)
    follow = Follow.objects.get(user=user, call=cnsa_call)
    assert follow.consent is False and follow.consented_at is None
    client.post(url, {"consent": "on"})
    follow.refresh_from_db()
    assert follow.consent and follow.consented_at
    client.post(url, {"action": "unfollow"})
    assert not Follow.objects.exists()


def test_csrf_is_required_to_follow(cnsa_call):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory())
    assert client.post(f"/hub/calls/{cnsa_call.slug}/follow/", {"consent": "on"}).status_code == 403
    assert not Follow.objects.exists()


def test_owner_sees_consenting_followers_only_and_never_an_address(client, cnsa_call):
    agency_rep = representative_of(cnsa_call.organisation)
    consenting = participant(country="TR", email="ayse@example.org", first_name="Ay\u015fe", last_name="Y\u0131lmaz")
    services.follow(consenting, cnsa_call, consent=True)
    services.update_profile(consenting, offers="Radiation <b>sensors</b>", seeks="A lander ride")
    silent = participant(country="FR", email="silent@example.org", first_name="Claude", last_name="Silent")
    services.follow(silent, cnsa_call.programme, consent=False)

    client.force_login(agency_rep)
    response = client.get(f"/hub/programmes/{cnsa_call.programme.slug}/followers/")
    page = response.content.decode()
    assert response.context["listing"].total == 2
    assert [f.card.name for f in response.context["listing"].consenting] == ["Ay\u015fe Y\u0131lmaz"]
    assert "T\u00fcrkiye" in page  # the UN name
    assert "Radiation &lt;b&gt;sensors&lt;/b&gt;" in page and "A lander ride" in page
    assert "The other 1 is counted but not shown" in page
    assert "Silent" not in page and "Claude" not in page
    assert "@example.org" not in page


def test_followers_are_refused_to_everyone_but_the_owners_representatives(client, cnsa_call):
    url = f"/hub/programmes/{cnsa_call.programme.slug}/followers/"
    follower = UserFactory()
    services.follow(follower, cnsa_call, consent=True)
    assert client.get(url)["Location"].startswith("/accounts/sign-in/")
    client.force_login(UserFactory())  # signed in, represents nobody
    assert client.get(url).status_code == 403
    client.force_login(representative_of(OrganisationFactory()))  # another organisation's representative
    assert client.get(url).status_code == 403
    client.force_login(follower)
    assert client.get(url).status_code == 403
    other_programme_rep = representative_of(OrganisationFactory())
    with pytest.raises(PermissionDenied):
        services.invite_follower(other_programme_rep, Follow.objects.get().pk, cnsa_call.programme, message="Hi")
    assert not OutboxMessage.objects.exists()


def test_invitation_goes_through_the_outbox_audited_and_rate_limited(client, cnsa_call):
    agency_rep = representative_of(cnsa_call.organisation)
    follower = participant(email="follower@example.org")
    follow = services.follow(follower, cnsa_call, consent=True)
    client.force_login(agency_rep)
    url = f"/hub/programmes/{cnsa_call.programme.slug}/followers/"
    response = client.post(url, {"follow": follow.pk, "message": "Join our payload <team>."})
    assert response.status_code == 302
    mail = OutboxMessage.objects.get(kind="hub_invitation")
    assert mail.to == "follower@example.org"
    assert "Join our payload <team>." in mail.body and agency_rep.email in mail.body
    assert AuditEntry.objects.filter(action="hub.follower_invited", actor=agency_rep).count() == 1
    assert "Invited" in client.get(url).content.decode()

    now = timezone.now()
    for _ in range(services.INVITATIONS_PER_DAY - 1):
        services.invite_follower(agency_rep, follow.pk, cnsa_call.programme, message="Again", now=now)
    with pytest.raises(services.HubError, match="20 invitations today"):
        services.invite_follower(agency_rep, follow.pk, cnsa_call.programme, message="One more", now=now)
    tomorrow = now + datetime.timedelta(days=1, minutes=1)
    assert services.invite_follower(agency_rep, follow.pk, cnsa_call.programme, message="Next day", now=tomorrow)


def test_a_follower_without_consent_cannot_be_invited(cnsa_call):
    agency_rep = representative_of(cnsa_call.organisation)
    follow = services.follow(UserFactory(), cnsa_call, consent=False)
    with pytest.raises(services.HubError, match="did not agree"):
        services.invite_follower(agency_rep, follow.pk, cnsa_call.programme, message="Hi")
    assert not RelayMessage.objects.exists()


# --- the board ---


def post_fields(**overrides):
    values = {
        "kind": "offer",
        "title": "Ground station time",
        "text": "Two passes a day.\nS-band <script>",
        "topic": "ground_segment",
        "organisation_name": "Lagos Space Lab",
        "organisation_type": "academia",
        "country": "NG",
    }
    return values | overrides


def test_who_may_post(client):
    nobody = UserFactory()
    pending = participant(status="pending")
    with pytest.raises(PermissionDenied):
        services.create_post(nobody, **post_fields())
    with pytest.raises(PermissionDenied):
        services.create_post(pending, **post_fields())
    client.force_login(nobody)
    assert client.get("/hub/board/new/").status_code == 403
    assert client.post("/hub/board/new/", post_fields()).status_code == 403
    assert services.create_post(participant(), **post_fields())
    assert services.create_post(representative_of(OrganisationFactory()), **post_fields())
    assert BoardPost.objects.count() == 2


def test_post_text_is_escaped_with_line_breaks_and_no_address_shown(client):
    author = participant(email="author@example.org")
    client.force_login(author)
    response = client.post("/hub/board/new/", post_fields())
    post = BoardPost.objects.get()
    assert response["Location"] == f"/hub/board/{post.pk}/"
    client.logout()
    page = client.get(f"/hub/board/{post.pk}/").content.decode()
    assert "Two passes a day.<br>S-band &lt;script&gt;" in page
    assert "author@example.org" not in page
    assert "author@example.org" not in client.get("/hub/board/").content.decode()


def test_bad_post_keeps_what_was_typed(client):
    client.force_login(participant())
    response = client.post("/hub/board/new/", post_fields(topic=""))
    assert response.status_code == 200
    assert "Two passes a day." in response.content.decode()
    assert not BoardPost.objects.exists()


def test_board_filters(client):
    author = participant()
    services.create_post(author, **post_fields(title="Nigeria offer"))
    services.create_post(author, **post_fields(title="Italy need", kind="need", country="IT", topic="moon"))
    services.create_post(
        author, **post_fields(title="Chile agency", country="CL", organisation_type="space_agency", topic="data")
    )
    services.create_post(author, **post_fields(title="Expired", expires_on=timezone.localdate()))
    BoardPost.objects.filter(title="Expired").update(expires_on=timezone.localdate() - datetime.timedelta(days=1))

    def titles(query=""):
        return sorted(p.title for p in client.get(f"/hub/board/?{query}").context["page"])

    assert titles() == ["Chile agency", "Italy need", "Nigeria offer"]
    assert titles("country=NG") == ["Nigeria offer"]
    assert titles("region=group:Western+European+and+other+States") == ["Italy need"]
    assert titles("region=m49:Americas") == ["Chile agency"]
    assert titles("region=m49:Africa") == ["Nigeria offer"]
    assert titles("organisation_type=space_agency") == ["Chile agency"]
    assert titles("topic=moon") == ["Italy need"]
    assert titles("kind=need") == ["Italy need"]
    assert titles("q=chile") == ["Chile agency"]


def test_board_is_paginated(client):
    author = participant()
    for n in range(services.POSTS_PER_PAGE + 2):
        services.create_post(author, **post_fields(title=f"Post {n}"))
    first = client.get("/hub/board/?country=NG")
    assert len(first.context["page"]) == services.POSTS_PER_PAGE
    assert "country=NG&amp;page=2" in first.content.decode()
    assert len(client.get("/hub/board/?country=NG&page=2").context["page"]) == 2


def test_board_costs_the_same_queries_for_one_and_three_posts(client, django_assert_num_queries, cnsa_call):
    author = participant()
    services.create_post(author, **post_fields(call=cnsa_call))
    with django_assert_num_queries(2) as one:
        client.get("/hub/board/")
    services.create_post(author, **post_fields(call=cnsa_call, organisation_name="Other lab"))
    services.create_post(representative_of(OrganisationFactory()), **post_fields())
    with django_assert_num_queries(len(one.captured_queries)):
        client.get("/hub/board/")


def test_only_the_author_edits_or_withdraws(client):
    post = services.create_post(participant(), **post_fields())
    other = participant()
    with pytest.raises(PermissionDenied):
        services.update_post(post, other, **post_fields(title="Hijacked"))
    with pytest.raises(PermissionDenied):
        services.withdraw_post(post, other)
    client.force_login(other)
    assert client.get(f"/hub/board/{post.pk}/edit/").status_code == 403
    assert client.post(f"/hub/board/{post.pk}/edit/", post_fields(title="Hijacked")).status_code == 403
    assert client.post(f"/hub/board/{post.pk}/withdraw/").status_code == 403
    post.refresh_from_db()
    assert post.title == "Ground station time" and post.withdrawn_at is None

    client.force_login(post.author)
    client.post(f"/hub/board/{post.pk}/edit/", post_fields(title="Three passes"))
    client.post(f"/hub/board/{post.pk}/withdraw/")
    post.refresh_from_db()
    assert post.title == "Three passes" and post.withdrawn_at
    assert list(client.get("/hub/board/").context["page"]) == []
    client.logout()
    assert client.get(f"/hub/board/{post.pk}/").status_code == 404


def test_answering_a_post_relays_by_mail_with_the_senders_address(client):
    post = services.create_post(participant(email="author@example.org"), **post_fields())
    sender = participant(email="sender@example.org", first_name="Kofi", last_name="Mensah")
    url = f"/hub/board/{post.pk}/contact/"
    assert client.post(url, {"message": "Hello"})["Location"].startswith("/accounts/sign-in/")
    client.force_login(sender)
    assert client.post(url, {"message": ""}).status_code == 400
    response = client.post(url, {"message": "We could use your station."})
    assert response.status_code == 302
    mail = OutboxMessage.objects.get(kind="hub_board_contact")
    assert mail.to == "author@example.org"
    assert "Kofi Mensah" in mail.body and "write to sender@example.org" in mail.body
    assert "We could use your station." in mail.body
    page = client.get(f"/hub/board/{post.pk}/").content.decode()
    assert "author@example.org" not in page


# --- the personal feed ---


def test_feed_lists_followed_deadlines_in_the_calls_zone(client, cnsa_call):
    user = UserFactory()
    services.follow(user, cnsa_call, consent=False)
    payload_call()  # not followed
    token = services.feed_token(user)
    assert len(token) >= 43  # 32 random bytes
    response = client.get(f"/hub/feeds/{token}.ics")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    host = urlparse(settings.SITE_URL).hostname
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {
        f"hub-call-{cnsa_call.pk}-letter_of_interest@{host}",
        f"hub-call-{cnsa_call.pk}-announcement@{host}",
    }
    deadline = events[f"hub-call-{cnsa_call.pk}-letter_of_interest@{host}"]["DTSTART"]
    assert deadline.dt == datetime.datetime(2023, 2, 1, 23, 59, tzinfo=deadline.dt.tzinfo)
    assert str(deadline.dt.tzinfo) == "Asia/Shanghai" and deadline.params["TZID"] == "Asia/Shanghai"
    announcement = events[f"hub-call-{cnsa_call.pk}-announcement@{host}"]["DTSTART"].dt
    assert announcement == datetime.date(2023, 5, 2)  # all day
    assert calendar.walk("VTIMEZONE")
    assert client.get(f"/hub/feeds/{token}.ics").content == response.content  # stable


def test_following_a_programme_puts_its_calls_deadlines_in_the_feed(client, cnsa_call):
    user = UserFactory()
    services.follow(user, cnsa_call.programme, consent=False)
    calendar = icalendar.Calendar.from_ical(client.get(f"/hub/feeds/{services.feed_token(user)}.ics").content)
    summaries = [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")]
    assert len(summaries) == 2 and all(cnsa_call.title in summary for summary in summaries)


def test_wrong_or_old_feed_token_is_404(client, cnsa_call):
    user = UserFactory()
    old = services.feed_token(user)
    assert client.get(f"/hub/feeds/{'x' * 43}.ics").status_code == 404
    assert client.get("/hub/feeds/short.ics").status_code == 404
    client.force_login(user)
    client.post("/hub/me/feed/")
    new = services.feed_token(user)
    assert new != old
    client.logout()
    assert client.get(f"/hub/feeds/{old}.ics").status_code == 404
    assert client.get(f"/hub/feeds/{new}.ics").status_code == 200


def test_my_hub_shows_follows_feed_and_posts(client, cnsa_call):
    user = participant()
    services.follow(user, cnsa_call, consent=True)
    assert client.get("/hub/me/")["Location"].startswith("/accounts/sign-in/")
    client.force_login(user)
    page = client.get("/hub/me/").content.decode()
    assert cnsa_call.title in page and "/hub/feeds/" in page
    client.post("/hub/me/", {"offers": "Clean rooms", "seeks": ""})
    assert services.profile_of(user).offers == "Clean rooms"


def test_the_post_button_and_posting_follow_one_rule(client):
    users = (UserFactory(), participant(status="pending"), participant(), representative_of(OrganisationFactory()))
    for user in users:
        allowed = permissions.can_post(user)
        client.force_login(user)
        assert ('href="/hub/board/new/"' in client.get("/hub/board/").content.decode()) is allowed
        if allowed:
            assert services.create_post(user, **post_fields())
        else:
            with pytest.raises(PermissionDenied, match="approved registration"):
                services.create_post(user, **post_fields())
    assert BoardPost.objects.count() == 2


def test_anonymous_visitors_are_sent_to_sign_in_and_back(client, cnsa_call):
    post = services.create_post(participant(), **post_fields())
    for url in (
        "/hub/board/new/",
        f"/hub/board/{post.pk}/edit/",
        f"/hub/programmes/{cnsa_call.programme.slug}/followers/",
        "/hub/me/",
    ):
        assert client.get(url)["Location"] == f"/accounts/sign-in/?next={url}", url


def test_an_expired_session_on_an_action_leads_back_to_its_page_without_acting(client, cnsa_call):
    author = participant()
    post = services.create_post(author, **post_fields())
    token = services.feed_token(author)
    actions = {
        f"/hub/calls/{cnsa_call.slug}/follow/": cnsa_call.get_absolute_url(),
        f"/hub/programmes/{cnsa_call.programme.slug}/follow/": cnsa_call.programme.get_absolute_url(),
        f"/hub/board/{post.pk}/contact/": post.get_absolute_url(),
        f"/hub/board/{post.pk}/withdraw/": post.get_absolute_url(),
        "/hub/me/feed/": "/hub/me/",
    }
    for action in actions:
        assert client.post(action, {"message": "Hello"})["Location"] == f"/accounts/sign-in/?next={action}", action
    client.force_login(author)  # signing in sends the person to `next` by GET
    for action, page in actions.items():
        assert client.get(action)["Location"] == page, action
    post.refresh_from_db()
    assert post.withdrawn_at is None and services.feed_token(author) == token
    assert not Follow.objects.exists() and not RelayMessage.objects.exists()

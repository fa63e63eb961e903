"""The digest: opt-in, weekly, open calls and matching new posts, with an unsubscribe link that needs no
sign-in and cannot be forged."""

import datetime
import re

import pytest
from django.core.management import call_command
from django.utils import timezone

from rendezvous.core.models import OutboxMessage
from rendezvous.partnerships import services
from rendezvous.partnerships.models import HubProfile
from rendezvous.partnerships.services import digest
from tests.factories import HubUserFactory as UserFactory
from tests.factories.partnerships import participant, payload_call

pytestmark = pytest.mark.django_db


def opted_in(**fields):
    user = UserFactory(**fields)
    HubProfile.objects.create(user=user, digest=True, seeks="A ground station for our cubesat.")
    return user


def test_only_people_who_opt_in_get_a_digest_of_open_calls_and_matching_posts():
    call = payload_call(title="Lander payloads")
    call.stages.filter(kind="letter_of_interest").update(deadline=timezone.now() + datetime.timedelta(days=9))
    payload_call(title="Closed call")  # deadline in 2023
    opted_in(email="reader@example.org")
    UserFactory(email="silent@example.org")  # never opted in
    services.create_post(
        participant(),
        kind="offer",
        title="Ground station passes",
        text="S-band.",
        topic="ground_segment",
        organisation_type="academia",
        country="NG",
    )
    services.create_post(
        participant(),
        kind="offer",
        title="Mars wheels",
        text="Wheels.",
        topic="mars",
        organisation_type="academia",
        country="NG",
    )
    assert digest.send_digests() == 1
    mail = OutboxMessage.objects.get(kind="hub_digest")
    assert mail.to == "reader@example.org"
    assert "Lander payloads" in mail.body and "Letters of interest open until" in mail.body
    assert "Closed call" not in mail.body
    assert "Ground station passes" in mail.body and "Mars wheels" not in mail.body
    assert "/hub/digest/unsubscribe/" in mail.body
    assert digest.send_digests() == 0  # weekly, not on every run
    later = timezone.now() + datetime.timedelta(days=8)
    assert digest.send_digests(now=later) == 1


def test_the_link_unsubscribes_without_signing_in_after_one_press_and_can_be_undone(client):
    call = payload_call()
    call.stages.filter(kind="letter_of_interest").update(deadline=timezone.now() + datetime.timedelta(days=9))
    reader = opted_in()
    call_command("send_hub_digest")
    body = OutboxMessage.objects.get(kind="hub_digest").body
    url = re.search(r"https?://\S+(/hub/digest/unsubscribe/\S+/)", body).group(1)
    opened = client.get(url)
    # Opening the link (as a mail scanner or a link preview does) changes nothing; the page asks.
    assert opened.status_code == 200 and "Stop the digest" in opened.content.decode()
    assert HubProfile.objects.get(user=reader).digest
    response = client.post(url, {"action": "unsubscribe"})
    assert response.status_code == 200 and "You are unsubscribed" in response.content.decode()
    assert not HubProfile.objects.get(user=reader).digest
    undone = client.post(url, {"action": "resubscribe"})
    assert "You will receive the weekly digest again" in undone.content.decode()
    assert HubProfile.objects.get(user=reader).digest


def test_a_forged_or_altered_token_unsubscribes_nobody(client):
    victim = opted_in()
    token = digest.unsubscribe_token(UserFactory())
    for bad in (token[:-2] + "xx", "not-a-token", f"{victim.pk}"):
        for response in (
            client.get(f"/hub/digest/unsubscribe/{bad}/"),
            client.post(f"/hub/digest/unsubscribe/{bad}/", {"action": "unsubscribe"}),
        ):
            assert response.status_code == 404 and "not valid" in response.content.decode()
    assert HubProfile.objects.get(user=victim).digest


def test_the_hub_page_offers_the_digest(client):
    user = UserFactory()
    client.force_login(user)
    assert "weekly digest" in client.get("/hub/me/").content.decode()
    client.post("/hub/me/", {"offers": "", "seeks": "", "digest": "on"})
    assert HubProfile.objects.get(user=user).digest

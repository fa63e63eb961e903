"""Matches, not only lists: counterparts for a post, a programme, a call and an organisation, with their reasons."""

import datetime

import pytest
from django.utils import timezone

from rendezvous.partnerships import services
from rendezvous.partnerships.services import matches
from tests.factories import AcademicOrganisationFactory as OrganisationFactory
from tests.factories.partnerships import ProgrammeFactory, participant, payload_call, representative_of

pytestmark = pytest.mark.django_db


def post(kind, title, text, topic, country="NG", author=None, **extra):
    return services.create_post(
        author or participant(),
        kind=kind,
        title=title,
        text=text,
        topic=topic,
        organisation_type="academia",
        country=country,
        **extra,
    )


def test_an_offer_answers_a_need_with_its_reasons():
    need = post("need", "Ground station wanted", "We need S-band passes for a lunar cubesat.", "ground_segment")
    offer = post("offer", "S-band ground station", "Two S-band passes a day.", "ground_segment", country="GH")
    same_kind = post("need", "Another need", "We need S-band passes too.", "ground_segment")
    unrelated = post("offer", "Training", "Courses in data analysis.", "education", country="FR")
    found = matches.matches_for_post(need)
    posts = [m.obj for m in found if m.kind == "post"]
    assert posts == [offer]
    assert same_kind not in posts and unrelated not in posts
    reasons = found[0].reasons
    assert "form of cooperation: Ground segment" in reasons
    assert "shared words: band, ground, passes" in reasons
    assert "same region: Africa" in reasons and "an offer for a need" in reasons


def test_a_programme_and_a_call_show_posts_about_their_destination_and_forms():
    call = payload_call()
    programme = call.programme  # moon, open to payloads
    moon = post("need", "Partners for a dust sensor", "Lunar dust sensor seeks a ride.", "moon")
    about_call = post("offer", "Retroreflector", "Laser ranging arrays.", "joint_research", call=call)
    mars = post("offer", "Mars rover wheels", "Wheels.", "mars")
    for_programme = {m.obj: m.reasons for m in matches.matches_for_programme(programme)}
    assert moon in for_programme and mars not in for_programme
    assert "shared destination: Moon" in for_programme[moon]
    for_call = {m.obj: m.reasons for m in matches.matches_for_call(call)}
    assert "the post is about this call" in for_call[about_call]
    assert mars not in for_call


def test_withdrawn_and_expired_posts_are_never_matched():
    call = payload_call()
    author = participant()
    gone = post("need", "Dust sensor", "A sensor.", "moon", author=author)
    services.withdraw_post(gone, author)
    assert matches.matches_for_call(call) == []
    later = timezone.localdate() + datetime.timedelta(days=400)
    post("need", "Dust sensor again", "A sensor.", "moon")
    assert matches.matches_for_call(call, today=later) == []


def test_an_organisation_sees_the_open_calls_it_may_apply_to():
    lab = OrganisationFactory(name="Lagos Space Lab", country="NG")
    open_call = payload_call(title="Open to all")
    open_call.stages.filter(kind="letter_of_interest").update(deadline=timezone.now() + datetime.timedelta(days=9))
    closed = payload_call(title="Closed")  # deadline in 2023
    elsewhere = payload_call(title="Chinese organisations only", eligible_countries=["CN"])
    elsewhere.stages.filter(kind="letter_of_interest").update(deadline=timezone.now() + datetime.timedelta(days=9))
    post("offer", "Dust", "Dust sensor.", "moon", author=representative_of(lab), organisation_name=lab.name)
    found = matches.calls_for_organisation(lab)
    assert [m.obj for m in found] == [open_call]
    assert "shared destination: Moon" in found[0].reasons and "open to every type" in found[0].reasons
    assert closed not in [m.obj for m in found]


def test_pages_show_matches_with_reasons(client):
    call = payload_call()
    need = post("need", "Partners for a dust sensor", "Lunar dust sensor seeks a ride.", "moon")
    offer = post("offer", "Ride for small payloads", "A ride for a small dust sensor.", "moon")
    page = client.get(need.get_absolute_url()).content.decode()
    assert "Counterparts on the hub" in page and offer.title in page and "Why:" in page
    assert "Possible partners on the board" in client.get(call.get_absolute_url()).content.decode()
    programme = ProgrammeFactory(name="Lonely Programme", destination="mars", cooperation_forms=[])
    assert "Offers and needs that fit" not in client.get(programme.get_absolute_url()).content.decode()

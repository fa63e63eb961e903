"""The hub's demo data: the report's programmes, the Chang'e-6 results and the Chang'e-7 call as announced."""

from decimal import Decimal

import pytest

from rendezvous.demo.loader import load_demo
from rendezvous.partnerships import services
from rendezvous.partnerships.models import Application, Call, Programme, Result

pytestmark = pytest.mark.django_db


def counts():
    return [model.objects.count() for model in (Programme, Call, Result, Application)]


def test_demo_carries_the_report_and_loads_twice_without_change():
    load_demo()
    before = counts()
    load_demo()
    assert counts() == before
    assert Programme.objects.count() == 13
    ilrs = Programme.objects.get(slug="ilrs")
    assert {c.session.slug for c in ilrs.contributions.select_related("session")} == {
        "session-1a",
        "special-event-lunar-deep-space",
        "session-4",
    }
    change6 = Call.objects.get(slug="change-6-international-payloads")
    assert change6.results_published
    assert [(r.title, r.partner) for r in change6.results.all()] == [
        ("CubeSat", "Pakistan"),
        ("Payload", "France"),
        ("Payload", "ESA/Sweden"),
        ("Payload", "Italy"),
    ]
    change7 = Call.objects.get(slug="change-7-payloads")
    assert {b.platform: b.mass_kg for b in change7.budgets.all()} == {"Lander": Decimal(10), "Orbiter": Decimal(15)}
    stage = change7.stages.get(kind="letter_of_interest")
    assert services.local_deadline(change7, stage) == "1 February 2023 at 23:59 (Asia/Shanghai)"
    assert all(a.title.startswith("Example: ") and a.is_example for a in change7.applications.all())
    proposal = services.propose(change7)
    assert proposal.total_score == Decimal("28.5")  # 8.0 + 7.0 on the lander, 7.5 + 6.0 on the orbiter
    assert proposal.leftover == {("Lander", "mass_kg"): 0, ("Orbiter", "mass_kg"): Decimal("0.5")}
    assert all(left >= 0 for left in proposal.leftover.values())


def test_demo_connects_stakeholders_and_announces_calls_in_the_programme(client):
    from rendezvous.demo.partnerships import DEMO_CNSA_REPRESENTATIVE, DEMO_REPRESENTATIVE
    from rendezvous.partnerships.models import BoardPost, Follow
    from rendezvous.programme.models import Contribution

    edition = load_demo()
    questions = Call.objects.get(slug="deep-space-scientific-questions")
    assert questions.kind == "scientific_questions" and not questions.budgets.exists()
    assert questions.organisation.acronym == "CNSA"
    follow = Follow.objects.get(user__email=DEMO_REPRESENTATIVE, call__slug="change-7-payloads")
    assert follow.consent
    posts = BoardPost.objects.all()
    assert posts.count() == 3 and all(p.title.startswith("Example: ") and p.is_example for p in posts)

    special = set(
        Contribution.objects.filter(session__slug="special-event-lunar-deep-space").values_list("pk", flat=True)
    )
    announced = services.announcements_by_contribution(edition)
    assert set(announced) <= special
    slugs = sorted(call.slug for calls in announced.values() for call in calls)
    assert slugs == ["change-6-international-payloads", "change-7-payloads", "deep-space-scientific-questions"]

    page = client.get("/hub/calls/change-6-international-payloads/").content.decode()
    assert "Results announced at" in page and "Results of the Chang\u2019e-6" in page

    from rendezvous.core.models import User

    client.force_login(User.objects.get(email=DEMO_CNSA_REPRESENTATIVE))
    listing = client.get("/hub/programmes/change-7/followers/").context["listing"]
    assert [f.card.organisation for f in listing.consenting] == [str(follow.user.hub_memberships.get().organisation)]

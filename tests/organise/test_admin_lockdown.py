"""The Django admin is for platform staff: an organiser of one edition reaches nothing of another edition there, and
nothing the organiser pages replace (staff, registration policy, registrations, invitations, people, organisations)."""

import pytest
from django.contrib import admin
from django.urls import NoReverseMatch, reverse

from rendezvous.core.models import Person
from rendezvous.events.models import EditionStaff
from rendezvous.registration.models import RegistrationPolicy, RegistrationRule
from tests.factories import (
    ContributionSpeakerFactory,
    EditionFactory,
    RegistrationFactory,
    RoomFactory,
    SessionChairFactory,
    make_organiser,
    make_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition_a():
    edition = EditionFactory(title="Edition A only")
    room = RoomFactory(venue__edition=edition, name="Room of A")
    speaker = ContributionSpeakerFactory(contribution__session__edition=edition, contribution__session__room=room)
    SessionChairFactory(session=speaker.contribution.session)
    policy = RegistrationPolicy.objects.create(edition=edition)
    RegistrationRule.objects.create(policy=policy, countries=["AT"])
    RegistrationFactory(edition=edition)
    make_organiser(edition, "a@example.org")
    return edition


def _objects_of(edition, model):
    """Rows of `model` that belong to edition A (followed through the usual relations)."""
    for path in ("edition", "venue__edition", "session__edition", "contribution__session__edition", "policy__edition"):
        try:
            return list(model._default_manager.filter(**{path: edition})[:3])
        except Exception:  # noqa: BLE001 - the model has no such relation; try the next path
            continue
    if model is type(edition):
        return [edition]
    return list(model._default_manager.all()[:3])


def test_every_admin_url_refuses_an_organiser_of_another_edition(client, edition_a):
    client.force_login(make_organiser(EditionFactory(title="Edition B"), "b@example.org"))
    opened = []
    for model in admin.site._registry:
        info = (model._meta.app_label, model._meta.model_name)
        changelist = client.get(reverse("admin:{}_{}_changelist".format(*info)))
        if changelist.status_code == 200:
            body = changelist.content.decode()
            assert "Edition A only" not in body and "Room of A" not in body, info
            opened.append(info)
        else:
            assert changelist.status_code in (302, 403), info
        for obj in _objects_of(edition_a, model):
            for view in ("change", "delete", "history"):
                try:
                    url = reverse("admin:{}_{}_{}".format(*info, view), args=[obj.pk])
                except NoReverseMatch:
                    continue
                response = client.get(url)
                assert response.status_code in (302, 403, 404), (info, view, response.status_code)
                assert client.post(url, {"post": "yes"}).status_code in (302, 403, 404), (info, view)
    # What the organiser pages replace, and the shared records, are the platform staff's only.
    replaced = {
        ("events", "editionstaff"),
        ("registration", "registrationpolicy"),
        ("registration", "registration"),
        ("registration", "invitation"),
        ("core", "person"),
        ("core", "organisation"),
        ("core", "user"),
        ("core", "outboxmessage"),
        ("core", "auditentry"),
    }
    assert not replaced & set(opened), replaced & set(opened)
    assert Person.objects.exists(), "the fixture has shared records to protect"


def test_check_in_staff_and_plain_users_get_no_admin(client, edition_a):
    desk = make_user("desk@example.org")  # as the staff page adds them: no organiser account
    EditionStaff.objects.create(edition=edition_a, user=desk, role="checkin")
    client.force_login(desk)
    assert client.get("/admin/").status_code in (302, 403)
    assert client.get("/admin/programme/session/").status_code in (302, 403)


def _one_object(model):
    return model._default_manager.order_by("pk").first()


@pytest.mark.parametrize("whose", ["another edition", "the same edition"])
def test_no_admin_url_opens_to_an_organiser(client, edition_a, whose):
    # Issue 11: organisers do not use the admin at all, not even for their own edition's rows. Every registered
    # model's changelist and add page, and the change page of one object each, refuses them.
    organiser = (
        make_organiser(EditionFactory(title="Edition B"), "b@example.org")
        if whose == "another edition"
        else make_organiser(edition_a, "second-a@example.org")
    )
    client.force_login(organiser)
    tried = 0
    assert client.get(reverse("admin:index")).status_code == 403
    for model in admin.site._registry:
        info = (model._meta.app_label, model._meta.model_name)
        urls = [reverse("admin:{}_{}_changelist".format(*info)), reverse("admin:{}_{}_add".format(*info))]
        obj = _one_object(model)
        if obj is not None:
            urls.append(reverse("admin:{}_{}_change".format(*info), args=[obj.pk]))
        for url in urls:
            response = client.get(url)
            refused = response.status_code == 403 or (
                response.status_code == 302 and response.url.startswith(reverse("admin:login"))
            )
            assert refused, (url, response.status_code)
            tried += 1
    assert tried > 2 * len(admin.site._registry), "every model's pages were tried"


def test_a_superuser_still_uses_the_admin(client, edition_a):
    client.force_login(make_user("platform@example.org", superuser=True))
    assert client.get(reverse("admin:index")).status_code == 200
    assert client.get(reverse("admin:events_edition_change", args=[edition_a.pk])).status_code == 200


def test_anonymous_visitors_are_sent_to_sign_in(client, edition_a):
    response = client.get(reverse("admin:events_edition_changelist"))
    assert response.status_code == 302 and response.url.startswith(reverse("admin:login"))

"""Edition organisers get no admin permission (the organiser backend is gone; the admin is for platform staff)."""

import pytest

from tests.factories import EditionFactory, SessionFactory, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_editions():
    mine, theirs = EditionFactory(), EditionFactory()
    SessionFactory(edition=mine, title="Session in my edition")
    SessionFactory(edition=theirs, title="Session in their edition")
    return mine, theirs


def test_organiser_edits_the_programme_in_the_editor_not_the_admin(client, two_editions):
    # Issue 11: organisers do not use the programme admin; the programme editor (tests/programme/test_editor.py)
    # replaces it, scoped to their own edition.
    mine, _theirs = two_editions
    client.force_login(make_user("organiser@example.org", staff=True, organiser_of=mine))
    response = client.get("/admin/programme/session/")
    assert response.status_code == 403
    assert b"Session in their edition" not in response.content
    # The registration policy has its organiser page now; the admin's is for platform staff only.
    assert client.get("/admin/registration/registrationpolicy/").status_code == 403


def test_organiser_cannot_manage_users_or_read_the_outbox(client, two_editions):
    mine, _theirs = two_editions
    client.force_login(make_user("organiser@example.org", staff=True, organiser_of=mine))
    assert client.get("/admin/core/user/").status_code == 403
    assert client.get("/admin/core/outboxmessage/").status_code == 403
    assert client.get("/admin/events/edition/add/").status_code == 403


def test_staff_without_an_organiser_role_gets_nothing(client, two_editions):
    client.force_login(make_user("staff@example.org", staff=True))
    assert client.get("/admin/programme/session/").status_code == 403
    assert b"Session in" not in client.get("/admin/").content

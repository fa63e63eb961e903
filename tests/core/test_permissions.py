"""The edition-page decorators: anonymous → sign in, unknown or hidden edition → 404, wrong role → 403."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.test import RequestFactory

from rendezvous.core.permissions import is_organiser
from rendezvous.events.models import EditionStaff, EditionStatus, StaffRole
from rendezvous.events.permissions import checkin_staff_page, edition_role_page, organiser_page
from tests.factories import EditionFactory, make_organiser, make_user

pytestmark = pytest.mark.django_db


@organiser_page
def organiser_view(request, edition, extra=None):
    return HttpResponse(f"{edition.slug}:{extra}")


@checkin_staff_page
def desk_view(request, edition):
    return HttpResponse(edition.slug)


@edition_role_page(is_organiser, "Organisers only.", sign_in_anonymous=False)
def secretariat_view(request, edition):
    return HttpResponse(edition.slug)


def get(user, path="/organise/?tab=2"):
    request = RequestFactory().get(path)
    request.user = user
    return request


def test_organiser_gets_the_page_with_the_edition_and_the_other_arguments():
    edition = EditionFactory()
    response = organiser_view(get(make_organiser(edition)), slug=edition.slug, extra="x")
    assert response.content.decode() == f"{edition.slug}:x"


def test_anonymous_visitor_goes_to_sign_in_and_comes_back():
    edition = EditionFactory()
    response = organiser_view(get(AnonymousUser()), slug=edition.slug)
    assert response.status_code == 302
    assert "next=/organise/%3Ftab%3D2" in response["Location"]


def test_anonymous_visitor_of_an_unknown_edition_still_goes_to_sign_in_first():
    assert organiser_view(get(AnonymousUser()), slug="no-such-edition").status_code == 302


def test_unknown_edition_and_a_draft_for_a_non_organiser_are_not_found():
    draft = EditionFactory(status=EditionStatus.DRAFT)
    with pytest.raises(Http404):
        organiser_view(get(make_user()), slug="no-such-edition")
    with pytest.raises(Http404):
        organiser_view(get(make_user()), slug=draft.slug)
    assert organiser_view(get(make_organiser(draft)), slug=draft.slug).status_code == 200


def test_signed_in_people_without_the_role_are_refused():
    edition, other = EditionFactory(), EditionFactory()
    refused = [
        make_user(),
        make_user(staff=True),  # admin access alone is not the role
        make_user(organiser_of=edition),  # the role without admin access is not enough either
        make_organiser(other),
    ]
    for user in refused:
        with pytest.raises(PermissionDenied):
            organiser_view(get(user), slug=edition.slug)
    assert organiser_view(get(make_user(superuser=True)), slug=edition.slug).status_code == 200


def test_checkin_desk_admits_checkin_staff_and_organisers_only():
    edition = EditionFactory()
    volunteer = make_user()
    EditionStaff.objects.create(edition=edition, user=volunteer, role=StaffRole.CHECKIN)
    assert desk_view(get(volunteer), slug=edition.slug).status_code == 200
    assert desk_view(get(make_organiser(edition)), slug=edition.slug).status_code == 200
    with pytest.raises(PermissionDenied):
        desk_view(get(make_user()), slug=edition.slug)
    with pytest.raises(PermissionDenied):
        organiser_view(get(volunteer), slug=edition.slug)


def test_a_page_may_refuse_anonymous_visitors_instead_of_sending_them_to_sign_in():
    edition = EditionFactory()
    with pytest.raises(PermissionDenied, match="Organisers only."):
        secretariat_view(get(AnonymousUser()), slug=edition.slug)
    assert secretariat_view(get(make_organiser(edition)), slug=edition.slug).status_code == 200


@pytest.mark.parametrize(
    ("path", "english"),
    [
        ("organise/webhooks/", "Only the edition's organisers may do this."),
        ("check-in/", "Only the edition's check-in staff and organisers may check people in."),
    ],
)
def test_a_refusal_is_given_in_the_readers_language(client, settings, path, english):
    from django.utils import translation

    edition = EditionFactory()
    client.force_login(make_user("outsider@example.org"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    with translation.override("fr"):
        french = translation.gettext(english)

    response = client.get(f"/events/{edition.slug}/{path}")

    assert response.status_code == 403
    assert french != english and french in response.content.decode()

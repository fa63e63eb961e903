"""Personal API tokens (issue 18): made by command and on the account page, scoped to editions and to read or write,
expiring and revocable, never more than their owner may do; and the write endpoints' Idempotency-Key and If-Match."""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.utils import timezone

from rendezvous.api import tokens
from rendezvous.api.models import ApiToken
from rendezvous.programme.models import Contribution, Session
from rendezvous.registration.models import Invitation, InvitationState, Registration, Status
from tests.factories import PublicEditionFactory, PublicSessionFactory, make_organiser, make_user, policy_for
from tests.factories.registration import register

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition():
    edition = PublicEditionFactory(slug="haikou-tokens")
    policy_for(edition, moderated=True)
    return edition


@pytest.fixture
def organiser(edition):
    return make_organiser(edition, "organiser@example.org")


def bearer(token):
    return {"Authorization": f"Bearer {token}"}


def call(client, method, url, token=None, body=None, **headers):
    if token:
        headers.update(bearer(token))
    data = json.dumps(body) if body is not None else None
    return getattr(client, method)(url, data=data, content_type="application/json", headers=headers)


def new_token(user, scope="write", **options):
    return tokens.create_token(user, name="test", scope=scope, **options)[1]


NEW_SESSION = {
    "kind": "panel",
    "title": "Emerging space nations",
    "slug": "emerging",
    "start": "2022-11-22T14:00:00+08:00",
    "end": "2022-11-22T15:30:00+08:00",
}


# --- The token itself -------------------------------------------------------------------------------------------------


def test_the_command_prints_a_token_once_and_stores_only_its_hash(client, edition, organiser):
    out = io.StringIO()
    call_command(
        "api_token",
        "create",
        "--user",
        organiser.email,
        "--edition",
        edition.slug,
        "--scope",
        "read",
        "--expires",
        "30",
        stdout=out,
    )
    token = out.getvalue().strip()

    stored = ApiToken.objects.get(user=organiser)
    assert token.startswith("rdv_") and len(token) > 40
    assert stored.token_hash == tokens.hash_token(token) and token not in stored.token_hash
    assert token.startswith(stored.prefix) and stored.scope == "read"
    assert list(stored.editions.all()) == [edition]
    assert datetime.timedelta(days=29) < stored.expires_at - timezone.now() <= datetime.timedelta(days=30)
    assert stored.last_used_at is None

    response = client.get(f"/api/editions/{edition.slug}/registrations", headers=bearer(token))
    assert response.status_code == 200
    stored.refresh_from_db()
    assert stored.last_used_at is not None


def test_the_command_refuses_an_unknown_edition_or_person(organiser):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="No edition"):
        call_command("api_token", "create", "--user", organiser.email, "--edition", "nowhere", "--scope", "read")
    with pytest.raises(CommandError, match="No account"):
        call_command("api_token", "create", "--user", "nobody@example.org", "--scope", "read")


def test_a_read_token_cannot_write(client, edition, organiser):
    token = new_token(organiser, scope="read")
    applicant = register(edition, "amina@example.org", status="pending")

    assert call(client, "get", f"/api/editions/{edition.slug}/registrations", token).status_code == 200
    refused = call(client, "post", f"/api/editions/{edition.slug}/registrations/{applicant.pk}/approve", token, {})
    assert refused.status_code == 403 and "only read" in refused.json()["detail"]
    assert call(client, "post", f"/api/editions/{edition.slug}/sessions", token, NEW_SESSION).status_code == 403
    assert Registration.objects.get(pk=applicant.pk).status == Status.PENDING
    assert not Session.objects.filter(edition=edition).exists()


def test_an_edition_scoped_token_cannot_see_another_edition(client, edition, organiser):
    other = PublicEditionFactory(slug="amman-tokens")
    make_organiser(other, organiser.email) if False else other.staff.create(user=organiser, role="organiser")
    token = new_token(organiser, editions=[edition])

    assert call(client, "get", f"/api/editions/{edition.slug}/registrations", token).status_code == 200
    assert call(client, "get", f"/api/editions/{other.slug}/registrations", token).status_code == 404
    assert call(client, "get", f"/api/editions/{other.slug}", token).status_code == 404
    assert call(client, "post", f"/api/editions/{other.slug}/sessions", token, NEW_SESSION).status_code == 404
    # Without the limit the same person reaches both.
    assert call(client, "get", f"/api/editions/{other.slug}/registrations", new_token(organiser)).status_code == 200


def test_expired_revoked_and_unknown_tokens_are_refused(client, edition, organiser):
    url = f"/api/editions/{edition.slug}/registrations"
    expired = new_token(organiser, expires_in_days=1)
    ApiToken.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    revoked_token = new_token(organiser)
    tokens.revoke_token(ApiToken.objects.get(token_hash=tokens.hash_token(revoked_token)), actor=organiser)

    for token in (expired, revoked_token, "rdv_not-a-token", "something"):
        response = call(client, "get", url, token)
        assert response.status_code == 401, token
        assert response["WWW-Authenticate"].startswith("Bearer")
    # On a public endpoint a bad token is refused too, rather than silently read as anonymous.
    assert call(client, "get", f"/api/editions/{edition.slug}", "rdv_not-a-token").status_code == 401


def test_a_token_never_grants_more_than_its_owner_may_do(client, edition):
    participant = make_user("participant@example.org")
    token = new_token(participant)
    applicant = register(edition, "amina@example.org", status="pending")

    assert call(client, "get", f"/api/editions/{edition.slug}/registrations", token).status_code == 403
    response = call(client, "post", f"/api/editions/{edition.slug}/registrations/{applicant.pk}/approve", token, {})
    assert response.status_code == 403
    assert call(client, "post", f"/api/editions/{edition.slug}/sessions", token, NEW_SESSION).status_code == 403
    # A deactivated organiser's tokens stop working with the account.
    organiser = make_organiser(edition)
    organiser_token = new_token(organiser)
    organiser.is_active = False
    organiser.save()
    assert call(client, "get", f"/api/editions/{edition.slug}/registrations", organiser_token).status_code == 401


def test_a_token_needs_no_csrf_token_but_the_session_still_does(edition, organiser):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    applicant = register(edition, "amina@example.org", status="pending")
    url = f"/api/editions/{edition.slug}/registrations/{applicant.pk}/approve"
    strict.force_login(organiser)
    assert call(strict, "post", url, None, {}).status_code == 403  # the session without its CSRF token
    strict.logout()
    assert call(strict, "post", url, new_token(organiser), {"reason": "Welcome"}).status_code == 200


def test_the_account_page_makes_lists_and_revokes_tokens(client, edition, organiser):
    client.force_login(organiser)
    page = client.get("/accounts/api-tokens/")
    assert page.status_code == 200

    made = client.post(
        "/accounts/api-tokens/",
        {"action": "create", "name": "Visa office", "scope": "read", "editions": [edition.pk], "expires": "90"},
    )
    assert made.status_code == 200
    stored = ApiToken.objects.get(user=organiser)
    html = made.content.decode()
    token = next(word for word in html.replace("<", " ").replace(">", " ").split() if word.startswith("rdv_"))
    assert tokens.hash_token(token) == stored.token_hash and stored.name == "Visa office"
    assert list(stored.editions.all()) == [edition]
    assert token not in client.get("/accounts/api-tokens/").content.decode()  # shown once

    client.post("/accounts/api-tokens/", {"action": "revoke", "token": stored.pk})
    stored.refresh_from_db()
    assert stored.revoked_at is not None

    # Someone else's token cannot be revoked from one's own page.
    other = make_user("other@example.org")
    other_token = ApiToken.objects.get(token_hash=tokens.hash_token(new_token(other)))
    client.post("/accounts/api-tokens/", {"action": "revoke", "token": other_token.pk})
    other_token.refresh_from_db()
    assert other_token.revoked_at is None


def test_the_account_page_needs_sign_in(client):
    response = client.get("/accounts/api-tokens/")
    assert response.status_code == 302


# --- Writing the programme --------------------------------------------------------------------------------------------


def test_create_update_and_delete_a_session_with_etag(client, edition, organiser):
    token = new_token(organiser)
    base = f"/api/editions/{edition.slug}/sessions"
    created = call(client, "post", base, token, NEW_SESSION)
    assert created.status_code == 201, created.content
    assert created.json()["title"] == "Emerging space nations" and created.json()["kind"] == "panel"

    read = call(client, "get", f"{base}/emerging", token)
    etag = read["ETag"]
    changed = call(client, "patch", f"{base}/emerging", token, {"title": "The next decade"}, **{"If-Match": etag})
    assert changed.status_code == 200 and changed.json()["title"] == "The next decade"
    assert changed["ETag"] != etag

    # A second editor still holding the old ETag is stopped, and the first change stays.
    stale = call(client, "patch", f"{base}/emerging", token, {"title": "Overwritten"}, **{"If-Match": etag})
    assert stale.status_code == 412 and "changed since" in stale.json()["detail"]
    assert Session.objects.get(edition=edition, slug="emerging").title == "The next decade"

    assert call(client, "delete", f"{base}/emerging", token, **{"If-Match": etag}).status_code == 412
    assert call(client, "delete", f"{base}/emerging", token, **{"If-Match": changed["ETag"]}).status_code == 204
    assert not Session.objects.filter(edition=edition, slug="emerging").exists()


def test_session_bodies_are_validated(client, edition, organiser):
    token = new_token(organiser)
    base = f"/api/editions/{edition.slug}/sessions"
    backwards = {**NEW_SESSION, "end": "2022-11-22T13:00:00+08:00"}
    response = call(client, "post", base, token, backwards)
    assert response.status_code == 422 and "end after it starts" in json.dumps(response.json())
    naive = {**NEW_SESSION, "start": "2022-11-22T14:00:00"}
    assert call(client, "post", base, token, naive).status_code == 422
    assert call(client, "post", base, token, {**NEW_SESSION, "room_id": 999999}).status_code == 422
    PublicSessionFactory(edition=edition, slug="emerging")
    duplicate = call(client, "post", base, token, NEW_SESSION)
    assert duplicate.status_code == 422
    assert Session.objects.filter(edition=edition).count() == 1


def test_a_bare_json_string_body_is_refused(client, edition, organiser):
    token = new_token(organiser)
    applicant = register(edition, "amina@example.org", status="pending")
    url = f"/api/editions/{edition.slug}/registrations/{applicant.pk}/reject"
    response = client.post(url, data='"spam"', content_type="application/json", headers=bearer(token))
    assert response.status_code == 422
    assert Registration.objects.get(pk=applicant.pk).status == Status.PENDING


def test_an_idempotency_key_makes_one_session_however_often_it_is_sent(client, edition, organiser):
    token = new_token(organiser)
    base = f"/api/editions/{edition.slug}/sessions"
    first = call(client, "post", base, token, NEW_SESSION, **{"Idempotency-Key": "k-1"})
    again = call(client, "post", base, token, NEW_SESSION, **{"Idempotency-Key": "k-1"})
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    assert Session.objects.filter(edition=edition).count() == 1
    # The same key for another body is a mistake, not a replay.
    other = call(client, "post", base, token, {**NEW_SESSION, "slug": "other"}, **{"Idempotency-Key": "k-1"})
    assert other.status_code == 409
    # Without a key a repeat is a new request (here refused: the slug is taken).
    assert call(client, "post", base, token, NEW_SESSION).status_code == 422


def test_contributions_are_written_with_etags(client, edition, organiser):
    token = new_token(organiser)
    session = PublicSessionFactory(edition=edition, slug="s1")
    created = call(
        client,
        "post",
        f"/api/editions/{edition.slug}/sessions/s1/contributions",
        token,
        {"title": "A rover", "kind": "keynote"},
    )
    assert created.status_code == 201
    url = f"/api/editions/{edition.slug}/contributions/{created.json()['uuid']}"
    etag = call(client, "get", url, token)["ETag"]
    assert call(client, "patch", url, token, {"delivery": "online_live"}, **{"If-Match": etag}).status_code == 200
    assert call(client, "patch", url, token, {"title": "Stale"}, **{"If-Match": etag}).status_code == 412
    assert Contribution.objects.get(session=session).delivery == "online_live"
    assert call(client, "delete", url, token).status_code == 204
    assert not Contribution.objects.filter(session=session).exists()


# --- Moderation, invitations, check-in --------------------------------------------------------------------------------


def test_waitlist_with_a_reason(client, edition, organiser):
    applicant = register(edition, "amina@example.org", status="pending")
    url = f"/api/editions/{edition.slug}/registrations/{applicant.pk}/waitlist"
    response = call(client, "post", url, new_token(organiser), {"reason": "Full for now"})
    assert response.status_code == 200 and response.json()["status"] == "waitlisted"


def test_invitations_are_made_once_per_key_and_revoked(client, edition, organiser, mailoutbox):
    token = new_token(organiser)
    url = f"/api/editions/{edition.slug}/invitations"
    body = {"email": "Wei.Li@Example.org", "role": "speaker"}
    first = call(client, "post", url, token, body, **{"Idempotency-Key": "invite-wei"})
    again = call(client, "post", url, token, body, **{"Idempotency-Key": "invite-wei"})
    assert first.status_code == again.status_code == 201 and first.json() == again.json()
    invitation = Invitation.objects.get(edition=edition)
    assert invitation.email == "wei.li@example.org" and invitation.role == "speaker"
    assert call(client, "post", url, token, {"email": "not an address"}).status_code == 422

    revoked = call(client, "post", f"{url}/{invitation.pk}/revoke", token)
    assert revoked.status_code == 200 and revoked.json()["state"] == "revoked"
    invitation.refresh_from_db()
    assert invitation.state == InvitationState.REVOKED


def test_check_in_over_the_api(client, edition, organiser):
    from rendezvous.participation.services import pass_for

    registration = register(edition, "amina@example.org", status="approved")
    code = pass_for(registration).badge_code
    url = f"/api/editions/{edition.slug}/check-ins"
    token = new_token(organiser)
    day = edition.start_date.isoformat()
    done = call(client, "post", url, token, {"code": code, "day": day})
    assert done.status_code == 201 and done.json()["registration_id"] == registration.pk
    twice = call(client, "post", url, token, {"code": code, "day": day})
    assert twice.status_code == 409
    assert call(client, "post", url, token, {"code": "NOPE-NOPE", "day": day}).status_code == 409
    assert call(client, "post", url, new_token(make_user()), {"code": code, "day": day}).status_code == 403


def test_a_huge_page_is_refused_rather_than_overflowing_the_database(client, edition, organiser):
    token = new_token(organiser, scope="read")
    url = f"/api/editions/{edition.slug}/registrations?page=999999999999&page_size=4379049003"
    assert call(client, "get", url, token).status_code == 422
    assert (
        call(client, "get", f"/api/editions/{edition.slug}/registrations?page=2&page_size=200", token).status_code
        == 200
    )

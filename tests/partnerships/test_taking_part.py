"""Taking part is self-service: a call's page says who may apply and how to each reader; a signed-in person asks to
represent an organisation (existing or new); its representatives, or platform staff for a new one, approve or decline
with a reason; both sides get e-mail; once approved the person applies."""

import datetime

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils import timezone, translation

from rendezvous.core.models import AuditEntry, Organisation, OrganisationType, OutboxMessage
from rendezvous.partnerships import permissions, services
from rendezvous.partnerships.models import OrganisationMember, RepresentationRequest, RepresentationStatus
from rendezvous.partnerships.services import HubError
from tests.factories import AcademicOrganisationFactory as OrganisationFactory
from tests.factories import HubUserFactory as UserFactory
from tests.factories import make_user
from tests.factories.partnerships import payload_call, representative_of

pytestmark = pytest.mark.django_db


def open_call(**kwargs):
    call = payload_call(**kwargs)
    call.stages.filter(kind="letter_of_interest").update(deadline=timezone.now() + datetime.timedelta(days=10))
    return call


def reader_box(client, call) -> str:
    page = client.get(call.get_absolute_url()).content.decode()
    start = page.index('class="card hub-taking-part"')
    return page[start : page.index("</section>", start)]


# --- what the call page says to each reader ---


def test_a_visitor_is_told_who_may_apply_and_to_sign_in(client):
    call = open_call(eligible_organisation_types=["academia", "space_agency"], eligible_countries=["IT", "NG"])
    box = reader_box(client, call)
    assert 'data-reader="anonymous"' in box
    assert "Organisations of these types: Academia and research, Space agency; based in: Italy, Nigeria." in box
    assert "Sign in (or create an account)" in box and "ask to represent your organisation" in box
    assert "Sign in to apply" in box


def test_who_may_apply_is_enumerated_in_the_readers_language(client):
    call = open_call(eligible_organisation_types=["academia", "space_agency"], eligible_countries=["IT", "NG"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    box = reader_box(client, call)
    with translation.override("zh-hans"):
        types = [str(OrganisationType(code).label) for code in ("academia", "space_agency")]
    # The enumeration comma between items, not English ", ".
    assert "、".join(types) in box and ", ".join(types) not in box


def test_a_person_without_an_organisation_is_sent_to_represent_one(client):
    call = open_call()
    user = UserFactory()
    client.force_login(user)
    box = reader_box(client, call)
    assert 'data-reader="no_organisation"' in box
    assert "You do not represent an organisation on the hub yet." in box
    assert "/hub/represent/" in box and "/apply/" not in box
    services.request_representation(user, organisation=OrganisationFactory(name="Lagos Space Lab"))
    assert "Your request to represent Lagos Space Lab is waiting for a decision" in reader_box(client, call)


def test_a_representative_of_an_ineligible_organisation_is_told_why(client):
    call = open_call(eligible_countries=["CN"])
    client.force_login(representative_of(OrganisationFactory(acronym="ASI", country="IT")))
    box = reader_box(client, call)
    assert 'data-reader="ineligible"' in box
    assert "ASI: This call is not open to organisations based in your country." in box
    assert "/apply/" not in box


def test_an_eligible_representative_is_offered_to_apply(client):
    call = open_call()
    client.force_login(representative_of(OrganisationFactory(acronym="INFN")))
    box = reader_box(client, call)
    assert 'data-reader="eligible"' in box
    assert "You can apply on behalf of INFN." in box
    assert f"/hub/calls/{call.slug}/apply/" in box


def test_after_the_deadline_an_eligible_representative_is_told_no_application_is_taken(client):
    call = payload_call()  # letters of interest closed on 1 February 2023
    client.force_login(representative_of(OrganisationFactory(acronym="INFN")))
    box = reader_box(client, call)
    assert "You represent INFN, which may apply, but the call takes no application now." in box
    assert "/apply/" not in box


def test_the_apply_address_explains_the_refusal(client):
    call = open_call()
    client.force_login(UserFactory())
    response = client.get(f"/hub/calls/{call.slug}/apply/")
    assert response.status_code == 403
    assert "Ask to represent your organisation" in response.content.decode()


# --- asking, deciding, e-mail ---


def test_representatives_approve_a_request_and_both_sides_are_told():
    infn = OrganisationFactory(name="Istituto Nazionale di Fisica Nucleare", acronym="INFN")
    existing = representative_of(infn)
    person = UserFactory(email="newcomer@example.org")
    request = services.request_representation(person, organisation=infn, message="I lead the laser ranging group.")
    assert request.status == RepresentationStatus.PENDING
    asked = OutboxMessage.objects.get(kind="hub_representation_requested")
    assert asked.to == existing.email and "newcomer@example.org" in asked.body
    assert "I lead the laser ranging group." in asked.body
    assert OutboxMessage.objects.get(kind="hub_representation_received").to == "newcomer@example.org"
    assert not permissions.can_apply(person, payload_call())

    services.decide_representation(request, existing, approve=True)
    request.refresh_from_db()
    assert request.status == RepresentationStatus.APPROVED and request.decided_by == existing
    assert permissions.is_representative(person, infn)
    decided = OutboxMessage.objects.get(kind="hub_representation_decided")
    assert decided.to == "newcomer@example.org" and "approved" in decided.body
    assert AuditEntry.objects.filter(action="hub.representation_approved").exists()


def test_declining_needs_a_reason_which_the_person_receives():
    organisation = OrganisationFactory(acronym="NASRDA")
    existing = representative_of(organisation)
    person = UserFactory()
    request = services.request_representation(person, organisation=organisation)
    with pytest.raises(HubError, match="Say why you decline"):
        services.decide_representation(request, existing, approve=False, reason="  ")
    services.decide_representation(request, existing, approve=False, reason="We do not know you; ask your director.")
    assert not permissions.is_representative(person, organisation)
    mail = OutboxMessage.objects.get(kind="hub_representation_decided")
    assert "declined" in mail.subject and "We do not know you; ask your director." in mail.body
    with pytest.raises(HubError, match="already decided"):
        services.decide_representation(request, existing, approve=True)


def test_a_new_organisation_is_decided_by_platform_staff_and_created_on_approval():
    staff = make_user("staff@example.org", staff=True)
    person = UserFactory()
    request = services.request_representation(
        person, name="Lagos Space Lab", acronym="LSL", organisation_type="academia", country="NG"
    )
    assert OutboxMessage.objects.get(kind="hub_representation_requested").to == "staff@example.org"
    assert not Organisation.objects.filter(name="Lagos Space Lab").exists()
    someone_else = representative_of(OrganisationFactory())
    with pytest.raises(PermissionDenied, match="platform's staff for a new organisation"):
        services.decide_representation(request, someone_else, approve=True)
    services.decide_representation(request, staff, approve=True)
    lab = Organisation.objects.get(name="Lagos Space Lab")
    assert (lab.acronym, lab.type, str(lab.country)) == ("LSL", OrganisationType.ACADEMIA, "NG")
    assert OrganisationMember.objects.filter(user=person, organisation=lab).exists()


def test_another_organisations_representative_cannot_decide():
    infn = OrganisationFactory(acronym="INFN")
    representative_of(infn)
    request = services.request_representation(UserFactory(), organisation=infn)
    intruder = representative_of(OrganisationFactory(acronym="KARI"))
    with pytest.raises(PermissionDenied):
        services.decide_representation(request, intruder, approve=True)
    assert RepresentationRequest.objects.get().status == RepresentationStatus.PENDING


def test_an_unapproved_request_does_not_let_anyone_apply(client):
    call = open_call()
    organisation = OrganisationFactory()
    representative_of(organisation)
    person = UserFactory()
    services.request_representation(person, organisation=organisation)
    with pytest.raises(PermissionDenied):
        services.submit_application(call, organisation, person, title="Sneaky", summary="Not yet approved.")
    client.force_login(person)
    response = client.post(
        f"/hub/calls/{call.slug}/apply/", {"organisation": organisation.pk, "title": "Sneaky", "summary": "No."}
    )
    assert response.status_code == 403 and not call.applications.exists()


def test_bad_requests_are_refused_in_plain_words():
    organisation = OrganisationFactory(name="Lagos Space Lab")
    person = UserFactory()
    with pytest.raises(HubError, match="Give the organisation's name"):
        services.request_representation(person, name=" ", organisation_type="academia", country="NG")
    with pytest.raises(HubError, match="Choose the organisation's type"):
        services.request_representation(person, name="New Lab", organisation_type="pirates", country="NG")
    with pytest.raises(HubError, match="already knows Lagos Space Lab"):
        services.request_representation(person, name="lagos space lab", organisation_type="academia", country="NG")
    services.request_representation(person, organisation=organisation)
    with pytest.raises(HubError, match="already asked"):
        services.request_representation(person, organisation=organisation)
    with pytest.raises(PermissionDenied):
        services.request_representation(make_user(is_active=False), organisation=organisation)


# --- the pages ---


def test_the_pages_take_a_person_from_search_to_approval_and_application(client):
    call = open_call()
    lab = OrganisationFactory(name="Lagos Space Lab", acronym="LSL", country="NG")
    existing = representative_of(lab)
    person = UserFactory()
    assert client.get("/hub/represent/")["Location"].startswith("/accounts/sign-in/")
    client.force_login(person)
    page = client.get("/hub/represent/?q=lagos").content.decode()
    assert "Ask to represent LSL" in page
    response = client.post("/hub/represent/", {"organisation": lab.pk, "message": "Head of ground segment."})
    assert response.status_code == 302
    request = RepresentationRequest.objects.get(user=person)
    decide = f"/hub/represent/requests/{request.pk}/decide/"
    assert client.post(decide, {f"r{request.pk}-decision": "approve"}).status_code == 403  # not their own

    client.force_login(existing)
    page = client.get("/hub/represent/requests/").content.decode()
    assert "Head of ground segment." in page and person.email in page
    client.post(decide, {f"r{request.pk}-decision": "approve"})
    assert permissions.is_representative(person, lab)

    client.force_login(person)
    assert "You can apply on behalf of LSL." in reader_box(client, call)
    assert client.get(f"/hub/calls/{call.slug}/apply/").status_code == 200


def test_a_new_organisation_form_keeps_what_was_typed_on_an_error(client):
    OrganisationFactory(name="Lagos Space Lab")
    client.force_login(UserFactory())
    response = client.post(
        "/hub/represent/",
        {
            "action": "new",
            "name": "Lagos Space Lab",
            "acronym": "LSL2",
            "organisation_type": "academia",
            "country": "NG",
        },
    )
    page = response.content.decode()
    assert "The hub already knows Lagos Space Lab" in page and 'value="LSL2"' in page
    assert not RepresentationRequest.objects.exists()


def test_finding_an_organisation_ignores_case_accents_and_apostrophes():
    aeb = OrganisationFactory(name="Ag\u00eancia Espacial Brasileira", acronym="AEB")
    quote = OrganisationFactory(name="Institut d\u2019Astrophysique", acronym="IAP")
    assert services.find_organisations("agencia espacial") == [aeb]
    assert services.find_organisations("AEB") == [aeb]
    assert services.find_organisations("d'astrophysique") == [quote]
    assert services.find_organisations("   ") == []

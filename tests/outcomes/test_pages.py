import datetime

import pytest
from django.urls import reverse

from rendezvous.outcomes import services
from rendezvous.outcomes.models import Amendment, AmendmentStatus, OutcomeStatus
from tests.factories import UserFactory
from tests.factories.outcomes import OPERATIVE, draft_document, participant_of

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('x')</script>"


def url(name, edition, **kwargs):
    return reverse(f"outcomes:{name}", kwargs={"slug": edition.slug, **kwargs})


def test_urls_are_the_documented_ones(edition):
    assert url("document", edition) == f"/events/{edition.slug}/outcome/"
    assert url("docx", edition) == f"/events/{edition.slug}/outcome.docx"


def test_no_document_is_404(client, edition):
    assert client.get(url("document", edition)).status_code == 404


@pytest.mark.parametrize("who", ["anonymous", "stranger", "pending"])
def test_draft_is_hidden_from_all_but_participants_and_organisers(client, edition, document, who):
    if who == "stranger":
        client.force_login(UserFactory())
    elif who == "pending":
        client.force_login(participant_of(edition, status="pending"))
    response = client.get(url("document", edition))
    assert response.status_code == 200
    body = response.content.decode()
    assert "has not yet been adopted" in body
    assert "global partnerships will gain importance" not in body
    assert client.get(url("docx", edition)).status_code == 404
    assert client.get(url("history", edition)).status_code in (302, 403)


def test_participant_sees_the_draft_with_a_banner_and_amend_links(client, edition, document, participant):
    client.force_login(participant)
    body = client.get(url("document", edition)).content.decode()
    assert "Draft — not adopted." in body
    assert "<em>Emphasize</em> that global partnerships will gain importance;" in body
    paragraph = document.paragraphs.last()
    assert url("amend", edition, pk=paragraph.pk) in body
    assert client.get(url("history", edition)).status_code == 200


def test_participant_proposes_and_text_and_reason_are_escaped(client, edition, document, participant, organiser):
    client.force_login(participant)
    paragraph = document.paragraphs.last()
    response = client.post(
        url("amend", edition, pk=paragraph.pk),
        {"action": "replace", "proposed_text": f"Encourage {SCRIPT} work.", "reason": f"Because {SCRIPT}"},
    )
    assert response.status_code == 302
    amendment = Amendment.objects.get()
    assert amendment.proposed_text == f"Encourage {SCRIPT} work." and amendment.proposer == participant
    for viewer, page in ((participant, "document"), (organiser, "manage")):
        client.force_login(viewer)
        body = client.get(url(page, edition)).content.decode()
        assert SCRIPT not in body
        assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in body


def test_amendment_form_keeps_what_was_typed_when_the_reason_is_missing(client, edition, document, participant):
    client.force_login(participant)
    paragraph = document.paragraphs.last()
    response = client.post(
        url("amend", edition, pk=paragraph.pk), {"action": "replace", "proposed_text": "Kept text.", "reason": ""}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "This field is required." in body and "Kept text." in body
    assert not Amendment.objects.exists()


def test_amendment_refused_when_closed(client, edition, document, participant, organiser):
    services.close_for_amendments(document, actor=organiser)
    client.force_login(participant)
    paragraph = document.paragraphs.last()
    response = client.post(
        url("amend", edition, pk=paragraph.pk), {"action": "delete", "proposed_text": "", "reason": "Redundant"}
    )
    assert "not open for amendments" in response.content.decode()
    assert not Amendment.objects.exists()


def test_stranger_cannot_reach_the_amendment_form(client, edition, document):
    paragraph = document.paragraphs.last()
    assert client.get(url("amend", edition, pk=paragraph.pk)).status_code == 302  # to sign-in
    client.force_login(UserFactory())
    assert client.get(url("amend", edition, pk=paragraph.pk)).status_code == 403


@pytest.mark.parametrize("who", ["anonymous", "participant"])
def test_only_organisers_reach_the_secretariat_pages(client, edition, document, participant, who):
    amendment = services.propose_amendment(
        document.paragraphs.last(), actor=participant, action="delete", reason="Redundant"
    )
    if who == "participant":
        client.force_login(participant)
    paragraph = document.paragraphs.first()
    assert client.get(url("manage", edition)).status_code == 403
    assert (
        client.post(url("manage", edition), {"step": "adopt", "adopted_on": "2022-11-24", "confirm": "on"}).status_code
        == 403
    )
    assert client.post(url("decide", edition, pk=amendment.pk), {"decision": "accept"}).status_code == 403
    assert client.post(url("edit_paragraph", edition, pk=paragraph.pk), {"step": "delete"}).status_code == 403
    amendment.refresh_from_db()
    document.refresh_from_db()
    assert amendment.status == AmendmentStatus.PROPOSED and document.status == OutcomeStatus.OPEN
    assert document.paragraphs.count() == 4


def test_organiser_accepts_then_adopts_and_the_page_becomes_public(client, edition, document, participant, organiser):
    amendment = services.propose_amendment(
        document.paragraphs.last(), actor=participant, action="replace", proposed_text="Encourage more.", reason="R"
    )
    client.force_login(organiser)
    response = client.post(url("decide", edition, pk=amendment.pk), {"decision": "accept", "note": "Fine"})
    assert response.status_code == 302
    response = client.post(
        url("manage", edition), {"step": "adopt", "adopted_on": "2022-11-24", "confirm": "on"}, follow=True
    )
    assert "adopted on 24 November 2022" in response.content.decode()
    client.logout()
    body = client.get(url("document", edition)).content.decode()
    assert "<em>Encourage</em> more." in body and "adopted on 24 November 2022" in body and "Draft" not in body
    docx_response = client.get(url("docx", edition))
    assert docx_response.status_code == 200
    assert docx_response["Content-Disposition"] == f'attachment; filename="{edition.slug}-outcome.docx"'


def test_adopt_with_pending_amendments_shows_the_reason(client, edition, document, participant, organiser):
    services.propose_amendment(document.paragraphs.last(), actor=participant, action="delete", reason="R")
    client.force_login(organiser)
    response = client.post(
        url("manage", edition), {"step": "adopt", "adopted_on": "2022-11-24", "confirm": "on"}, follow=True
    )
    assert "Decide the 1 pending amendment(s) before adoption." in response.content.decode()
    document.refresh_from_db()
    assert document.status == OutcomeStatus.OPEN


def test_editing_an_adopted_document_through_the_pages_is_refused(client, edition, document, organiser):
    services.adopt(document, adopted_on=datetime.date(2022, 11, 24), actor=organiser)
    client.force_login(organiser)
    paragraph = document.paragraphs.last()
    response = client.post(url("edit_paragraph", edition, pk=paragraph.pk), {"kind": "operative", "text": "New."})
    assert "can no longer change" in response.content.decode()
    response = client.post(url("manage", edition), {"step": "add", "kind": "operative", "text": "New."}, follow=True)
    assert "can no longer change" in response.content.decode()
    assert document.paragraphs.last().text == OPERATIVE[1]


def test_organiser_drafts_from_scratch(client, edition, organiser):
    client.force_login(organiser)
    client.post(url("manage", edition), {"step": "create", "title": "Initiative", "subtitle": "Outcome"})
    client.post(url("manage", edition), {"step": "add", "kind": "operative", "text": "Agree;"})
    response = client.post(url("manage", edition), {"step": "open"}, follow=True)
    assert "open for amendments" in response.content.decode()
    document = edition.outcome_document
    assert document.status == OutcomeStatus.OPEN and document.current_version == 2


def test_history_shows_a_diff(client, edition, document, organiser):
    services.edit_paragraph(
        document.paragraphs.last(), text="Encourage more work to connect stakeholders.", actor=organiser
    )
    client.force_login(organiser)
    body = client.get(url("history", edition)).content.decode()
    assert "<del>further</del>" in body and "<ins>more</ins>" in body
    assert "OP 2 edited by the secretariat" in body


def test_public_page_query_count_does_not_grow_with_paragraphs(
    client, edition, organiser, django_assert_max_num_queries
):
    document = draft_document(edition, organiser, open_=False)
    services.adopt(document, adopted_on=datetime.date(2022, 11, 24), actor=organiser)
    with django_assert_max_num_queries(8):
        assert client.get(url("document", edition)).status_code == 200

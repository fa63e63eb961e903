import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.utils import translation

from rendezvous.core.models import AuditEntry
from rendezvous.outcomes import services
from rendezvous.outcomes.models import (
    Amendment,
    AmendmentStatus,
    DocumentVersion,
    OutcomeLocked,
    OutcomeStatus,
    Paragraph,
    ParagraphKind,
)
from rendezvous.outcomes.services import OutcomeError
from tests.factories import OutcomesEditionFactory as EditionFactory
from tests.factories import UserFactory
from tests.factories.outcomes import OPERATIVE, PREAMBULAR, draft_document, participant_of

pytestmark = pytest.mark.django_db

ADOPTION_DAY = datetime.date(2022, 11, 24)


def texts(document):
    return [p.text for p in document.paragraphs.all()]


# --- who may propose -------------------------------------------------------------------------------------------------


def test_anonymous_may_not_propose(edition):
    assert services.can_propose_amendment(AnonymousUser(), edition) is False


def test_signed_in_user_without_registration_may_not_propose(edition):
    assert services.can_propose_amendment(UserFactory(), edition) is False


def test_pending_registration_is_not_enough(edition):
    assert services.can_propose_amendment(participant_of(edition, status="pending"), edition) is False


def test_approved_participant_may_propose(edition, participant):
    assert services.can_propose_amendment(participant, edition) is True


def test_approval_for_another_edition_does_not_count(edition):
    other_participant = participant_of(EditionFactory())
    assert services.can_propose_amendment(other_participant, edition) is False


def test_organiser_may_propose(edition, organiser):
    assert services.can_propose_amendment(organiser, edition) is True


@pytest.mark.parametrize("who", ["anonymous", "stranger", "pending"])
def test_propose_refused_to_anyone_but_registered_participants(edition, document, who):
    actor = {
        "anonymous": AnonymousUser(),
        "stranger": UserFactory(),
        "pending": participant_of(edition, status="pending"),
    }[who]
    paragraph = document.paragraphs.last()
    with pytest.raises(PermissionDenied):
        services.propose_amendment(paragraph, actor=actor, action="replace", proposed_text="X.", reason="Because")
    assert not Amendment.objects.exists()


# --- drafting and numbering ------------------------------------------------------------------------------------------


def test_every_organiser_edit_creates_a_version(document, organiser):
    # create + 4 paragraphs = 5 versions; opening for amendments changes no text
    assert document.current_version == 5
    paragraph = document.paragraphs.last()
    services.edit_paragraph(paragraph, text="Encourage further work.", actor=organiser)
    document.refresh_from_db()
    assert document.current_version == 6
    version = DocumentVersion.objects.get(document=document, number=6)
    assert version.note == "OP 2 edited by the secretariat"
    assert version.snapshot["paragraphs"][-1]["text"] == "Encourage further work."


def test_operative_numbers_are_derived_from_order(document, organiser):
    labels = [(item.label, item.number) for item in services.numbered_paragraphs(document)]
    assert labels == [("PP 1", None), ("Chapeau", None), ("OP 1", 1), ("OP 2", 2)]
    services.delete_paragraph(document.paragraphs.get(text=OPERATIVE[0]), actor=organiser)
    assert [item.number for item in services.numbered_paragraphs(document)] == [None, None, 1]


def test_opening_phrase_in_un_style():
    assert services.split_opening("Noting with appreciation also the invitation,", "preambular") == (
        "Noting with appreciation also",
        " the invitation,",
    )
    assert services.split_opening("Are convinced that space helps;", "operative")[0] == "Are convinced"
    assert services.split_opening("Notebooks are useful;", "operative")[0] == "Notebooks"
    assert services.split_opening("The participants in the Workshop:", "chapeau")[0] == ""


def test_only_organisers_edit(document, participant):
    with pytest.raises(PermissionDenied):
        services.edit_paragraph(document.paragraphs.first(), text="Changed,", actor=participant)
    with pytest.raises(PermissionDenied):
        services.add_paragraph(document, kind="operative", text="More;", actor=participant)


def test_empty_paragraph_refused(document, organiser):
    with pytest.raises(OutcomeError, match="cannot be empty"):
        services.add_paragraph(document, kind="operative", text="   ", actor=organiser)


# --- transitions -----------------------------------------------------------------------------------------------------


def test_open_close_reopen(edition, organiser):
    document = draft_document(edition, organiser, open_=False)
    assert document.status == OutcomeStatus.DRAFT
    assert services.open_for_amendments(document, actor=organiser).status == OutcomeStatus.OPEN
    assert services.close_for_amendments(document, actor=organiser).status == OutcomeStatus.CLOSED
    with pytest.raises(OutcomeError, match="not possible now"):
        services.close_for_amendments(document, actor=organiser)
    assert services.open_for_amendments(document, actor=organiser).status == OutcomeStatus.OPEN


def test_empty_draft_cannot_be_opened(edition, organiser):
    document = services.create_document(edition, title="Initiative", actor=organiser)
    with pytest.raises(OutcomeError, match="at least one paragraph"):
        services.open_for_amendments(document, actor=organiser)


def test_amendments_only_while_open(edition, organiser, participant):
    document = draft_document(edition, organiser, open_=False)
    with pytest.raises(OutcomeError, match="not open for amendments"):
        services.propose_amendment(document.paragraphs.last(), actor=participant, action="delete", reason="Redundant")


# --- amendments ------------------------------------------------------------------------------------------------------


def propose(document, participant, action, text="", index=-1):
    paragraph = list(document.paragraphs.all())[index]
    return services.propose_amendment(
        paragraph, actor=participant, action=action, proposed_text=text, reason="Clearer wording"
    )


def test_accepting_a_replacement_changes_the_text_and_records_a_version(document, organiser, participant):
    amendment = propose(document, participant, "replace", "Encourage the third workshop.")
    assert amendment.paragraph_label == "OP 2"
    services.accept_amendment(amendment, actor=organiser, note="Agreed")
    amendment.refresh_from_db()
    document.refresh_from_db()
    assert amendment.status == AmendmentStatus.ACCEPTED
    assert amendment.decided_by == organiser and amendment.decided_at and amendment.decision_note == "Agreed"
    assert texts(document)[-1] == "Encourage the third workshop."
    assert document.versions.last().note == f"Amendment {amendment.pk} accepted (OP 2)"
    assert AuditEntry.objects.filter(action="outcome.amendment_accepted", object_id=str(amendment.pk)).exists()


def test_accepting_an_insertion_adds_a_paragraph_after(document, organiser, participant):
    amendment = propose(document, participant, "insert_after", "Welcome the information hub;", index=2)
    services.accept_amendment(amendment, actor=organiser)
    assert texts(document)[2:] == [OPERATIVE[0], "Welcome the information hub;", OPERATIVE[1]]
    inserted = document.paragraphs.get(text="Welcome the information hub;")
    assert inserted.kind == ParagraphKind.OPERATIVE


def test_insertion_after_the_chapeau_is_operative(document, organiser, participant):
    amendment = propose(document, participant, "insert_after", "Note the new actors;", index=1)
    services.accept_amendment(amendment, actor=organiser)
    assert [item.label for item in services.numbered_paragraphs(document)][1:3] == ["Chapeau", "OP 1"]


def test_accepting_a_deletion_removes_the_paragraph_and_keeps_the_record(document, organiser, participant):
    amendment = propose(document, participant, "delete", index=2)
    services.accept_amendment(amendment, actor=organiser)
    amendment.refresh_from_db()
    assert OPERATIVE[0] not in texts(document)
    assert amendment.paragraph is None and amendment.original_text == OPERATIVE[0]


def test_declining_keeps_the_text(document, organiser, participant):
    before = document.current_version
    amendment = propose(document, participant, "replace", "Something else.")
    services.decline_amendment(amendment, actor=organiser, note="Out of scope")
    document.refresh_from_db()
    amendment.refresh_from_db()
    assert amendment.status == AmendmentStatus.DECLINED and amendment.decision_note == "Out of scope"
    assert document.current_version == before and texts(document)[-1] == OPERATIVE[1]
    assert AuditEntry.objects.filter(action="outcome.amendment_declined").count() == 1


def test_an_amendment_is_decided_once(document, organiser, participant):
    amendment = propose(document, participant, "replace", "Something else.")
    services.decline_amendment(amendment, actor=organiser)
    with pytest.raises(OutcomeError, match="already been declined"):
        services.accept_amendment(amendment, actor=organiser)


def test_only_organisers_decide_amendments(document, participant):
    amendment = propose(document, participant, "replace", "Something else.")
    other = participant_of(document.edition)
    for actor in (participant, other, AnonymousUser()):
        with pytest.raises(PermissionDenied):
            services.accept_amendment(amendment, actor=actor)
        with pytest.raises(PermissionDenied):
            services.decline_amendment(amendment, actor=actor)
    amendment.refresh_from_db()
    assert amendment.status == AmendmentStatus.PROPOSED


def test_amendment_needs_text_and_reason(document, participant):
    paragraph = document.paragraphs.last()
    with pytest.raises(OutcomeError, match="proposed text cannot be empty"):
        services.propose_amendment(paragraph, actor=participant, action="replace", proposed_text="", reason="R")
    with pytest.raises(OutcomeError, match="reason cannot be empty"):
        services.propose_amendment(paragraph, actor=participant, action="replace", proposed_text="New.", reason=" ")


def test_an_empty_amendment_is_refused_in_the_proposers_language(document, participant):
    paragraph = document.paragraphs.last()
    with translation.override("fr"):
        with pytest.raises(OutcomeError, match="^Le texte proposé ne peut pas être vide[.]$"):
            services.propose_amendment(paragraph, actor=participant, action="replace", proposed_text="", reason="R")
        with pytest.raises(OutcomeError, match="^La raison ne peut pas être vide[.]$"):
            services.propose_amendment(paragraph, actor=participant, action="replace", proposed_text="N.", reason="")


# --- adoption and locking --------------------------------------------------------------------------------------------


def test_adoption_freezes_the_text_with_its_date(document, organiser):
    adopted = services.adopt(document, adopted_on=ADOPTION_DAY, actor=organiser)
    assert adopted.status == OutcomeStatus.ADOPTED
    assert adopted.adoption_line == "adopted on 24 November 2022"
    entry = AuditEntry.objects.get(action="outcome.adopted")
    assert entry.actor == organiser and entry.data["adopted_on"] == "2022-11-24"


def test_only_organisers_adopt(document, participant):
    with pytest.raises(PermissionDenied):
        services.adopt(document, adopted_on=ADOPTION_DAY, actor=participant)
    document.refresh_from_db()
    assert document.status == OutcomeStatus.OPEN


def test_pending_amendments_block_adoption(document, organiser, participant):
    propose(document, participant, "replace", "Something else.")
    with pytest.raises(OutcomeError, match="Decide the 1 pending amendment"):
        services.adopt(document, adopted_on=ADOPTION_DAY, actor=organiser)


@pytest.fixture
def adopted(document, organiser):
    return services.adopt(document, adopted_on=ADOPTION_DAY, actor=organiser)


def test_services_refuse_every_change_after_adoption(adopted, organiser, participant):
    paragraph = adopted.paragraphs.last()
    attempts = [
        lambda: services.edit_paragraph(paragraph, text="Changed.", actor=organiser),
        lambda: services.add_paragraph(adopted, kind="operative", text="More.", actor=organiser),
        lambda: services.delete_paragraph(paragraph, actor=organiser),
        lambda: services.update_heading(adopted, title="Other", subtitle="", actor=organiser),
        lambda: services.open_for_amendments(adopted, actor=organiser),
        lambda: services.adopt(adopted, adopted_on=ADOPTION_DAY, actor=organiser),
        lambda: services.propose_amendment(paragraph, actor=participant, action="delete", reason="Late"),
    ]
    for attempt in attempts:
        with pytest.raises(OutcomeLocked):
            attempt()
    assert texts(adopted)[-1] == OPERATIVE[1]


def test_deciding_after_adoption_is_refused(document, organiser, participant):
    amendment = propose(document, participant, "replace", "Something else.")
    services.decline_amendment(amendment, actor=organiser)
    services.adopt(document, adopted_on=ADOPTION_DAY, actor=organiser)
    with pytest.raises(OutcomeLocked):
        services.accept_amendment(amendment, actor=organiser)


def test_models_refuse_changes_after_adoption_too(adopted, participant):
    """Defence in depth: code that bypasses the services (admin, shell) still cannot change the text."""
    paragraph = adopted.paragraphs.last()
    paragraph.text = "Tampered."
    with pytest.raises(OutcomeLocked):
        paragraph.save()
    with pytest.raises(OutcomeLocked):
        paragraph.delete()
    with pytest.raises(OutcomeLocked):
        Paragraph.objects.create(document=adopted, kind="operative", order=99, text="Added.")
    adopted.title = "Tampered"
    with pytest.raises(OutcomeLocked):
        adopted.save()
    with pytest.raises(OutcomeLocked):
        adopted.delete()
    with pytest.raises(OutcomeLocked):
        Amendment.objects.create(
            document=adopted, paragraph=paragraph, proposer=participant, action="delete", reason="Late"
        )
    with pytest.raises(OutcomeLocked):
        DocumentVersion.objects.create(document=adopted, number=99, snapshot={})
    adopted.refresh_from_db()
    assert adopted.title == "Hainan Initiative"
    assert Paragraph.objects.get(pk=paragraph.pk).text == OPERATIVE[1]


def test_adopted_outcome_lookup(edition, document, organiser):
    assert services.adopted_outcome(edition) is None
    services.adopt(document, adopted_on=ADOPTION_DAY, actor=organiser)
    assert services.adopted_outcome(edition).pk == document.pk


# --- diffs -----------------------------------------------------------------------------------------------------------


def test_diff_marks_word_changes_inserted_and_deleted_paragraphs(document, organiser, participant):
    first = document.versions.last()
    services.accept_amendment(
        propose(document, participant, "replace", "Encourage more work to connect stakeholders."), actor=organiser
    )
    services.accept_amendment(
        propose(document, participant, "insert_after", "Welcome youth;", index=2), actor=organiser
    )
    services.accept_amendment(propose(document, participant, "delete", index=0), actor=organiser)
    last = document.versions.last()
    rows = services.diff_versions(first, last)
    changed = {row.label: (row.change, str(row.html)) for row in rows if row.change != "equal"}
    assert changed["PP 1"] == ("deleted", f"<del>{PREAMBULAR}</del>")
    assert changed["OP 2"] == ("inserted", "<ins>Welcome youth;</ins>")
    change, html = changed["OP 2 → OP 3"]
    assert change == "changed"
    assert "<del>further</del><ins>more</ins>" in html.replace(" ", "")
    assert "<del>work</del>" not in html


def test_diff_escapes_text(document, organiser, participant):
    first = document.versions.last()
    amendment = propose(document, participant, "replace", "Encourage <script>alert(1)</script> & more.")
    services.accept_amendment(amendment, actor=organiser)
    rows = services.diff_versions(first, document.versions.last())
    html = "".join(str(row.html) for row in rows)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "&amp;" in html
    preview = str(services.amendment_preview(amendment))
    assert "<script>" not in preview


def test_diff_of_identical_versions_has_no_changes(document):
    version = document.versions.last()
    assert all(row.change == "equal" for row in services.diff_versions(version, version))

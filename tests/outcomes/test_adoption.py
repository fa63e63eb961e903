"""Adoption asks for confirmation and a date within the edition; the date can be corrected later, the text cannot;
proposers hear the decision on their amendment."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from rendezvous.core.models import OutboxMessage
from rendezvous.outcomes import services
from rendezvous.outcomes.models import OutcomeLocked, OutcomeStatus
from tests.factories import OutcomesEditionFactory as EditionFactory
from tests.factories import make_organiser

pytestmark = pytest.mark.django_db

# The test edition runs from 21 to 24 November 2022.
ADOPTION_DAY = datetime.date(2022, 11, 24)


def manage_url(edition):
    return reverse("outcomes:manage", kwargs={"slug": edition.slug})


@pytest.fixture
def closed(document, organiser):
    return services.close_for_amendments(document, actor=organiser)


@pytest.mark.parametrize("day", [datetime.date(2020, 1, 1), datetime.date(2022, 11, 20), datetime.date(2022, 11, 25)])
def test_a_date_outside_the_edition_is_refused_with_the_reason(closed, organiser, day):
    with pytest.raises(services.OutcomeError, match="within the edition's dates, 21 November 2022 to 24 November 2022"):
        services.adopt(closed, adopted_on=day, actor=organiser)
    closed.refresh_from_db()
    assert closed.status == OutcomeStatus.CLOSED and closed.adopted_on is None


def test_the_page_asks_for_confirmation_before_adopting(client, edition, closed, organiser):
    client.force_login(organiser)
    response = client.post(manage_url(edition), {"step": "adopt", "adopted_on": "2022-11-24"})
    assert response.status_code == 200
    assert "Tick the box to confirm the adoption" in response.content.decode()
    closed.refresh_from_db()
    assert closed.status == OutcomeStatus.CLOSED


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "This field is required."),
        ("2020-01-01", "within the edition&#x27;s dates"),
        ("99999999-01-01", "Enter a valid date."),
        ("yesterday", "Enter a valid date."),
        ("9" * 10000, "Enter a valid date."),
    ],
)
def test_bad_adoption_dates_get_a_message(client, edition, closed, organiser, value, message):
    client.force_login(organiser)
    response = client.post(manage_url(edition), {"step": "adopt", "adopted_on": value, "confirm": "on"}, follow=True)
    assert response.status_code == 200
    assert message in response.content.decode()
    closed.refresh_from_db()
    assert closed.status == OutcomeStatus.CLOSED


def test_the_adoption_date_is_corrected_with_a_reason_and_the_text_stays_frozen(edition, closed, organiser):
    adopted = services.adopt(closed, adopted_on=datetime.date(2022, 11, 23), actor=organiser)
    text_before = list(adopted.paragraphs.values_list("text", flat=True))
    version = adopted.current_version

    corrected = services.correct_adoption_date(
        adopted, adopted_on=ADOPTION_DAY, reason="Adopted at the closing session, not the day before.", actor=organiser
    )

    corrected.refresh_from_db()
    assert corrected.adopted_on == ADOPTION_DAY and corrected.is_adopted
    assert corrected.adoption_line == "adopted on 24 November 2022"
    assert corrected.current_version == version
    assert list(corrected.paragraphs.values_list("text", flat=True)) == text_before
    [adoption, correction] = services.adoption_history(corrected)
    assert adoption.action == "outcome.adopted"
    assert correction.data["previous"] == "2022-11-23" and correction.data["adopted_on"] == "2022-11-24"
    assert correction.actor == organiser
    # The correction did not unlock anything.
    paragraph = corrected.paragraphs.first()
    with pytest.raises(OutcomeLocked):
        services.edit_paragraph(paragraph, text="Changed.", actor=organiser)


def test_a_correction_must_stay_within_the_edition_and_change_something(closed, organiser):
    adopted = services.adopt(closed, adopted_on=ADOPTION_DAY, actor=organiser)
    with pytest.raises(services.OutcomeError, match="within the edition's dates"):
        services.correct_adoption_date(adopted, adopted_on=datetime.date(2020, 1, 1), reason="r", actor=organiser)
    with pytest.raises(services.OutcomeError, match="already the date"):
        services.correct_adoption_date(adopted, adopted_on=ADOPTION_DAY, reason="r", actor=organiser)
    with pytest.raises(services.OutcomeError, match="cannot be empty"):
        services.correct_adoption_date(adopted, adopted_on=datetime.date(2022, 11, 22), reason=" ", actor=organiser)


def test_only_the_editions_organisers_correct_the_date(closed, organiser, participant):
    adopted = services.adopt(closed, adopted_on=ADOPTION_DAY, actor=organiser)
    for intruder in (participant, make_organiser(EditionFactory())):
        with pytest.raises(PermissionDenied):
            services.correct_adoption_date(
                adopted, adopted_on=datetime.date(2022, 11, 22), reason="mine now", actor=intruder
            )
    adopted.refresh_from_db()
    assert adopted.adopted_on == ADOPTION_DAY


def test_a_draft_has_no_date_to_correct(closed, organiser):
    with pytest.raises(services.OutcomeError, match="not adopted yet"):
        services.correct_adoption_date(closed, adopted_on=ADOPTION_DAY, reason="r", actor=organiser)


def test_correcting_through_the_page_shows_in_the_version_history(client, edition, closed, organiser, participant):
    services.adopt(closed, adopted_on=datetime.date(2022, 11, 23), actor=organiser)
    client.force_login(organiser)
    page = client.get(manage_url(edition)).content.decode()
    assert "Correct the date of adoption" in page

    for bad in (
        {"adopted_on": "2022-11-22", "reason": ""},
        {"adopted_on": "2022-11-22", "reason": "r" * 501},
        {"adopted_on": "2030-01-01", "reason": "why"},
        {"adopted_on": "not a date", "reason": "why"},
    ):
        response = client.post(manage_url(edition), {"step": "correct_date", **bad}, follow=True)
        assert response.status_code == 200
        assert "errorlist" in response.content.decode() or "message-error" in response.content.decode()
    closed.refresh_from_db()
    assert closed.adopted_on == datetime.date(2022, 11, 23)

    response = client.post(
        manage_url(edition),
        {"step": "correct_date", "adopted_on": "2022-11-24", "reason": "Adopted at the closing session"},
        follow=True,
    )
    assert "The date of adoption is corrected: adopted on 24 November 2022." in response.content.decode()
    history = client.get(reverse("outcomes:history", kwargs={"slug": edition.slug})).content.decode()
    assert "Date of adoption corrected from 2022-11-23 to 2022-11-24: Adopted at the closing session" in history


def test_proposers_hear_the_decision_with_the_organisers_note(document, organiser, participant):
    [first, second] = list(document.paragraphs.all())[-2:]
    kept = services.propose_amendment(
        first, actor=participant, action="replace", proposed_text="Emphasize partnerships.", reason="Shorter"
    )
    refused = services.propose_amendment(second, actor=participant, action="delete", reason="Redundant")

    services.accept_amendment(kept, actor=organiser, note="Agreed at the closing session.")
    services.decline_amendment(refused, actor=organiser, note="The paragraph carries the call to action.")

    accepted_mail = OutboxMessage.objects.get(kind="outcome.amendment_accepted")
    declined_mail = OutboxMessage.objects.get(kind="outcome.amendment_declined")
    assert accepted_mail.to == declined_mail.to == participant.email
    assert accepted_mail.subject == "Amendment accepted: Hainan Initiative"
    assert "has been accepted" in accepted_mail.body and "Agreed at the closing session." in accepted_mail.body
    assert "has been declined" in declined_mail.body
    assert "The paragraph carries the call to action." in declined_mail.body
    assert accepted_mail.edition == document.edition

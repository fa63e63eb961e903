"""Fixtures of the outcome-document tests: a published edition, its organiser, a participant and an open draft."""

import pytest

from tests.factories import OutcomesEditionFactory as EditionFactory
from tests.factories.outcomes import draft_document, organiser_of, participant_of


@pytest.fixture
def edition():
    return EditionFactory()


@pytest.fixture
def organiser(edition):
    return organiser_of(edition)


@pytest.fixture
def participant(edition):
    return participant_of(edition)


@pytest.fixture
def document(edition, organiser):
    return draft_document(edition, organiser)

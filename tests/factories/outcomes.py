"""Outcome documents (rendezvous.outcomes): people in each role and a small draft."""

from rendezvous.core.models import User
from rendezvous.outcomes import services
from rendezvous.outcomes.models import ParagraphKind
from rendezvous.registration.models import Registration

from .core import UserFactory
from .events import make_organiser

PREAMBULAR = "Recalling that global partnership in space exploration is the first thematic priority,"
CHAPEAU = "The participants in the Workshop:"
OPERATIVE = [
    "Emphasize that global partnerships will gain importance;",
    "Encourage further work to connect stakeholders.",
]


def organiser_of(edition) -> User:
    return make_organiser(edition, first_name="Olga", last_name="Secretariat")


def participant_of(edition, *, status: str = "approved") -> User:
    """A signed-in user with a registration (approved by default) for the edition."""
    user = UserFactory()
    Registration.objects.create(
        edition=edition, given_name=user.first_name, email=user.email, country="KE", status=status
    )
    return user


def draft_document(edition, organiser, *, open_: bool = True):
    document = services.create_document(
        edition, title="Hainan Initiative", subtitle="Outcome document of the Workshop", actor=organiser
    )
    services.add_paragraph(document, kind=ParagraphKind.PREAMBULAR, text=PREAMBULAR, actor=organiser)
    services.add_paragraph(document, kind=ParagraphKind.CHAPEAU, text=CHAPEAU, actor=organiser)
    for text in OPERATIVE:
        services.add_paragraph(document, kind=ParagraphKind.OPERATIVE, text=text, actor=organiser)
    if open_:
        services.open_for_amendments(document, actor=organiser)
    document.refresh_from_db()
    return document

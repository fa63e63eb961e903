import datetime
import io
from pathlib import Path

import docx
import pytest

from rendezvous.demo import outcomes as demo
from rendezvous.outcomes import services
from rendezvous.outcomes.docx import append_outcome_document, render_outcome_docx
from rendezvous.outcomes.models import OutcomeDocument, ParagraphKind
from tests.factories import OutcomesEditionFactory as EditionFactory
from tests.factories.outcomes import draft_document, organiser_of

pytestmark = pytest.mark.django_db

# shared/ sits beside the repository, on developer machines and in CI alike.
SEED = Path(__file__).resolve().parents[2].parent / "shared" / "seeds" / "report-A-AC.105-1294.txt"


@pytest.fixture
def hainan():
    return demo.load(EditionFactory(slug="haikou-2022"))


def test_demo_carries_the_hainan_initiative_as_adopted(hainan):
    assert hainan.title == "Hainan Initiative"
    assert hainan.is_adopted and hainan.adopted_on == datetime.date(2022, 11, 24)
    assert hainan.adoption_line == "adopted on 24 November 2022"
    kinds = [p.kind for p in hainan.paragraphs.all()]
    assert kinds.count(ParagraphKind.PREAMBULAR) == 11
    assert kinds.count(ParagraphKind.CHAPEAU) == 1
    assert kinds.count(ParagraphKind.OPERATIVE) == 7
    assert hainan.current_version == 1


def test_demo_load_is_idempotent(hainan):
    again = demo.load(hainan.edition)
    assert again.pk == hainan.pk
    assert OutcomeDocument.objects.count() == 1 and again.paragraphs.count() == 19


def test_demo_text_matches_the_report_annex(hainan):
    texts = [p.text for p in hainan.paragraphs.all()]
    assert not any("V.23-06731" in text for text in texts)
    assert texts[0].startswith("Expressing their appreciation to the Office for Outer Space Affairs")
    assert texts[11] == "The participants in the Workshop:"
    assert texts[-1].endswith("in a timely manner.")
    assert all(text.endswith(",") for text in texts[:11])
    assert all(text.endswith(";") for text in texts[12:-1])


def test_demo_paragraphs_are_those_of_the_seed(hainan):
    if not SEED.exists():
        pytest.skip(f"seed not found at {SEED}")
    texts = [p.text for p in hainan.paragraphs.all()]
    seed = " ".join(SEED.read_text(encoding="utf-8").split())
    seed = seed.replace("A/AC.105/1294 V.23-06731 12/12 ", "")
    for text in texts[:-1]:
        assert text in seed
    assert texts[-1][:-1] + ";" in seed


def read_back(data: bytes):
    return docx.Document(io.BytesIO(data))


def test_docx_has_title_adoption_line_italic_openings_and_numbers(hainan):
    document = read_back(render_outcome_docx(hainan))
    paragraphs = [p for p in document.paragraphs if p.text.strip()]
    assert paragraphs[0].text == "Hainan Initiative"
    assert paragraphs[1].text == (
        "Outcome document of the United Nations/China Second Global Partnership Workshop on Space Exploration and"
        " Innovation adopted on 24 November 2022"
    )
    first_preambular = paragraphs[2]
    assert first_preambular.runs[0].text == "Expressing their appreciation" and first_preambular.runs[0].italic
    assert not first_preambular.runs[1].italic
    assert paragraphs[13].text == "The participants in the Workshop:"
    operative = paragraphs[14:]
    assert [p.text.split("\t")[0] for p in operative] == ["1.", "2.", "3.", "4.", "5.", "6.", "7."]
    assert operative[0].runs[1].text == "Are convinced" and operative[0].runs[1].italic
    assert operative[0].text.startswith("1.\tAre convinced that space science")


def test_annex_is_appended_to_an_existing_report(hainan):
    report = docx.Document()
    report.add_paragraph("V. Conclusions and recommendations")
    append_outcome_document(report, hainan)
    texts = [p.text for p in report.paragraphs]
    assert texts[:3] == ["V. Conclusions and recommendations", "Annex", "Hainan Initiative"]
    assert report.paragraphs[1].paragraph_format.page_break_before


def test_draft_docx_says_it_is_not_adopted():
    edition = EditionFactory()
    draft = draft_document(edition, organiser_of(edition))
    text = [p.text for p in read_back(render_outcome_docx(draft)).paragraphs]
    assert text[1] == "Outcome document of the Workshop (draft, not adopted)"
    assert services.adopted_outcome(edition) is None

"""The outcome document in a real browser: draft → amendment → accept → adopt → public page."""

from pathlib import Path

import pytest

from tests.conftest import sign_in_browser
from tests.factories import OutcomesEditionFactory as EditionFactory
from tests.factories.outcomes import organiser_of, participant_of

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
SCRIPT = "<script>alert('x')</script>"


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"outcomes_{name}.png"), full_page=True)


def test_draft_amend_accept_adopt_publish(page, live_server):
    edition = EditionFactory(slug="haikou-2022", title="Second Global Partnership Workshop", short_title="Haikou 2022")
    organiser, participant = organiser_of(edition), participant_of(edition)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    manage = f"{live_server.url}/events/{edition.slug}/outcome/manage/"
    public = f"{live_server.url}/events/{edition.slug}/outcome/"

    # The secretariat drafts the text and opens it for amendments.
    sign_in_browser(page, live_server, organiser)
    page.goto(manage)
    page.get_by_label("Title", exact=True).fill("Hainan Initiative")
    page.get_by_label("Subtitle", exact=True).fill("Outcome document of the Second Global Partnership Workshop")
    page.get_by_role("button", name="Start the draft").click()
    paragraphs = [
        ("preambular", "Recalling that global partnership is the first of seven thematic priorities,"),
        ("chapeau", "The participants in the Workshop:"),
        ("operative", "Affirm that the Workshop provided an information hub;"),
        ("operative", "Encourage further work to connect stakeholders."),
    ]
    for kind, text in paragraphs:
        page.get_by_label("Kind").select_option(kind)
        page.get_by_label("Text", exact=True).fill(text)
        page.get_by_role("button", name="Add the paragraph").click()
        page.get_by_text("added.").wait_for()
    page.get_by_role("button", name="Open for amendments").click()
    page.get_by_text("The draft is open for amendments").wait_for()

    # A registered participant proposes to replace OP 2, with markup that must stay text.
    sign_in_browser(page, live_server, participant)
    page.goto(public)
    page.get_by_text("Draft — not adopted.").wait_for()
    shot(page, "draft_for_participants")
    page.get_by_role("link", name="Amend OP 2").click()
    page.get_by_label("Replace the paragraph").check()
    page.get_by_label("Proposed text").fill(
        "Encourage further work to connect stakeholders, and hold a third workshop."
    )
    page.get_by_label("Reason").fill(f"The series should continue {SCRIPT}")
    shot(page, "amendment_form")
    page.get_by_role("button", name="Send to the secretariat").click()
    page.get_by_text("sent to the secretariat").wait_for()
    assert page.get_by_text(f"The series should continue {SCRIPT}").count() == 1

    # The secretariat accepts it, then adopts the document.
    sign_in_browser(page, live_server, organiser)
    page.goto(manage)
    page.get_by_text("Amendments awaiting a decision (1)").wait_for()
    shot(page, "secretariat_desk")
    page.get_by_label("Note to the proposer (optional)").fill("Agreed at the closing.")
    page.get_by_role("button", name="Accept amendment").click()
    page.get_by_text("accepted.").first.wait_for()
    page.get_by_role("link", name="history and differences").click()
    page.locator(".outcome-diff ins").first.wait_for()
    assert "hold a third workshop" in page.locator(".outcome-diff ins").all_inner_texts()[-1]
    shot(page, "version_diff")
    page.goto(manage)
    page.get_by_label("Date of adoption").fill("2022-11-24")
    page.get_by_label("I confirm: adoption freezes the text").check()
    page.get_by_role("button", name="Adopt the document").click()
    page.get_by_text("The text is now final.").wait_for()

    # Anyone can now read the adopted text.
    page.context.clear_cookies()
    page.goto(public)
    page.get_by_role("heading", name="Hainan Initiative").wait_for()
    assert page.get_by_text("adopted on 24 November 2022").count() == 1
    assert page.get_by_text("Draft — not adopted.").count() == 0
    assert page.locator(".outcome-para.kind-operative .outcome-num").all_inner_texts() == ["1.", "2."]
    assert "hold a third workshop" in page.locator(".outcome-para").last.inner_text()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download DOCX").click()
    assert download.value.suggested_filename == "haikou-2022-outcome.docx"
    assert dialogs == []


def test_demo_hainan_initiative_reads_like_the_report_annex(page, live_server):
    from rendezvous.demo import outcomes as demo

    edition = EditionFactory(slug="haikou-2022", title="Second Global Partnership Workshop", short_title="Haikou 2022")
    demo.load(edition)
    page.goto(f"{live_server.url}/events/haikou-2022/outcome/")
    page.get_by_role("heading", name="Hainan Initiative").wait_for()
    assert page.get_by_text("Innovation adopted on 24 November 2022").count() == 1
    assert page.locator(".outcome-para.kind-preambular em").all_inner_texts()[:3] == [
        "Expressing their appreciation",
        "Noting with appreciation",
        "Noting with appreciation also",
    ]
    assert page.locator(".outcome-para.kind-operative .outcome-num").all_inner_texts() == [f"{n}." for n in range(1, 8)]

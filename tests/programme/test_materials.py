"""Presentation materials: content checks, the publication rule, who may upload and download, safe serving, pages."""

import datetime
import os
import subprocess
import sys
import time

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone, translation

from rendezvous.core import uploads
from rendezvous.core.models import AuditEntry
from rendezvous.programme import cache as programme_cache
from rendezvous.programme import material_services, materials, publication
from rendezvous.programme.cache import programme_state_of
from rendezvous.programme.material_services import MaterialError, add_material
from rendezvous.programme.models import Material, MaterialPolicy, MaterialVisibility, Session
from rendezvous.programme.publication import effective_visibility, public_condition, public_from
from tests.factories import AffiliatedPersonFactory as PersonFactory
from tests.factories import PageOrganisationFactory as OrganisationFactory
from tests.factories import PublicEditionFactory as EditionFactory
from tests.factories import PublicSessionFactory as SessionFactory
from tests.factories import make_organiser, make_user
from tests.factories.programme import (
    DOCX_BYTES,
    HTML_BYTES,
    MP4_BYTES,
    PDF_BYTES,
    PPTX_BYTES,
    SVG_BYTES,
    contribution_by,
    ended_session,
    future_session,
    material,
    upload,
)
from tests.factories.registration import register

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    cache.clear()
    yield tmp_path
    cache.clear()


@pytest.fixture
def edition():
    return EditionFactory()


@pytest.fixture
def organiser(edition):
    return make_organiser(edition, "organiser@example.org")


def download_url(item):
    edition = item.contribution.session.edition
    return reverse("programme:material_download", kwargs={"slug": edition.slug, "material_uuid": item.uuid})


# --- What a file is -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "expected"),
    [(PDF_BYTES, materials.PDF), (PPTX_BYTES, materials.PPTX), (MP4_BYTES, materials.MP4)],
)
def test_files_are_recognised_by_their_bytes_whatever_their_name(content, expected):
    assert materials.detect_content_type(upload("no-extension", content)).content_type == expected


def test_file_types_are_named_in_the_readers_language():
    with translation.override("fr"):
        assert uploads.type_name(materials.MP4) == "Vidéo MP4"
        assert materials.detect_content_type(upload("clip", MP4_BYTES)).label == "Vidéo MP4"
        assert uploads.type_name("application/zip") == "Fichier"  # a type no longer accepted
    assert uploads.type_name(materials.PPTX) == "PowerPoint (PPTX)"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("slides.pdf", HTML_BYTES),
        ("slides.pdf", SVG_BYTES),
        ("slides.pptx", DOCX_BYTES),  # a ZIP, even an Office one, is not a presentation
        ("slides.pptx", b"PK\x03\x04 not really a zip"),
        ("video.mp4", b"\x00\x00\x00\x18ftypXXXX" + b"\x00" * 12),  # unknown brand
        ("slides.pdf", b" %PDF-1.4 with something before the header"),
    ],
)
def test_impostors_are_refused_with_a_clear_message(edition, organiser, name, content):
    contribution = contribution_by(ended_session(edition))
    with pytest.raises(MaterialError, match="not a PDF, a PowerPoint presentation"):
        add_material(contribution, upload(name, content, "application/pdf"), kind="slides", actor=organiser)
    assert not Material.objects.exists()


@pytest.mark.parametrize(
    ("kind", "content", "message"),
    [
        ("paper", PPTX_BYTES, "paper must be PDF"),
        ("video", PDF_BYTES, "video must be MP4 video"),
        ("slides", MP4_BYTES, "slides must be PDF or PowerPoint"),
    ],
)
def test_each_kind_accepts_its_own_types_only(edition, organiser, kind, content, message):
    contribution = contribution_by(ended_session(edition))
    with pytest.raises(MaterialError, match=message):
        add_material(contribution, upload("file", content), kind=kind, actor=organiser)


def test_size_limits_are_per_kind_and_configurable(edition, organiser, settings, media):
    contribution = contribution_by(ended_session(edition))
    settings.MATERIAL_MAX_BYTES = {"paper": 50}
    with pytest.raises(MaterialError, match=r"paper may be at most 1 KB"):
        add_material(contribution, upload("paper.pdf", PDF_BYTES), kind="paper", actor=organiser)
    # Slides keep their default limit (50 MB), so the same file is accepted as slides.
    add_material(contribution, upload("paper.pdf", PDF_BYTES), kind="slides", actor=organiser)
    assert material_services.max_bytes("video") == 500 * 1024 * 1024
    assert not any(path.is_file() for path in media.rglob("*") if "paper" in path.name)


def test_a_stored_file_gets_a_random_name_and_a_clean_display_name(edition, organiser, media):
    contribution = contribution_by(ended_session(edition))
    item = add_material(
        contribution, upload("../../etc/<script>slides.pdf", PPTX_BYTES), kind="slides", actor=organiser
    )
    assert item.content_type == materials.PPTX
    assert item.original_filename == "script_slides.pptx"
    assert item.size == len(PPTX_BYTES)
    assert item.file.name.startswith("materials/") and "slides" not in item.file.name
    assert item.file.name.endswith(".pptx")
    assert (media / item.file.name).read_bytes() == PPTX_BYTES
    assert AuditEntry.objects.filter(action="material.added", object_id=str(item.pk)).exists()
    other = add_material(contribution, upload("slides.pdf", PDF_BYTES), kind="slides", actor=organiser)
    assert other.file.name != item.file.name


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("Mission update (final).PDF", "Mission update (final).pdf"),
        ("C:\\Users\\me\\talk.pdf", "talk.pdf"),
        ("....", "material.pdf"),
        ("report", "report.pdf"),
        ("Présentation—Lune.pdf", "Présentation_Lune.pdf"),
    ],
)
def test_clean_filename(given, expected):
    assert materials.clean_filename(given, "pdf") == expected


# --- The publication rule -------------------------------------------------------------------------------------

NOW = timezone.now()
BEFORE_END = NOW - datetime.timedelta(minutes=5)
AFTER_END = NOW + datetime.timedelta(minutes=5)
RULE_CASES = [
    # kind, delivery, override, publish_slides, publish_videos, now, expected
    ("slides", "in_person", None, True, False, BEFORE_END, "participants"),
    ("slides", "in_person", None, True, False, AFTER_END, "public"),
    ("paper", "online_live", None, True, False, AFTER_END, "public"),
    ("slides", "in_person", None, False, False, AFTER_END, "participants"),
    ("video", "in_person", None, True, False, AFTER_END, "organisers"),
    ("slides", "pre_recorded", None, True, False, AFTER_END, "organisers"),
    ("video", "pre_recorded", None, True, True, BEFORE_END, "participants"),
    ("video", "pre_recorded", None, True, True, AFTER_END, "public"),
    ("video", "pre_recorded", "public", True, False, BEFORE_END, "public"),
    ("slides", "in_person", "organisers", True, False, AFTER_END, "organisers"),
    ("slides", "in_person", "participants", True, False, AFTER_END, "participants"),
]


@pytest.mark.parametrize(("kind", "delivery", "override", "slides", "videos", "now", "expected"), RULE_CASES)
def test_effective_visibility_and_its_database_form_agree(
    edition, kind, delivery, override, slides, videos, now, expected
):
    session = SessionFactory(edition=edition, start=NOW - datetime.timedelta(hours=1), end=NOW)
    contribution = contribution_by(session, delivery=delivery)
    item = material(contribution, kind=kind, visibility_override=override)
    policy = MaterialPolicy(edition=edition, publish_slides_after_session=slides, publish_videos=videos)
    assert effective_visibility(item, policy=policy, now=now) == expected
    in_query = Material.objects.filter(public_condition(policy, now), pk=item.pk).exists()
    assert in_query == (expected == "public")
    moment = public_from(kind, delivery, session.end, override, policy)
    assert (moment is not None and moment <= now) == (expected == "public")


def test_an_edition_without_a_policy_follows_the_defaults(edition):
    policy = publication.policy_for(edition)
    assert policy.pk is None and policy.publish_slides_after_session and not policy.publish_videos


# --- Who may upload -------------------------------------------------------------------------------------------


def test_a_speaker_may_upload_to_their_own_contribution_known_by_email_or_account(edition):
    speaker = make_user("Speaker@Example.org")
    by_email = contribution_by(ended_session(edition), person=PersonFactory(email="speaker@example.org"))
    add_material(by_email, upload("talk.pdf", PDF_BYTES), kind="slides", actor=speaker)
    linked = make_user("linked@example.org")
    by_account = contribution_by(ended_session(edition), person=PersonFactory(user=linked))
    add_material(by_account, upload("talk.pdf", PDF_BYTES), kind="slides", actor=linked)
    assert Material.objects.count() == 2


def test_nobody_else_may_upload_and_speakers_may_not_choose_visibility(edition):
    speaker = make_user("speaker@example.org")
    own = contribution_by(ended_session(edition), person=PersonFactory(email="speaker@example.org"))
    someone_elses = contribution_by(ended_session(edition))
    with pytest.raises(PermissionDenied):
        add_material(someone_elses, upload("talk.pdf", PDF_BYTES), kind="slides", actor=speaker)
    participant = make_user("participant@example.org")
    register(edition, "participant@example.org")
    with pytest.raises(PermissionDenied):
        add_material(own, upload("talk.pdf", PDF_BYTES), kind="slides", actor=participant)
    with pytest.raises(PermissionDenied):
        add_material(own, upload("talk.pdf", PDF_BYTES), kind="slides", actor=speaker, visibility_override="public")
    # An organiser of another edition is nobody here.
    make_organiser(EditionFactory(), "elsewhere@example.org")
    with pytest.raises(PermissionDenied):
        add_material(own, upload("t.pdf", PDF_BYTES), kind="slides", actor=make_user("x@example.org"))
    assert not Material.objects.exists()


def test_changes_bump_the_programme_version(edition, organiser):
    contribution = contribution_by(ended_session(edition))
    before = type(edition).objects.get(pk=edition.pk).programme_version
    item = add_material(contribution, upload("talk.pdf", PDF_BYTES), kind="slides", actor=organiser)
    material_services.set_visibility_override(item, "organisers", actor=organiser)
    material_services.set_policy(edition, publish_slides_after_session=False, publish_videos=False, actor=organiser)
    material_services.delete_material(item, actor=organiser)
    assert type(edition).objects.get(pk=edition.pk).programme_version == before + 4


# --- Serving files --------------------------------------------------------------------------------------------


def test_a_public_pdf_is_served_inline_with_safe_headers(client, edition):
    item = material(contribution_by(ended_session(edition)), original_filename="Lunar plans.pdf")
    response = client.get(download_url(item))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"
    assert response["Content-Disposition"] == 'inline; filename="Lunar plans.pdf"'
    assert response["Cache-Control"] == "public, max-age=300"


@pytest.mark.parametrize(
    ("content", "content_type", "kind"),
    [(PPTX_BYTES, materials.PPTX, "slides"), (MP4_BYTES, materials.MP4, "video")],
)
def test_everything_but_pdf_is_an_attachment(client, edition, organiser, content, content_type, kind):
    item = material(
        contribution_by(ended_session(edition)),
        kind=kind,
        content=content,
        content_type=content_type,
        visibility_override="public",
        original_filename="talk.bin",
    )
    response = client.get(download_url(item))
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == 'attachment; filename="talk.bin"'
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_who_may_download_what(client, edition, organiser):
    ended = ended_session(edition)
    slides_now_public = material(contribution_by(ended))
    slides_for_participants = material(contribution_by(future_session(edition)))
    video = material(
        contribution_by(ended, delivery="pre_recorded"), kind="video", content=MP4_BYTES, content_type=materials.MP4
    )

    # Anonymous: public only; sent to sign in for the rest.
    assert client.get(download_url(slides_now_public)).status_code == 200
    for item in (slides_for_participants, video):
        response = client.get(download_url(item))
        assert response.status_code == 302 and "next=" in response["Location"]

    # Signed in but not approved: still public only.
    pending = make_user("pending@example.org")
    register(edition, "pending@example.org", status="pending")
    client.force_login(pending)
    assert client.get(download_url(slides_for_participants)).status_code == 403

    # An approved participant: public and participants' files, never the organisers'.
    approved = make_user("approved@example.org")
    register(edition, "approved@example.org")
    client.force_login(approved)
    assert client.get(download_url(slides_for_participants)).status_code == 200
    assert client.get(download_url(slides_for_participants))["Cache-Control"] == "private, no-store"
    assert client.get(download_url(video)).status_code == 403

    # The video's own speaker and the organisers: everything.
    speaker = make_user("speaker@example.org")
    person = video.contribution.speakers.get().person
    person.email = "speaker@example.org"
    person.save()
    client.force_login(speaker)
    assert client.get(download_url(video)).status_code == 200
    client.force_login(organiser)
    for item in (slides_now_public, slides_for_participants, video):
        assert client.get(download_url(item)).status_code == 200


def test_a_file_is_only_found_under_its_own_edition_and_drafts_stay_hidden(client, edition):
    item = material(contribution_by(ended_session(edition)))
    other = EditionFactory()
    url = reverse("programme:material_download", kwargs={"slug": other.slug, "material_uuid": item.uuid})
    assert client.get(url).status_code == 404
    type(edition).objects.filter(pk=edition.pk).update(status="draft")
    assert client.get(download_url(item)).status_code == 404


def test_a_file_missing_from_storage_is_a_404(client, edition):
    item = material(contribution_by(ended_session(edition)))
    item.file.storage.delete(item.file.name)
    assert client.get(download_url(item)).status_code == 404


# --- The public programme -------------------------------------------------------------------------------------


def programme_html(client, edition) -> str:
    return client.get(reverse("programme:programme", kwargs={"slug": edition.slug})).content.decode()


def test_the_programme_lists_public_files_under_their_contribution_only(client, edition, organiser):
    ended = ended_session(edition)
    talk = contribution_by(ended, title="Lunar plans")
    add_material(talk, upload("moon.pdf", PDF_BYTES), kind="slides", title="Moon slides", actor=organiser)
    recorded = contribution_by(ended, title="Recorded talk", delivery="pre_recorded")
    add_material(recorded, upload("talk.mp4", MP4_BYTES), kind="video", title="The recording", actor=organiser)
    upcoming = contribution_by(future_session(edition), title="Tomorrow's talk")
    add_material(upcoming, upload("t.pdf", PDF_BYTES), kind="slides", title="Early slides", actor=organiser)
    html = programme_html(client, edition)
    assert "Moon slides" in html and "Slides, PDF" in html
    assert "The recording" not in html and "Early slides" not in html

    # An organiser's override shows at once: it bumps the programme version.
    early = Material.objects.get(title="Early slides")
    material_services.set_visibility_override(early, "public", actor=organiser)
    assert "Early slides" in programme_html(client, edition)


def test_a_file_appears_on_the_cached_programme_when_its_session_ends(client, edition, organiser):
    start = timezone.now() - datetime.timedelta(hours=1)
    session = SessionFactory(edition=edition, start=start, end=timezone.now() + datetime.timedelta(seconds=1.5))
    add_material(contribution_by(session), upload("a.pdf", PDF_BYTES), kind="slides", title="Late", actor=organiser)
    assert "Late" not in programme_html(client, edition)
    assert "Late" not in programme_html(client, edition)  # served from the cache
    time.sleep(max(0.0, (session.end - timezone.now()).total_seconds()) + 0.1)
    assert "Late" in programme_html(client, edition)


@pytest.mark.parametrize("files", [1, 3])
def test_listing_files_on_the_programme_costs_one_query_per_version(client, edition, files, django_assert_num_queries):
    session = ended_session(edition)
    for index in range(files):
        material(contribution_by(session), title=f"Deck {index}")
    url = reverse("programme:programme", kwargs={"slug": edition.slug})
    # cache check, edition, materials publication plan, series, sessions, chairs, contributions, speakers, calls
    with django_assert_num_queries(9):
        html = client.get(url).content.decode()
    assert html.count('class="material-link"') == files
    with django_assert_num_queries(0):  # the whole page, its key's epoch included, comes from the cache
        assert client.get(url).content.decode() == html


def test_the_publication_epoch_moves_at_each_session_end(edition, organiser):
    ended = ended_session(edition)
    later = future_session(edition)
    add_material(contribution_by(ended), upload("a.pdf", PDF_BYTES), kind="slides", actor=organiser)
    add_material(contribution_by(later), upload("b.pdf", PDF_BYTES), kind="slides", actor=organiser)
    edition.refresh_from_db()
    state = programme_state_of(edition)
    assert programme_cache.publication_epoch(state) == 1
    assert programme_cache.publication_epoch(state, now=later.end) == 2


# --- The materials index --------------------------------------------------------------------------------------


def index_url(edition, **query):
    url = reverse("programme:materials", kwargs={"slug": edition.slug})
    return url + ("?" + "&".join(f"{key}={value}" for key, value in query.items()) if query else "")


def test_the_index_lists_public_files_by_session_and_filters(client, edition):
    agency = OrganisationFactory(name="Agência Espacial Brasileira")
    first = ended_session(edition, title="Lunar exploration")
    second = ended_session(edition, title="Space law")
    ana = PersonFactory(given_name="Ana", family_name="Souza", organisation=agency)
    material(contribution_by(first, person=ana, title="Brazil on the Moon"), title="Brazil slides")
    material(contribution_by(second, title="Registration of objects"), title="Law paper", kind="paper")
    material(contribution_by(future_session(edition)), title="Not yet")
    material(
        contribution_by(first, delivery="pre_recorded"), kind="video", content=MP4_BYTES, content_type=materials.MP4
    )

    html = client.get(index_url(edition)).content.decode()
    assert "Brazil slides" in html and "Law paper" in html
    assert "Not yet" not in html and "video" not in html.lower().split("pre-recorded videos are not published")[1]
    assert "Agência Espacial Brasileira" in html

    by_session = client.get(index_url(edition, session=second.slug)).content.decode()
    assert "Law paper" in by_session and "Brazil slides" not in by_session
    by_speaker = client.get(index_url(edition, speaker=ana.pk)).content.decode()
    assert "Brazil slides" in by_speaker and "Law paper" not in by_speaker
    by_organisation = client.get(index_url(edition, organisation=agency.pk)).content.decode()
    assert "Brazil slides" in by_organisation and "Law paper" not in by_organisation
    nothing = client.get(index_url(edition, speaker="999999")).content.decode()
    assert "No published file matches these filters." in nothing


@pytest.mark.parametrize("files", [1, 3])
def test_index_queries_do_not_grow_with_files(client, edition, files, django_assert_num_queries):
    for index in range(files):
        session = ended_session(edition, slug=f"s-{index}")
        material(contribution_by(session, person=PersonFactory()), title=f"File {index}")
    # edition, policy, files with contributions and sessions, speakers with people and organisations, series (header)
    with django_assert_num_queries(5):
        response = client.get(index_url(edition))
    assert response.content.decode().count('class="material-link"') == files


# --- The organisers' page -------------------------------------------------------------------------------------


def organise_url(edition):
    return reverse("programme:organise_materials", kwargs={"slug": edition.slug})


def test_only_organisers_reach_the_organisers_page(client, edition):
    response = client.get(organise_url(edition))
    assert response.status_code == 302
    client.force_login(make_user("participant@example.org"))
    assert client.get(organise_url(edition)).status_code == 403
    client.force_login(make_organiser(EditionFactory(), "other@example.org"))
    assert client.get(organise_url(edition)).status_code == 403


def test_an_organiser_uploads_overrides_sets_the_policy_and_removes(
    client, edition, organiser, media, django_capture_on_commit_callbacks
):
    contribution = contribution_by(ended_session(edition), title="Lunar plans")
    client.force_login(organiser)
    response = client.post(
        organise_url(edition),
        {
            "action": "upload",
            "contribution": contribution.pk,
            "kind": "slides",
            "title": "Moon",
            "file": upload("moon.pdf", PDF_BYTES),
            "visibility": "policy",
        },
    )
    assert response.status_code == 302
    item = Material.objects.get()
    assert item.visibility_override is None
    page = client.get(organise_url(edition)).content.decode()
    assert 'data-visibility="public"' in page

    client.post(organise_url(edition), {"action": "visibility", "material": item.uuid, "visibility": "organisers"})
    item.refresh_from_db()
    assert item.visibility_override == MaterialVisibility.ORGANISERS

    client.post(organise_url(edition), {"action": "policy", "publish_videos": "on"})
    policy = MaterialPolicy.objects.get(edition=edition)
    assert policy.publish_videos and not policy.publish_slides_after_session

    stored = media / item.file.name
    with django_capture_on_commit_callbacks(execute=True):
        client.post(organise_url(edition), {"action": "delete", "material": item.uuid})
    assert not Material.objects.exists()
    assert not stored.exists()


def test_a_refused_upload_keeps_what_was_typed(client, edition, organiser):
    contribution = contribution_by(ended_session(edition))
    client.force_login(organiser)
    response = client.post(
        organise_url(edition),
        {
            "action": "upload",
            "contribution": contribution.pk,
            "kind": "slides",
            "title": "My carefully typed title",
            "file": upload("evil.pdf", HTML_BYTES, "application/pdf"),
            "visibility": "policy",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "not a PDF, a PowerPoint presentation" in html
    assert 'value="My carefully typed title"' in html
    assert not Material.objects.exists()


# --- The speakers' page ---------------------------------------------------------------------------------------


def mine_url(edition):
    return reverse("programme:my_materials", kwargs={"slug": edition.slug})


def test_a_speaker_uploads_from_their_page_and_cannot_touch_other_contributions(client, edition):
    speaker = make_user("speaker@example.org")
    own = contribution_by(ended_session(edition), person=PersonFactory(email="speaker@example.org"), title="My talk")
    other = contribution_by(ended_session(edition), title="Someone else's talk")
    client.force_login(speaker)
    page = client.get(mine_url(edition)).content.decode()
    assert "My talk" in page and "Someone else" not in page

    response = client.post(
        mine_url(edition), {"contribution": own.uuid, "kind": "paper", "file": upload("paper.pdf", PDF_BYTES)}
    )
    assert response.status_code == 302
    item = Material.objects.get()
    assert item.contribution == own and item.uploaded_by == speaker

    denied = client.post(
        mine_url(edition), {"contribution": other.uuid, "kind": "paper", "file": upload("paper.pdf", PDF_BYTES)}
    )
    assert denied.status_code == 403
    assert Material.objects.count() == 1

    client.post(mine_url(edition), {"action": "delete", "contribution": own.uuid, "material": item.uuid})
    assert not Material.objects.exists()


def test_a_speaker_cannot_remove_a_file_an_organiser_added(edition, organiser):
    speaker = make_user("speaker@example.org")
    own = contribution_by(ended_session(edition), person=PersonFactory(email="speaker@example.org"))
    item = add_material(own, upload("a.pdf", PDF_BYTES), kind="slides", actor=organiser)
    with pytest.raises(PermissionDenied):
        material_services.delete_material(item, actor=speaker)


def test_someone_who_is_no_speaker_is_told_so(client, edition):
    client.force_login(make_user("nobody@example.org"))
    html = client.get(mine_url(edition)).content.decode()
    assert "is not listed as a speaker" in html


# --- Production storage ---------------------------------------------------------------------------------------


def test_an_s3_bucket_in_the_environment_switches_the_default_storage():
    code = (
        "import django; django.setup()\n"
        "from django.conf import settings\n"
        "from django.core.files.storage import default_storage as storage\n"
        "print(settings.STORAGES['default']['BACKEND'], storage.bucket_name, storage.file_overwrite,"
        " storage.endpoint_url, storage.querystring_auth, type(storage._wrapped).__name__)\n"
    )
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "rendezvous.settings",
        "S3_BUCKET": "rendezvous-files",
        "S3_ENDPOINT_URL": "https://s3.example.org",
        "AWS_ACCESS_KEY_ID": "test",
        "AWS_SECRET_ACCESS_KEY": "test",
    }
    result = subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "storages.backends.s3.S3Storage",
        "rendezvous-files",
        "False",
        "https://s3.example.org",
        "True",
        "S3Storage",
    ]


def test_demo_materials_follow_the_policy(client):
    from rendezvous.demo import programme as demo
    from rendezvous.demo.loader import load_demo

    haikou = load_demo()
    demo.load(haikou)
    demo.load(haikou)  # idempotent
    assert MaterialPolicy.objects.filter(edition=haikou, publish_videos=False).exists()
    demo_files = Material.objects.filter(contribution__session__edition=haikou)
    assert demo_files.count() == len(demo.DEMO_FILES)
    html = client.get(reverse("programme:materials", kwargs={"slug": haikou.slug})).content.decode()
    for item in demo_files:
        shown = effective_visibility(item, policy=publication.policy_for(haikou)) == "public"
        assert (item.display_title in html) == shown
    assert Session.objects.filter(edition=haikou).exists()

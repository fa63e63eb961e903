"""Search finds what people type: case, accents and apostrophe variants are ignored across programmes, calls, board
posts and organisations, with the database's full-text search (SQLite FTS5 here, PostgreSQL in `make test`), ranked,
with the matching words highlighted. Withdrawn posts and drafts are never found."""

import pytest
from django.db import connection
from django.utils import timezone

from rendezvous.partnerships import search, services
from rendezvous.partnerships.models import CallStatus, SearchEntry
from tests.factories import AcademicOrganisationFactory as OrganisationFactory
from tests.factories.partnerships import ProgrammeFactory, participant, payload_call

pytestmark = pytest.mark.django_db

TYPED = ["Chang'e-7", "Chang\u2019e 7", "change 7", "CHANG\u2019E-7", "chang'e", "Change", "chang\u2018e\u20137"]


@pytest.fixture
def change7():
    programme = ProgrammeFactory(name="Chang\u2019e-7", summary="A lunar south pole mission.")
    call = payload_call(programme=programme, title="Chang\u2019e-7 international cooperation: science payloads")
    other = ProgrammeFactory(name="Lunar Gateway", summary="An orbital station; no change planned.")
    return programme, call, other


def test_fold_ignores_case_accents_and_apostrophes():
    assert search.fold("Chang\u2019e-7") == search.fold("Chang'e 7") == search.fold("CHANGE 7") == "change 7"
    assert search.fold("Ag\u00eancia Espacial Brasileira") == "agencia espacial brasileira"
    assert search.fold("  ") == ""


@pytest.mark.parametrize("typed", TYPED)
def test_every_way_of_typing_change_7_finds_the_programme_and_its_call(change7, typed):
    programme, call, _other = change7
    found = {(hit.kind, hit.object_id) for hit in search.search(typed)}
    assert ("programme", programme.pk) in found and ("call", call.pk) in found


def test_the_full_text_index_of_the_database_is_used(change7):
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM partnerships_search_fts WHERE partnerships_search_fts MATCH 'change'")
            assert cursor.fetchone()[0] >= 2
    else:
        assert connection.vendor == "postgresql"
    assert SearchEntry.objects.get(kind="programme", object_id=change7[0].pk).search_text.startswith("change 7")


def test_hits_are_ranked_title_first(change7):
    programme, call, other = change7
    hits = search.search("change")
    keys = [(hit.kind, hit.object_id) for hit in hits]
    # "change" is in the programme's and the call's title, only in the other programme's summary.
    assert keys.index(("programme", other.pk)) > keys.index(("programme", programme.pk))
    assert keys.index(("programme", other.pk)) > keys.index(("call", call.pk))


def test_organisations_and_board_posts_are_found_and_withdrawn_posts_disappear(change7):
    agency = OrganisationFactory(name="Ag\u00eancia Espacial Brasileira", acronym="AEB", country="BR")
    author = participant(email="author@example.org")
    post = services.create_post(
        author,
        kind="need",
        title="Partners for a Chang\u2019e-7 dust sensor",
        text="We seek flight heritage.",
        topic="moon",
        organisation_name="",
        organisation_type="academia",
        country="NG",
    )
    assert ("organisation", agency.pk) in {(h.kind, h.object_id) for h in search.search("agencia espacial")}
    assert ("post", post.pk) in {(h.kind, h.object_id) for h in search.search("Chang'e 7 dust")}
    assert [p.pk for p in services.find_posts(q="change-7")] == [post.pk]
    services.withdraw_post(post, author)
    assert ("post", post.pk) not in {(h.kind, h.object_id) for h in search.search("Chang'e 7 dust")}
    assert list(services.find_posts(q="change-7")) == []


def test_expired_posts_and_draft_calls_are_not_found(change7):
    _programme, call, _other = change7
    call.status = CallStatus.DRAFT
    call.save()
    assert ("call", call.pk) not in {(h.kind, h.object_id) for h in search.search("change 7")}
    author = participant()
    post = services.create_post(
        author,
        kind="offer",
        title="Ground station for Chang\u2019e-7",
        text="Two passes a day.",
        topic="ground_segment",
        organisation_type="academia",
        country="NG",
    )
    tomorrow = timezone.localdate() + timezone.timedelta(days=1)
    assert ("post", post.pk) in {(h.kind, h.object_id) for h in search.search("ground station")}
    assert ("post", post.pk) not in {
        (h.kind, h.object_id) for h in search.search("ground station", today=tomorrow + timezone.timedelta(days=400))
    }


def test_programme_list_filter_uses_the_same_search(client, change7):
    programme, _call, other = change7
    for typed in ("Chang'e-7", "change 7", "Chang\u2019e"):
        names = [p.name for p in client.get("/hub/", {"q": typed}).context["programmes"]]
        assert names[0] == programme.name, typed
    owner = OrganisationFactory(name="China National Space Administration", acronym="CNSA")
    other.owners.add(owner)
    assert [p.name for p in client.get("/hub/", {"q": "cnsa"}).context["programmes"]] == [other.name]


def test_matching_words_are_highlighted_and_the_rest_escaped(client, change7):
    assert str(search.highlight("Chang\u2019e-7 <b>payloads</b>", "change 7")) == (
        "<mark>Chang\u2019e</mark>-<mark>7</mark> &lt;b&gt;payloads&lt;/b&gt;"
    )
    page = client.get("/hub/search/", {"q": "Chang'e-7"}).content.decode()
    assert "<mark>Chang\u2019e</mark>-<mark>7</mark>" in page
    assert "Nothing on the hub matches" in client.get("/hub/search/", {"q": "zzzyx"}).content.decode()
    # Punctuation alone, quotes and FTS syntax are plain words to look for, never an error.
    for odd in ('"', "*", "AND OR NOT", "(", "'; DROP TABLE", "\u2019\u2019"):
        assert client.get("/hub/search/", {"q": odd}).status_code == 200


def test_rebuilding_the_index_finds_the_same():
    programme = ProgrammeFactory(name="Chang\u2019e-8")
    before = [hit.object_id for hit in search.search("change 8")]
    assert search.rebuild_index() == SearchEntry.objects.count()
    assert [hit.object_id for hit in search.search("change 8")] == before == [programme.pk]


def test_a_renamed_programme_is_found_under_its_new_name_in_its_calls_too():
    call = payload_call(title="Science payloads")
    call.programme.name = "Chang\u2019e-8"
    call.programme.save()
    assert ("call", call.pk) in {(hit.kind, hit.object_id) for hit in search.search("change 8")}

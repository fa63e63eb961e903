"""Finding what people type across the hub: programmes, calls, board posts and organisations.

Every findable thing has a `SearchEntry` whose `search_text` is folded as people type (`fold`): "Chang’e-7",
"Chang'e 7" and "change 7" all become "change 7". The database's full-text search then matches the folded words as
prefixes and ranks the hits: PostgreSQL with a `simple` tsvector and `ts_rank`, SQLite with the FTS5 table
`partnerships_search_fts` (kept by this module, rowid = the entry's id) and `bm25`. Other databases fall back to
`icontains` on the folded text. Entries follow their objects through `post_save`/`post_delete` signals
(`partnerships.signals`); `rebuild_index()` fills them for data saved before this existed.
"""

import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from rendezvous.core.models import Organisation

from .models import BoardPost, Call, CallStatus, Programme, SearchEntry, SearchKind

APOSTROPHES = "'\u2019\u2018\u02bc\u0060\u00b4"
_APOSTROPHE = re.compile(f"[{APOSTROPHES}]")
_NOT_WORD = re.compile(r"[^a-z0-9]+")
# A word as a person reads it: letters and digits with the apostrophes inside ("Chang’e" is one word).
_WORD = re.compile(rf"[^\W_](?:[\w{APOSTROPHES}]*[^\W_])?")


def fold(text: str) -> str:
    """Lower case, accents and apostrophes removed, every other mark a single space: 'Chang’e-7' → 'change 7'."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return _NOT_WORD.sub(" ", _APOSTROPHE.sub("", stripped)).strip()


def query_words(q: str) -> list[str]:
    return fold(q).split()[:12]


# --- keeping the index ---


def _document(obj) -> tuple[str, str, str, str] | None:
    """(kind, title, text, url) of a findable object, or None if it should not be found (drafts, withdrawn posts)."""
    if isinstance(obj, Programme):
        title = f"{obj.name} ({obj.acronym})" if obj.acronym else obj.name
        return SearchKind.PROGRAMME, title, obj.summary, obj.get_absolute_url()
    if isinstance(obj, Call):
        if obj.status == CallStatus.DRAFT:
            return None
        return SearchKind.CALL, obj.title, f"{obj.programme.name} {obj.description}", obj.get_absolute_url()
    if isinstance(obj, BoardPost):
        if obj.withdrawn_at is not None:
            return None
        return SearchKind.POST, obj.title, f"{obj.text} {obj.organisation_label}", obj.get_absolute_url()
    if isinstance(obj, Organisation):
        title = str(obj)
        return SearchKind.ORGANISATION, title, "", f"/hub/?{urlencode({'q': obj.short_name})}"
    return None


def kind_of(obj) -> str | None:
    for model, kind in (
        (Programme, SearchKind.PROGRAMME),
        (Call, SearchKind.CALL),
        (BoardPost, SearchKind.POST),
        (Organisation, SearchKind.ORGANISATION),
    ):
        if isinstance(obj, model):
            return kind
    return None


def _fts_enabled() -> bool:
    return connection.vendor == "sqlite"


def index(obj) -> None:
    """Add, refresh or remove `obj`'s entry after it was saved."""
    document = _document(obj)
    if document is None:
        unindex(obj)
        return
    kind, title, text, url = document
    search_text = fold(f"{title} {text}")
    entry, _created = SearchEntry.objects.update_or_create(
        kind=kind,
        object_id=obj.pk,
        defaults={"title": title[:300], "text": text, "search_text": search_text, "url": url[:300]},
    )
    if _fts_enabled():
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM partnerships_search_fts WHERE rowid = %s", [entry.pk])
            cursor.execute(
                "INSERT INTO partnerships_search_fts (rowid, search_text) VALUES (%s, %s)", [entry.pk, search_text]
            )


def unindex(obj) -> None:
    kind = kind_of(obj)
    entries = list(SearchEntry.objects.filter(kind=kind, object_id=obj.pk).values_list("pk", flat=True))
    if not entries:
        return
    SearchEntry.objects.filter(pk__in=entries).delete()
    if _fts_enabled():
        with connection.cursor() as cursor:
            cursor.executemany("DELETE FROM partnerships_search_fts WHERE rowid = %s", [[pk] for pk in entries])


def rebuild_index() -> int:
    """Index every findable object again; returns how many entries there are."""
    SearchEntry.objects.all().delete()
    if _fts_enabled():
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM partnerships_search_fts")
    for queryset in (
        Programme.objects.all(),
        Call.objects.select_related("programme"),
        BoardPost.objects.select_related("organisation"),
        Organisation.objects.all(),
    ):
        for obj in queryset:
            index(obj)
    return SearchEntry.objects.count()


# --- searching ---


@dataclass(frozen=True)
class Hit:
    kind: str
    kind_label: str
    object_id: int
    title: str
    text: str
    url: str
    rank: float


def _ranked_ids(words: list[str], limit: int, kinds=None) -> list[tuple[int, float]]:
    if connection.vendor == "postgresql":
        query = SearchQuery(" & ".join(f"{word}:*" for word in words), search_type="raw", config="simple")
        entries = SearchEntry.objects.filter(kind__in=kinds) if kinds else SearchEntry.objects.all()
        rows = (
            entries.annotate(document=SearchVector("search_text", config="simple"))
            .filter(document=query)
            .annotate(rank=SearchRank(SearchVector("search_text", config="simple"), query))
            .order_by("-rank", "title")
            .values_list("pk", "rank")[:limit]
        )
        return [(pk, float(rank)) for pk, rank in rows]
    if _fts_enabled():
        match = " AND ".join(f'"{word}"*' for word in words)
        kinds = list(kinds or SearchKind.values)
        in_kinds = ", ".join(["%s"] * len(kinds))
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT partnerships_search_fts.rowid, bm25(partnerships_search_fts) AS score "  # noqa: S608  only placeholders are interpolated
                "FROM partnerships_search_fts JOIN partnerships_searchentry ON partnerships_searchentry.id = "
                "partnerships_search_fts.rowid WHERE partnerships_search_fts MATCH %s AND "
                f"partnerships_searchentry.kind IN ({in_kinds}) ORDER BY score LIMIT %s",
                [match, *kinds, limit],
            )
            # bm25 is lower for better matches; turn it into "higher is better" like ts_rank.
            return [(pk, -score) for pk, score in cursor.fetchall()]
    entries = SearchEntry.objects.filter(kind__in=kinds) if kinds else SearchEntry.objects.all()
    for word in words:
        entries = entries.filter(search_text__icontains=word)
    return [(pk, 0.0) for pk in entries.values_list("pk", flat=True)[:limit]]


def search(q: str, *, kinds=None, limit: int = 50, today=None) -> list[Hit]:
    """What matches every word of `q` (as a word prefix), best first; withdrawn and expired posts are never found."""
    words = query_words(q)
    if not words:
        return []
    ranked = _ranked_ids(words, limit * 2, kinds)
    entries = SearchEntry.objects.in_bulk([pk for pk, _rank in ranked])
    if kinds:
        entries = {pk: e for pk, e in entries.items() if e.kind in kinds}
    post_ids = [e.object_id for e in entries.values() if e.kind == SearchKind.POST]
    if post_ids:
        today = today or timezone.localdate()
        live = set(
            BoardPost.objects.filter(pk__in=post_ids, withdrawn_at__isnull=True, expires_on__gte=today).values_list(
                "pk", flat=True
            )
        )
        entries = {pk: e for pk, e in entries.items() if e.kind != SearchKind.POST or e.object_id in live}
    title_bonus = {pk: sum(1 for word in words if word in fold(e.title).split()) for pk, e in entries.items()}
    hits = [
        Hit(
            kind=entries[pk].kind,
            kind_label=str(SearchKind(entries[pk].kind).label),
            object_id=entries[pk].object_id,
            title=entries[pk].title,
            text=entries[pk].text,
            url=entries[pk].url,
            rank=rank + title_bonus[pk],
        )
        for pk, rank in ranked
        if pk in entries
    ]
    hits.sort(key=lambda hit: -hit.rank)
    return hits[:limit]


def ranked_objects(q: str, kind: str, limit: int = 500) -> dict[int, float]:
    """Object id → rank of the objects of one kind that match `q` (for the filters of the lists)."""
    return {hit.object_id: hit.rank for hit in search(q, kinds=[kind], limit=limit)}


def highlight(text: str, q: str) -> SafeString:
    """`text`, escaped, with every word that starts with a word of `q` (folded alike) in <mark>."""
    words = query_words(q)
    text = text or ""
    if not words:
        return escape(text)
    pieces, last = [], 0
    for found in _WORD.finditer(text):
        folded = fold(found.group())
        if any(part.startswith(word) for part in folded.split() for word in words):
            pieces.append(escape(text[last : found.start()]))
            pieces.append(f"<mark>{escape(found.group())}</mark>")
            last = found.end()
    pieces.append(escape(text[last:]))
    return mark_safe("".join(pieces))  # noqa: S308  every piece is escaped above

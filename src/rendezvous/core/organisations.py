"""One record per organisation: finding the one an applicant means, spotting likely duplicates, merging them.

Applicants type their organisation's name. "NASA", "nasa", "National Aeronautics and Space Administration" and
"National Aeronautics and Space Administration (NASA)" are one organisation; so are "Centre national d'études
spatiales" and "Centre National d'Etudes Spatiales". The report counts space agencies and international organizations
over these records, so each must be counted once.

Merging re-points every reference to the duplicate (registrations, programme speakers and chairs, hub records, people,
edition organisers: whatever model has a foreign key to Organisation, found through Django's model metadata, so core
imports none of the apps above it), then deletes the duplicate, in one transaction, audited.
"""

import re
import time
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Max, Sum
from django.db.models.functions import Length
from django.utils.translation import gettext as _

from . import audit
from .models import Organisation

_NAME_AND_ACRONYM = re.compile(r"^(?P<name>.+?)\s*\((?P<acronym>[^()]{2,20})\)$")


def fold(text: str) -> str:
    """Compare key without accents, case, punctuation or extra spaces ('Études-spatiales' -> 'etudes spatiales')."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(re.sub(r"[^\w]+", " ", plain.casefold()).split())


def _split(text: str) -> tuple[str, str]:
    """('National Aeronautics and Space Administration', 'NASA') from 'National Aeronautics ... (NASA)'."""
    match = _NAME_AND_ACRONYM.match(text.strip())
    if match:
        return match["name"], match["acronym"]
    return text, ""


@dataclass
class _Index:
    """Folded names and acronyms of every organisation, by id, kept per process.

    Checked against the table with one aggregate query per lookup (count, highest id, and the lengths of names and
    acronyms weighted by id): new records are added incrementally; anything else (a rename, a merge, an insert rolled
    back) rebuilds it. A hit is verified against the record itself, and a miss on an index older than
    `_STALE_AFTER` seconds rebuilds it once, so a rename the aggregate cannot see is found soon after.
    """

    state: tuple = ()
    built: float = 0.0
    names: dict[str, int] = field(default_factory=dict)
    acronyms: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))

    def add(self, pk: int, name: str, acronym: str) -> None:
        self.names.setdefault(fold(name), pk)
        if acronym:
            self.acronyms[fold(acronym)].add(pk)


_STALE_AFTER = 30.0
_index = _Index()


def _state() -> tuple[int, int, int, int]:
    totals = Organisation.objects.aggregate(
        count=Count("id"),
        top=Max("id"),
        names=Sum(Length("name") * F("id")),
        acronyms=Sum(Length("acronym") * F("id")),
    )
    return totals["count"], totals["top"] or 0, totals["names"] or 0, totals["acronyms"] or 0


def _current_index(*, rebuild: bool = False) -> _Index:
    global _index
    state = _state()
    index = _index
    if state == index.state and not rebuild:
        return index
    newer = list(
        Organisation.objects.filter(id__gt=index.state[1] if index.state else 0).values_list("id", "name", "acronym")
    )
    grown = (
        not rebuild
        and index.state
        and state
        == (
            index.state[0] + len(newer),
            state[1],
            index.state[2] + sum(len(name) * pk for pk, name, _acronym in newer),
            index.state[3] + sum(len(acronym) * pk for pk, _name, acronym in newer),
        )
    )
    if not grown:
        index = _Index(built=time.monotonic())
        newer = list(Organisation.objects.values_list("id", "name", "acronym"))
    for pk, name, acronym in newer:
        index.add(pk, name, acronym)
    index.state = state
    _index = index
    return index


def _lookup(index: _Index, text: str) -> Organisation | None:
    name, acronym = _split(text)
    for key in dict.fromkeys((fold(text), fold(name))):
        if key in index.names:
            found = Organisation.objects.filter(pk=index.names[key]).first()
            if found is not None and fold(found.name) == key:
                return found
    for key in dict.fromkeys(key for key in (fold(text), fold(acronym)) if key):
        matches = index.acronyms.get(key, set())
        if len(matches) == 1:
            found = Organisation.objects.filter(pk=next(iter(matches))).first()
            if found is not None and fold(found.acronym) == key:
                return found
    return None


def find_known(text: str) -> Organisation | None:
    """The organisation `text` names, by name or acronym, any case or accents; None if it is new.

    An exact name wins; then a name that folds the same; then an acronym ('nasa'); then 'Name (ACRONYM)' typed in
    full. Ambiguous acronyms (two organisations share it) match nothing.
    """
    text = " ".join(text.split())
    if not text:
        return None
    exact = Organisation.objects.filter(name__iexact=text).first()
    if exact is not None:
        return exact
    index = _current_index()
    found = _lookup(index, text)
    if found is None and time.monotonic() - index.built > _STALE_AFTER:
        found = _lookup(_current_index(rebuild=True), text)
    return found


def suggestions(limit: int = 500) -> list[str]:
    """What the registration form offers as the applicant types: the organisations with an acronym or of a kind the
    report names (space agencies, intergovernmental and non-governmental organizations), 'Name (ACRONYM)'."""
    rows = (
        Organisation.objects.exclude(acronym="", type__in=["government", "academia", "industry", "media", "other"])
        .order_by("name")
        .values_list("name", "acronym")[:limit]
    )
    return [f"{name} ({acronym})" if acronym and acronym not in name else name for name, acronym in rows]


@dataclass(frozen=True)
class LikelyDuplicate:
    keep: Organisation
    duplicate: Organisation
    reason: str


def likely_duplicates() -> list[LikelyDuplicate]:
    """Pairs that are probably one organisation: names that fold the same, one's name being the other's acronym, or
    the same acronym. The older record (smaller id) is proposed to keep."""
    organisations = list(Organisation.objects.order_by("id"))
    by_key: dict[str, list[Organisation]] = defaultdict(list)
    pairs: dict[tuple[int, int], LikelyDuplicate] = {}

    def add(a: Organisation, b: Organisation, reason: str) -> None:
        if a.pk == b.pk:
            return
        keep, duplicate = (a, b) if a.pk < b.pk else (b, a)
        pairs.setdefault((keep.pk, duplicate.pk), LikelyDuplicate(keep, duplicate, reason))

    for organisation in organisations:
        name, acronym = _split(organisation.name)
        by_key[f"name:{fold(name)}"].append(organisation)
        for candidate in {acronym, organisation.acronym} - {""}:
            by_key[f"acronym:{fold(candidate)}"].append(organisation)
    for organisation in organisations:
        for other in by_key.get(f"acronym:{fold(organisation.name)}", []):
            add(organisation, other, _("“%(name)s” is the acronym of the other") % {"name": organisation.name})
    for key, group in by_key.items():
        reason = _("same name") if key.startswith("name:") else _("same acronym")
        for other in group[1:]:
            add(group[0], other, reason)
    return sorted(pairs.values(), key=lambda pair: (pair.keep.name.casefold(), pair.duplicate.name.casefold()))


def can_merge(user) -> bool:
    """Organisations are shared by every edition: only staff (organisers sign in as staff) may merge them."""
    return bool(getattr(user, "is_authenticated", False) and user.is_staff)


def require_merge(user) -> None:
    if not can_merge(user):
        raise PermissionDenied(_("Only organisers may merge organisations."))


def _references() -> list[tuple[type, str]]:
    """(model, foreign key name) of every reference to an organisation, the rows behind plain many-to-many fields
    included (their through models are otherwise hidden)."""
    references = []
    # include_hidden: references declared with related_name="+" (speakers, edition organisers) count too.
    for relation in Organisation._meta.get_fields(include_hidden=True):
        if not relation.auto_created or relation.concrete:
            continue
        if relation.one_to_many or relation.one_to_one:
            references.append((relation.related_model, relation.field.name))
        elif relation.many_to_many and relation.through._meta.auto_created:
            through = relation.through
            for field in through._meta.fields:
                if field.is_relation and field.related_model is Organisation:
                    references.append((through, field.name))
    return list(dict.fromkeys(references))


def merge(actor, keep: Organisation, duplicate: Organisation) -> Organisation:
    """Move everything that refers to `duplicate` onto `keep`, keep what `keep` lacks (acronym, country, website),
    delete `duplicate`; audited. A reference that would repeat one `keep` already has (e.g. the same edition organiser
    twice) is dropped."""
    require_merge(actor)
    if keep.pk == duplicate.pk:
        raise ValueError(_("An organisation cannot be merged into itself."))
    with transaction.atomic():
        moved = 0
        for model, column in _references():
            rows = model._default_manager.filter(**{column: duplicate})
            try:
                with transaction.atomic():
                    moved += rows.update(**{column: keep})
            except IntegrityError:
                for row in rows:
                    try:
                        with transaction.atomic():
                            moved += model._default_manager.filter(pk=row.pk).update(**{column: keep})
                    except IntegrityError:
                        row.delete()
        for name in ("acronym", "country", "website"):
            if not getattr(keep, name) and getattr(duplicate, name):
                setattr(keep, name, getattr(duplicate, name))
        keep.save()
        audit.record(
            "organisation.merged",
            keep,
            actor=actor,
            summary=f"“{duplicate.name}” merged into “{keep.name}” ({moved} references moved)",
            merged_id=duplicate.pk,
            merged_name=duplicate.name,
            moved=moved,
        )
        duplicate.delete()
    return keep

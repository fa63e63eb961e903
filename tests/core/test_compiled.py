"""Queries and inserts compiled once (core.compiled): the same rows as the queryset or bulk_create, on every backend."""

import datetime
import uuid

import pytest
from django.db import connection
from django.db.models import Count, Q, Value
from django.db.models.functions import Concat
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from rendezvous.core.compiled import CompiledInsert, CompiledQuery
from rendezvous.core.models import AuditEntry
from rendezvous.registration.models import Registration, RegistrationPolicy
from tests.factories import RegistrationFactory, policy_for
from tests.factories import UpcomingEditionFactory as EditionFactory

pytestmark = pytest.mark.django_db


def _policy_dates(edition_id):
    return RegistrationPolicy.objects.filter(edition_id=edition_id).values_list("opens_at", "closes_at", "moderated")


def test_rows_are_the_querysets_with_its_conversions():
    edition = EditionFactory()
    policy = policy_for(edition)
    policy.opens_at = timezone.now() - datetime.timedelta(days=2, microseconds=7)
    policy.closes_at = None
    policy.save()
    compiled = CompiledQuery(_policy_dates)

    rows = compiled.rows(edition.pk)

    assert rows == list(_policy_dates(edition.pk)) == [(policy.opens_at, None, policy.moderated)]
    assert isinstance(rows[0][0], datetime.datetime) and rows[0][0].tzinfo is not None


def test_each_key_gives_its_own_rows():
    first, second = EditionFactory(), EditionFactory()
    for edition, count in ((first, 2), (second, 1)):
        policy_for(edition)
        for _ in range(count):
            RegistrationFactory(edition=edition)
    held = CompiledQuery(
        lambda edition_id: (
            Registration.objects.filter(edition_id=edition_id)
            .values_list("attendance")
            .annotate(n=Count("id"))
            .order_by()
        )
    )
    assert dict(held.rows(first.pk)) == {"in_person": 2}
    assert dict(held.rows(second.pk)) == {"in_person": 1}
    assert held.rows(-1) == []


def test_a_key_the_query_uses_twice_is_refused():
    twice = CompiledQuery(lambda key: RegistrationPolicy.objects.filter(edition_id=key, pk=key).values_list("pk"))
    with pytest.raises(ValueError, match="once"):
        twice.rows(1)


def test_lists_of_any_length_and_uuids_on_every_backend():
    edition = EditionFactory()
    policy_for(edition)
    people = [RegistrationFactory(edition=edition, form_token=uuid.uuid4()) for _ in range(3)]
    by_address_or_token = CompiledQuery(
        lambda edition_id, emails, tokens: (
            Registration.objects.filter(Q(edition_id=edition_id, email__in=emails) | Q(form_token__in=tokens))
            .order_by("pk")
            .values_list("email", "form_token")
        ),
        int,
        [str],
        [uuid.UUID],
    )

    found = by_address_or_token.rows(edition.pk, [people[0].email], [people[2].form_token, uuid.uuid4()])
    assert found == [(people[0].email, people[0].form_token), (people[2].email, people[2].form_token)]
    assert isinstance(found[0][1], uuid.UUID)
    # Another shape, then the first again with other values.
    assert by_address_or_token.rows(edition.pk, [people[1].email, "nobody@example.org"], []) == [
        (people[1].email, people[1].form_token)
    ]
    assert by_address_or_token.rows(-1, ["nobody@example.org"], [people[1].form_token]) == [
        (people[1].email, people[1].form_token)
    ]


def test_values_that_can_match_nothing_give_no_rows_as_the_queryset_does():
    edition = EditionFactory()
    policy_for(edition)
    RegistrationFactory(edition=edition)
    by_address = CompiledQuery(lambda emails: Registration.objects.filter(email__in=emails).values_list("email"), [str])
    assert list(Registration.objects.filter(email__in=[]).values_list("email")) == by_address.rows([]) == []
    assert by_address.rows(["nobody@example.org"]) == []


# --- CompiledInsert


def _audit_entries(edition, count: int, *, label: str) -> list[AuditEntry]:
    return [
        AuditEntry(
            action=f"{label}.created",
            object_type="registration.registration",
            object_id=str(index),
            edition=edition,
            summary=f"Entry {index} — «Zoë» \\ 'quoted'",
            data={"index": index, "names": ["Ngozi", "Zoë"], "nested": {"ok": True}},
        )
        for index in range(count)
    ]


def _stored(entries) -> list[tuple]:
    fields = ("actor_id", "object_type", "object_id", "edition_id", "summary", "data")
    return [
        tuple(getattr(stored, field) for field in fields) + (stored.action.split(".", 1)[1],)
        for stored in AuditEntry.objects.filter(pk__in=[entry.pk for entry in entries]).order_by("pk")
    ]


@pytest.mark.parametrize("count", [1, 2, 3, 13])
def test_inserted_rows_are_those_bulk_create_stores(count):
    edition = EditionFactory()
    compiled = CompiledInsert(AuditEntry)
    ours, theirs = _audit_entries(edition, count, label="ours"), _audit_entries(edition, count, label="theirs")
    before = timezone.now()

    returned = compiled.insert(ours)
    AuditEntry.objects.bulk_create(theirs)

    assert len(returned) == count and all(mine is back for mine, back in zip(ours, returned, strict=True))
    assert _stored(ours) == _stored(theirs)
    assert all(entry.pk is not None and not entry._state.adding and entry._state.db == "default" for entry in ours)
    assert len({entry.pk for entry in ours}) == count
    # pre_save ran: `at` (auto_now_add) is set on the objects and stored as set.
    stored_at = dict(AuditEntry.objects.filter(pk__in=[entry.pk for entry in ours]).values_list("pk", "at"))
    assert all(before <= entry.at == stored_at[entry.pk] for entry in ours)


def test_one_statement_per_shape_compiled_once_on_postgresql_and_bulk_create_elsewhere():
    edition = EditionFactory()
    compiled = CompiledInsert(AuditEntry)
    statements = []
    for count in (1, 3, 2, 5, 2):
        with CaptureQueriesContext(connection) as queries:
            compiled.insert(_audit_entries(edition, count, label="shape"))
        statements += [query["sql"] for query in queries.captured_queries]

    assert len(statements) == 5
    if connection.vendor == "postgresql":
        # Up to ROWS_AS_VALUES rows as rows of values, more as arrays: three shapes, each compiled once.
        assert ["UNNEST" in sql for sql in statements] == [False, True, False, True, False]
        assert sorted(compiled._compiled, key=str) == sorted(
            [(connection.settings_dict["NAME"], rows) for rows in (1, 2, None)], key=str
        )
    else:
        assert not compiled._compiled
    assert AuditEntry.objects.filter(action="shape.created").count() == 13


def test_an_unsaved_related_object_is_refused_as_bulk_create_refuses_it():
    compiled = CompiledInsert(AuditEntry)
    unsaved = EditionFactory.build()
    entries = _audit_entries(unsaved, 2, label="orphan")

    with pytest.raises(ValueError, match="unsaved related object"):
        compiled.insert(entries)
    assert not AuditEntry.objects.filter(action="orphan.created").exists()


def test_what_it_does_not_cover_goes_to_bulk_create():
    edition = EditionFactory()
    compiled = CompiledInsert(AuditEntry)
    with_expression = _audit_entries(edition, 2, label="expression")
    with_expression[1].summary = Concat(Value("made "), Value("in SQL"))
    with_key = _audit_entries(edition, 2, label="keyed")
    highest = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    with_key[0].pk = highest + 1000

    compiled.insert(with_expression)
    compiled.insert(with_key)

    assert AuditEntry.objects.get(pk=with_expression[1].pk).summary == "made in SQL"
    assert AuditEntry.objects.filter(pk=highest + 1000, action="keyed.created").exists()
    assert AuditEntry.objects.filter(action="keyed.created").count() == 2

"""Queries compiled once (core.compiled): the same rows as the queryset, converted the same way, on every backend."""

import datetime
import uuid

import pytest
from django.db.models import Count, Q
from django.utils import timezone

from rendezvous.core.compiled import CompiledQuery
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

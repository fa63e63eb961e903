"""Queries compiled once (core.compiled): the same rows as the queryset, converted the same way, on every backend."""

import datetime

import pytest
from django.db.models import Count
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

"""get_visible_edition(max_age=...): the registration form's hot path reuses a public edition read a moment ago."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from rendezvous.events import services
from rendezvous.events.models import Edition
from tests.factories import EditionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _nothing_remembered():
    services._recent_public_editions.clear()
    yield
    services._recent_public_editions.clear()


def test_a_public_edition_read_a_moment_ago_needs_no_query(django_assert_num_queries):
    edition = EditionFactory(status="published")
    first = services.get_visible_edition(AnonymousUser(), edition.slug, max_age=60)
    with django_assert_num_queries(0):
        again = services.get_visible_edition(AnonymousUser(), edition.slug, max_age=60)
    assert again == first == edition
    # Each reader gets an instance of its own: nothing set on one leaks into another request.
    assert again is not first
    again.title = "Changed in one request only"
    assert services.get_visible_edition(AnonymousUser(), edition.slug, max_age=60).title == edition.title


def test_a_reader_that_only_reads_may_share_the_remembered_instance(django_assert_num_queries):
    edition = EditionFactory(status="published")
    first = services.get_visible_edition(AnonymousUser(), edition.slug, max_age=60, shared=True)
    with django_assert_num_queries(0):
        shared = services.get_visible_edition(AnonymousUser(), edition.slug, max_age=60, shared=True)
        copied = services.get_visible_edition(AnonymousUser(), edition.slug, max_age=60)
    assert shared is services._recent_public_editions[edition.slug][1]
    assert copied is not shared and copied == shared == edition
    # The first reading itself is not the remembered instance: its caller may change it.
    assert first is not shared


def test_without_max_age_the_database_is_always_asked(django_assert_num_queries):
    edition = EditionFactory(status="published")
    services.get_visible_edition(AnonymousUser(), edition.slug, max_age=60)
    with django_assert_num_queries(1):
        services.get_visible_edition(AnonymousUser(), edition.slug)


def test_an_old_reading_is_not_used(django_assert_num_queries, monkeypatch):
    edition = EditionFactory(status="published")
    services.get_visible_edition(AnonymousUser(), edition.slug, max_age=60)
    moment, remembered = services._recent_public_editions[edition.slug]
    services._recent_public_editions[edition.slug] = (moment - 61, remembered)
    with django_assert_num_queries(1):
        services.get_visible_edition(AnonymousUser(), edition.slug, max_age=60)


def test_saving_an_edition_forgets_it_so_unpublishing_takes_effect_at_once():
    edition = EditionFactory(status="published")
    services.get_visible_edition(AnonymousUser(), edition.slug, max_age=60)
    edition.status = "draft"
    edition.save()
    with pytest.raises(Http404):
        services.get_visible_edition(AnonymousUser(), edition.slug, max_age=60)


def test_a_draft_edition_is_never_remembered():
    edition = EditionFactory(status="draft")
    with pytest.raises(Http404):
        services.get_visible_edition(AnonymousUser(), edition.slug, max_age=60)
    assert edition.slug not in services._recent_public_editions


def test_deleting_an_edition_forgets_it():
    edition = EditionFactory(status="published")
    services.get_visible_edition(AnonymousUser(), edition.slug, max_age=60)
    Edition.objects.get(pk=edition.pk).delete()
    assert services._recent_public_editions == {}
    with pytest.raises(Http404):
        services.get_visible_edition(AnonymousUser(), edition.slug, max_age=60)

"""Calls and results announced at a workshop show under the contribution in that edition's programme."""

import pytest
from django.core.cache import cache

from rendezvous.demo.loader import load_demo
from rendezvous.partnerships.models import Call

pytestmark = pytest.mark.django_db


@pytest.fixture
def haikou():
    return load_demo()


def test_the_special_event_announces_the_change_calls_and_results(client, haikou):
    cache.clear()
    html = client.get(f"/events/{haikou.slug}/programme/").content.decode()
    change6 = Call.objects.get(slug="change-6-international-payloads")
    change7 = Call.objects.get(slug="change-7-payloads")
    assert f'href="{change6.get_absolute_url()}"' in html
    assert "Results announced" in html and "4 selected" in html
    assert f'href="{change7.get_absolute_url()}"' in html


def test_publishing_or_moving_a_call_refreshes_the_cached_programme(client, haikou):
    url = f"/events/{haikou.slug}/programme/"
    client.get(url)
    call = Call.objects.get(slug="change-7-payloads")
    version = haikou.programme_version
    call.title = "Chang'e-7 international cooperation opportunities (renamed)"
    call.save()
    haikou.refresh_from_db()
    assert haikou.programme_version > version
    cache.clear()  # the cached programme state lives one second; the new version is what matters
    assert "(renamed)" in client.get(url).content.decode()

"""Every programme test starts and ends with an empty cache (the local-memory cache outlives a test): what a test
counts (queries, pages built, cache hits) is then its own."""

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()

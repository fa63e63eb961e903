"""Every HTML page carries the Content-Security-Policy and the Permissions-Policy.

"Every page" is found two ways, with the demo data loaded: each URL pattern of the urlconf that takes no argument,
and every same-site link reached from those pages (which fills in the slugs and ids), crawled as an anonymous
visitor, a participant and a superuser (who sees the organiser and admin pages).
"""

import re
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver

from rendezvous.core.middleware import PERMISSIONS_POLICY
from tests.factories import make_user

pytestmark = pytest.mark.django_db

# Why: the crawl stays bounded on a slow machine; the demo has fewer distinct page kinds than this.
MAX_PAGES_PER_VISITOR = 250
# Pages whose GET changes state or signs out are not crawled.
SKIP = re.compile(r"/(sign-out|logout)/|/admin/logout/|\.(ics|csv|docx|pdf|json)$|/feed/|/download")


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs, self.inline_scripts = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])
        if tag == "script" and "src" not in attrs and attrs.get("type") != "application/json":
            self.inline_scripts.append(attrs.get("nonce"))


def urls_without_arguments(patterns=None, prefix="") -> list[str]:
    found = []
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        route = str(entry.pattern)
        if isinstance(entry, URLResolver):
            found += urls_without_arguments(entry.url_patterns, prefix + route)
        elif isinstance(entry, URLPattern) and "<" not in route and "(" not in route and "^" not in route:
            found.append("/" + prefix + route)
    return found


def crawl(client, starts: list[str]) -> dict[str, object]:
    seen, queue, answers = set(), list(starts), {}
    while queue and len(answers) < MAX_PAGES_PER_VISITOR:
        url = urldefrag(queue.pop(0))[0]
        if url in seen or SKIP.search(url):
            continue
        seen.add(url)
        response = client.get(url)
        answers[url] = response
        if response.get("Content-Type", "").startswith("text/html") and response.status_code == 200:
            parser = Links()
            parser.feed(response.content.decode())
            for href in parser.hrefs:
                parts = urlsplit(href)
                if not parts.scheme and not parts.netloc and parts.path.startswith("/"):
                    queue.append(href)
    return answers


@pytest.fixture
def demo():
    call_command("load_demo", verbosity=0)


@pytest.mark.parametrize("visitor", ["anonymous", "participant", "superuser"])
def test_every_html_page_has_the_csp_and_permissions_policy(client, demo, visitor):
    if visitor == "participant":
        client.force_login(make_user("participant@example.org"))
    elif visitor == "superuser":
        client.force_login(make_user("root@example.org", superuser=True))
    answers = crawl(client, [*urls_without_arguments(), "/no-such-page/"])
    html = {url: response for url, response in answers.items() if response["Content-Type"].startswith("text/html")}
    assert len(html) > 20, sorted(html)
    assert not [url for url, response in answers.items() if response.status_code >= 500]
    for url, response in html.items():
        csp = response.get("Content-Security-Policy", "")
        assert "default-src 'self'" in csp and "base-uri 'none'" in csp and "frame-ancestors 'none'" in csp, url
        assert re.search(r"script-src 'self' 'nonce-[\w-]+'; style-src 'self';", csp), (url, csp)
        assert response["Permissions-Policy"] == PERMISSIONS_POLICY, url
        # An inline script runs only with this answer's nonce.
        parser = Links()
        parser.feed(response.content.decode())
        nonce = re.search(r"'nonce-([\w-]+)'", csp).group(1)
        assert all(script == nonce for script in parser.inline_scripts), (url, parser.inline_scripts)


def test_the_nonce_differs_between_answers(client):
    first = client.get("/accounts/sign-in/")["Content-Security-Policy"]
    second = client.get("/accounts/sign-in/")["Content-Security-Policy"]
    assert first != second


def test_json_answers_carry_no_page_policy(client):
    response = client.get("/api/health")
    assert response.status_code == 200 and "Permissions-Policy" not in response

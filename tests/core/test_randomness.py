"""Random strings (core.randomness): Django's contract — length, alphabet, every character equally likely — from one
read of the operating system's generator; the CSRF middleware draws its tokens with it."""

import base64
import collections
import os
import secrets
import string
import threading
import uuid

import pytest
from django.middleware import csrf
from django.test import RequestFactory
from django.urls import reverse
from django.utils.crypto import RANDOM_STRING_CHARS

from rendezvous.core import randomness
from rendezvous.core.randomness import random_string


@pytest.mark.parametrize("alphabet", [RANDOM_STRING_CHARS, "ABCDEFGHJKMNPQRSTUVWXYZ23456789", "ab", "x"])
def test_length_and_alphabet(alphabet):
    for length in (0, 1, 32, 100):
        text = random_string(length, alphabet)
        assert len(text) == length
        assert set(text) <= set(alphabet)


def test_every_character_is_equally_likely():
    # 62 characters do not divide 256: mapping every byte would make the first 8 come up a quarter more often.
    counts = collections.Counter(random_string(200_000))
    expected = 200_000 / len(RANDOM_STRING_CHARS)
    chi_square = sum((counts[char] - expected) ** 2 / expected for char in RANDOM_STRING_CHARS)
    assert set(counts) == set(RANDOM_STRING_CHARS)
    # 61 degrees of freedom: above 130 by chance about once in ten million runs; the biased mapping gives over 400.
    assert chi_square < 130


def test_an_alphabet_longer_than_a_byte_is_left_to_django():
    alphabet = "".join(chr(0x4E00 + i) for i in range(300))
    text = random_string(40, alphabet)
    assert len(text) == 40 and set(text) <= set(alphabet)


@pytest.fixture
def reads(monkeypatch):
    """The sizes of this thread's reads of the operating system's generator, from an empty block."""
    sizes = []
    real = os.urandom
    monkeypatch.setattr(randomness.os, "urandom", lambda n: sizes.append(n) or real(n))
    monkeypatch.setattr(randomness._block, "data", b"")
    return sizes


def test_the_generator_is_read_a_block_at_a_time(reads):
    strings = [random_string(32, csrf.CSRF_ALLOWED_CHARS) for _ in range(1000)]
    assert len(set(strings)) == 1000
    # Each string takes 32 + 16 + 8 bytes: 73 strings a block.
    assert reads == [randomness.BLOCK_BYTES] * 14


def test_no_byte_is_handed_out_twice(reads):
    drawn = b"".join(randomness.random_bytes(size) for size in (16, 1, 1000, 1024, 1024, 1024, 7))
    assert reads == [randomness.BLOCK_BYTES]
    assert drawn == randomness._block.data
    randomness.random_bytes(1)
    assert len(reads) == 2 and randomness._block.offset == 1


def test_a_large_read_goes_to_the_generator_directly(reads):
    assert len(randomness.random_bytes(randomness.BLOCK_BYTES)) == randomness.BLOCK_BYTES
    assert reads == [randomness.BLOCK_BYTES] and randomness._block.data == b""


def test_each_thread_reads_its_own_block(reads):
    drawn = {}

    def draw(name):
        drawn[name] = randomness.random_bytes(32)

    threads = [threading.Thread(target=draw, args=(name,)) for name in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    draw("main")
    assert len(set(drawn.values())) == 3 and len(reads) == 3


@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork is POSIX")
def test_a_forked_child_never_hands_out_what_its_parent_read_ahead():
    randomness.random_bytes(1)  # this thread's block is read
    reader, writer = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover (the child process)
        os.write(writer, randomness.random_bytes(64))
        os._exit(0)
    os.close(writer)
    os.waitpid(child, 0)
    from_child = os.read(reader, 64)
    os.close(reader)
    assert len(from_child) == 64
    assert randomness.random_bytes(64) != from_child


def test_uuids_and_url_safe_tokens_have_the_standard_forms():
    uuids = {randomness.uuid4() for _ in range(100)}
    assert len(uuids) == 100
    assert all(value.version == 4 and value.variant == uuid.RFC_4122 for value in uuids)
    token = randomness.token_urlsafe(18)
    assert len(token) == len(secrets.token_urlsafe(18)) == 24
    assert base64.urlsafe_b64decode(token) and set(token) <= set(string.ascii_letters + string.digits + "-_")


def test_csrf_tokens_are_drawn_with_it(reads):
    assert csrf.get_random_string is random_string
    token = csrf.get_token(RequestFactory().get("/"))
    assert len(token) == csrf.CSRF_TOKEN_LENGTH
    assert reads == [randomness.BLOCK_BYTES]  # the secret and its mask, from one block


def test_a_page_draws_its_values_from_the_block(client, reads):
    """The request id, the CSP nonce and the CSRF token of a page come from one read."""
    response = client.get(reverse("core:sign_in"))
    assert response.status_code == 200 and "nonce-" in response["Content-Security-Policy"]
    assert reads == [randomness.BLOCK_BYTES]

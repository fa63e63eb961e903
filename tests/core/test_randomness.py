"""Random strings (core.randomness): Django's contract — length, alphabet, every character equally likely — from one
read of the operating system's generator; the CSRF middleware draws its tokens with it."""

import collections
import os

import pytest
from django.middleware import csrf
from django.test import RequestFactory
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


def test_one_read_of_the_generator(monkeypatch):
    reads = []
    real = os.urandom
    monkeypatch.setattr(randomness.secrets, "token_bytes", lambda n: reads.append(n) or real(n))
    random_string(32, csrf.CSRF_ALLOWED_CHARS)
    assert len(reads) == 1


def test_csrf_tokens_are_drawn_with_it(monkeypatch):
    assert csrf.get_random_string is random_string
    reads = []
    real = randomness.secrets.token_bytes
    monkeypatch.setattr(randomness.secrets, "token_bytes", lambda n: reads.append(n) or real(n))
    token = csrf.get_token(RequestFactory().get("/"))
    assert len(token) == csrf.CSRF_TOKEN_LENGTH
    assert len(reads) == 2  # the secret and its mask

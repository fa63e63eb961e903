"""Random strings drawn from one call to the operating system's generator, not one call per character.

Django's `get_random_string` calls `secrets.choice` once per character, and each call reads `os.urandom`, which
releases the GIL. In a threaded worker under load another thread takes the GIL at each release, and the caller waits
for it back: a CSRF token for a new visitor (a secret and its mask, 64 characters) cost 64 hand-overs. On 2 cores
the bench's applicant journey (bench/registration_journey.lua) at concurrency 50 measured 275-305 journeys/s with
Django's function and 307-361 with this one, in three interleaved rounds against one server switched between them:
0.5-0.9 ms less gunicorn CPU per journey (issue 15).
"""

import secrets

from django.utils.crypto import RANDOM_STRING_CHARS, get_random_string


def random_string(length: int, allowed_chars: str = RANDOM_STRING_CHARS) -> str:
    """What `django.utils.crypto.get_random_string` returns: `length` characters, each drawn uniformly and
    independently from `allowed_chars` by the operating system's secure generator."""
    size = len(allowed_chars)
    if not 0 < size <= 256:
        return get_random_string(length, allowed_chars)
    # A byte maps to allowed_chars[byte % size]; bytes from the last multiple of `size` up are dropped, or the first
    # characters would come up more often than the others.
    usable = 256 - 256 % size
    chars: list[str] = []
    while len(chars) < length:
        chars.extend(
            allowed_chars[byte % size] for byte in secrets.token_bytes(length + length // 2 + 8) if byte < usable
        )
    return "".join(chars[:length])

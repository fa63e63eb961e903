"""Random bytes, strings, UUIDs and URL-safe tokens from the operating system's generator, read 4 KiB at a time.

Each read of `os.urandom` releases the GIL, and in a threaded worker under load another thread takes the GIL at
each release while the caller waits for it back. Django's `get_random_string` read it once per character: a CSRF
token for a new visitor (a secret and its mask, 64 characters) cost 64 hand-overs. On 2 cores the bench's applicant
journey (bench/registration_journey.lua) at concurrency 50 measured 275-305 journeys/s with Django's function and
307-361 with one read per string, in three interleaved rounds against one server switched between them: 0.5-0.9 ms
less gunicorn CPU per journey (issue 15). A page still drew four or five values of its own (request id, CSP nonce,
CSRF secret and mask, form token): now each thread reads a block and hands out its bytes in turn.

The bytes are the OS's; none is handed out twice. Each thread has its own block, and a forked child starts afresh,
so that two worker processes never share what their parent had read ahead.
"""

import base64
import os
import threading
import uuid

from django.utils.crypto import RANDOM_STRING_CHARS, get_random_string

BLOCK_BYTES = 4096


class _Block(threading.local):
    data = b""
    offset = 0
    generation = -1


_block = _Block()
# Bumped in a forked child, so that the block the forking thread had read ahead is never used by both processes.
_generation = 0


def _forked() -> None:
    global _generation  # noqa: PLW0603 (one counter per process)
    _generation += 1


os.register_at_fork(after_in_child=_forked)


def random_bytes(count: int) -> bytes:
    """`count` bytes of the operating system's secure generator, as `os.urandom(count)` gives them."""
    if count > BLOCK_BYTES // 4:
        return os.urandom(count)
    block = _block
    if block.generation != _generation or block.offset + count > len(block.data):
        block.data, block.offset, block.generation = os.urandom(BLOCK_BYTES), 0, _generation
    start = block.offset
    block.offset = start + count
    return block.data[start : start + count]


def uuid4() -> uuid.UUID:
    """What `uuid.uuid4()` gives: a random UUID, version 4."""
    return uuid.UUID(bytes=random_bytes(16), version=4)


def token_urlsafe(count: int) -> str:
    """What `secrets.token_urlsafe(count)` gives: `count` random bytes in unpadded URL-safe Base64."""
    return base64.urlsafe_b64encode(random_bytes(count)).rstrip(b"=").decode("ascii")


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
        chars.extend(allowed_chars[byte % size] for byte in random_bytes(length + length // 2 + 8) if byte < usable)
    return "".join(chars[:length])

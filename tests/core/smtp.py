"""A real SMTP server for tests: `from tests.core.smtp import smtp_server` and use the fixture.

The fixture starts aiosmtpd on 127.0.0.1 and a free port, points Django's SMTP e-mail backend at it, and collects what
it receives in `smtp_server.messages` (parsed `email.message.EmailMessage` objects). `stop()` and `start()` simulate
an outage: while stopped, connections are refused; `start()` listens again on the same port.
"""

import socket
import threading
from dataclasses import dataclass
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller

HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


@dataclass(frozen=True)
class Received:
    mail_from: str
    rcpt_tos: list[str]
    message: EmailMessage


class _Collector:
    def __init__(self, server: "SmtpServer"):
        self.server = server

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        message = message_from_bytes(envelope.original_content or envelope.content, policy=policy.default)
        with self.server.lock:
            self.server.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"


class SmtpServer:
    def __init__(self, host: str = HOST, port: int | None = None):
        self.host = host
        self.port = port or free_port()
        self.received: list[Received] = []
        self.lock = threading.Lock()
        self._controller: Controller | None = None

    @property
    def running(self) -> bool:
        return self._controller is not None

    @property
    def messages(self) -> list[EmailMessage]:
        with self.lock:
            return [item.message for item in self.received]

    def start(self) -> None:
        if self._controller is None:
            # A stopped Controller cannot start again (its event loop is closed), so each start makes a new one.
            controller = Controller(_Collector(self), hostname=self.host, port=self.port)
            controller.start()
            self._controller = controller

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def clear(self) -> None:
        with self.lock:
            self.received.clear()


@pytest.fixture
def smtp_server(settings):
    """A running SMTP server that Django's mail settings point at for the duration of the test."""
    server = SmtpServer()
    server.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = server.host
    settings.EMAIL_PORT = server.port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    try:
        yield server
    finally:
        server.stop()

"""A real local SMTP server for the mail tests (aiosmtpd): it collects what arrives, and can be
told to answer every message with a temporary failure ("451"), as a busy server does."""

import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller


@dataclass
class Collector:
    """The aiosmtpd handler: keeps every accepted message; `failing` refuses them with 451."""

    failing: bool = False
    received: list[EmailMessage] = field(default_factory=list)
    refused: int = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.failing:
            self.refused += 1
            return "451 4.3.0 Try again later"
        raw = envelope.original_content or envelope.content
        mail = message_from_bytes(raw, policy=policy.default)
        assert isinstance(mail, EmailMessage)
        mail["X-Envelope-To"] = ", ".join(envelope.rcpt_tos)
        self.received.append(mail)
        return "250 OK"

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.received if m["To"] == address]


def free_port() -> int:
    """A port nothing listens on (closed again at once: connecting to it is refused)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def smtp_server(
    port: int | None = None, *, failing: bool = False
) -> Iterator[tuple[Collector, int]]:
    """A running SMTP server on 127.0.0.1 (a free port unless given): its collector and port."""
    collector = Collector(failing=failing)
    port = port or free_port()
    controller = Controller(collector, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield collector, port
    finally:
        controller.stop()


def body(mail: EmailMessage) -> str:
    """The plain-text body, decoded."""
    part = mail.get_body(preferencelist=("plain",))
    assert part is not None
    return str(part.get_content())

"""The SMTP server from the settings, and sending one message (standard library only)."""

import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid, parseaddr
from types import TracebackType
from urllib.parse import parse_qs, urlsplit

from dataio.errors import ValidationFailed
from dataio.settings import Settings
from models.i18n import M_

TIMEOUT_SECONDS = 30
DEFAULT_SENDER = "Bo trygt <botrygt@localhost>"


@dataclass(frozen=True)
class SmtpConfig:
    """Where and how to send: host, port, TLS, login and the sender."""

    host: str
    port: int
    tls: bool  # smtps://: TLS from the first byte
    starttls: bool  # smtp://…?starttls=1: upgrade the plain connection
    user: str
    password: str
    sender: str


def smtp_config(settings: Settings) -> SmtpConfig:
    """The server from BOTRYGT_SMTP_URL (smtp://host:port or smtps://host:port, optionally
    ?starttls=1); ValidationFailed names the variable and what is wrong with it."""
    url = settings.smtp_url
    if not url:
        raise ValidationFailed(
            M_("BOTRYGT_SMTP_URL er ikke sat (fx smtp://mail.kommune.dk:25 eller smtps://…:465)")
        )
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise ValidationFailed(
            M_("BOTRYGT_SMTP_URL er ugyldig ({url}): {error}", url=url, error=error)
        ) from error
    if parts.scheme not in {"smtp", "smtps"}:
        raise ValidationFailed(
            M_("BOTRYGT_SMTP_URL skal begynde med smtp:// eller smtps:// (ikke {url})", url=url)
        )
    if not parts.hostname:
        raise ValidationFailed(M_("BOTRYGT_SMTP_URL mangler en server ({url})", url=url))
    if parts.username or parts.password:
        raise ValidationFailed(
            M_(
                "BOTRYGT_SMTP_URL må ikke indeholde brugernavn eller adgangskode: brug "
                "BOTRYGT_SMTP_USER og BOTRYGT_SMTP_PASSWORD"
            )
        )
    query = parse_qs(parts.query)
    starttls = query.get("starttls", ["0"])[-1].strip().lower() in {"1", "true", "yes", "ja"}
    tls = parts.scheme == "smtps"
    if tls and starttls:
        raise ValidationFailed(M_("BOTRYGT_SMTP_URL: starttls giver kun mening med smtp://"))
    sender = settings.mail_from or DEFAULT_SENDER
    if "@" not in parseaddr(sender)[1]:
        raise ValidationFailed(
            M_("BOTRYGT_MAIL_FROM er ikke en e-mailadresse: {sender}", sender=sender)
        )
    return SmtpConfig(
        host=parts.hostname,
        port=port or (465 if tls else 25),
        tls=tls,
        starttls=starttls,
        user=settings.smtp_user,
        password=settings.smtp_password,
        sender=sender,
    )


def message(
    config: SmtpConfig, *, to: str, subject: str, body: str, unsubscribe: str | None = None
) -> EmailMessage:
    """A UTF-8 plain-text message (with List-Unsubscribe when given: a URL or mailto)."""
    mail = EmailMessage()
    mail["From"] = config.sender
    mail["To"] = to
    mail["Subject"] = subject
    mail["Date"] = formatdate(localtime=True)
    domain = parseaddr(config.sender)[1].rpartition("@")[2] or None
    mail["Message-ID"] = make_msgid(domain=domain)
    mail["Auto-Submitted"] = "auto-generated"
    if unsubscribe:
        mail["List-Unsubscribe"] = f"<{unsubscribe}>"
    mail.set_content(body, charset="utf-8")
    return mail


def error_text(error: BaseException) -> str:
    """Why a send failed, for the outbox and the terminal (the server's code and words kept)."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        refused = [f"{code} {_text(reply)}" for code, reply in error.recipients.values()]
        return "modtageren blev afvist: " + "; ".join(refused)
    if isinstance(error, smtplib.SMTPResponseException):
        return f"serveren svarede {error.smtp_code} {_text(error.smtp_error)}"
    if isinstance(error, ConnectionRefusedError):
        return "serveren afviste forbindelsen"
    if isinstance(error, TimeoutError):
        return "serveren svarede ikke i tide"
    if isinstance(error, smtplib.SMTPServerDisconnected):
        return f"serveren lukkede forbindelsen ({error})"
    return f"{type(error).__name__}: {error}"


def _text(reply: bytes | str) -> str:
    return reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)


class Mailer:
    """One connection for a run's mails, opened on first use and again after a failure."""

    def __init__(self, config: SmtpConfig) -> None:
        self.config = config
        self._server: smtplib.SMTP | None = None

    def _connect(self) -> smtplib.SMTP:
        config = self.config
        server: smtplib.SMTP
        if config.tls:
            server = smtplib.SMTP_SSL(
                config.host,
                config.port,
                timeout=TIMEOUT_SECONDS,
                context=ssl.create_default_context(),
            )
        else:
            server = smtplib.SMTP(config.host, config.port, timeout=TIMEOUT_SECONDS)
            if config.starttls:
                server.starttls(context=ssl.create_default_context())
        if config.user:
            server.login(config.user, config.password)
        return server

    def send(self, mail: EmailMessage) -> None:
        """Send, or raise (smtplib.SMTPException or OSError); a failure drops the connection."""
        try:
            if self._server is None:
                self._server = self._connect()
            self._server.send_message(mail)
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        server, self._server = self._server, None
        if server is not None:
            try:
                server.quit()
            except (smtplib.SMTPException, OSError):
                server.close()

    def __enter__(self) -> "Mailer":
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

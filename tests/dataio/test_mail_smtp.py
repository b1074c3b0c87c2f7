"""BOTRYGT_SMTP_URL read into a server config, and a failure's words (dataio.mail.smtp)."""

import smtplib

import pytest

from dataio.errors import ValidationFailed
from dataio.mail.smtp import error_text, message, smtp_config
from dataio.settings import Settings


def settings(url: str, *, sender: str = "", user: str = "") -> Settings:
    return Settings(
        database_url="",
        demo_mode=False,
        cookie_key="",
        smtp_url=url,
        mail_from=sender,
        smtp_user=user,
    )


@pytest.mark.parametrize(
    ("url", "host", "port", "tls", "starttls"),
    [
        ("smtp://127.0.0.1:2525", "127.0.0.1", 2525, False, False),
        ("smtp://mail.kommune.dk", "mail.kommune.dk", 25, False, False),
        ("smtps://mail.kommune.dk", "mail.kommune.dk", 465, True, False),
        ("smtp://mail.kommune.dk:587?starttls=1", "mail.kommune.dk", 587, False, True),
    ],
)
def test_urls(url: str, host: str, port: int, tls: bool, starttls: bool) -> None:
    config = smtp_config(settings(url, user="svc"))
    assert (config.host, config.port, config.tls, config.starttls) == (host, port, tls, starttls)
    assert config.user == "svc"


@pytest.mark.parametrize(
    ("url", "sender", "words"),
    [
        ("", "", "BOTRYGT_SMTP_URL er ikke sat"),
        ("mail.kommune.dk:25", "", "smtp:// eller smtps://"),
        ("smtp://:25", "", "mangler en server"),
        ("smtp://host:99999", "", "BOTRYGT_SMTP_URL er ugyldig"),
        ("smtps://host:465?starttls=1", "", "starttls"),
        ("smtp://host:25", "ikke en adresse", "BOTRYGT_MAIL_FROM"),
    ],
)
def test_bad_settings_are_named(url: str, sender: str, words: str) -> None:
    with pytest.raises(ValidationFailed, match=words):
        smtp_config(settings(url, sender=sender))


def test_a_message_is_utf8_with_a_danish_subject_and_unsubscribe() -> None:
    config = smtp_config(settings("smtp://host:25", sender="Bo trygt <bo@kommune.dk>"))
    mail = message(
        config,
        to="a@b.dk",
        subject="Status for måltal",
        body="Kære Ø\n",
        unsubscribe="https://x/Min_konto",
    )
    assert (
        mail["Subject"] == "Status for måltal"
        and mail["List-Unsubscribe"] == "<https://x/Min_konto>"
    )
    assert mail.get_content_charset() == "utf-8" and mail.get_content() == "Kære Ø\n"
    assert mail["Message-ID"].endswith("@kommune.dk>")


@pytest.mark.parametrize(
    ("error", "words"),
    [
        (
            smtplib.SMTPDataError(451, b"4.3.0 Try again later"),
            "serveren svarede 451 4.3.0 Try again later",
        ),
        (
            smtplib.SMTPRecipientsRefused({"a@b.dk": (550, b"No such user")}),
            "modtageren blev afvist: 550 No such user",
        ),
        (ConnectionRefusedError(111, "Connection refused"), "serveren afviste forbindelsen"),
        (TimeoutError(), "serveren svarede ikke i tide"),
    ],
)
def test_error_words(error: BaseException, words: str) -> None:
    assert error_text(error) == words

"""An upload is read once per file and data version, refusals included."""

import pytest

from dataio.errors import ValidationFailed
from ui.uploads import Store, remembered


def test_a_file_is_read_once_and_a_new_file_or_version_reads_again() -> None:
    store: Store = {}
    calls: list[str] = []

    def read(name: str) -> str:
        calls.append(name)
        return name.upper()

    for _ in range(3):  # three reruns of the page with the same file
        assert remembered(store, purpose="plan", key=("f1", 7), read=lambda: read("a")) == "A"
    assert calls == ["a"]
    assert remembered(store, purpose="plan", key=("f1", 8), read=lambda: read("b")) == "B"
    assert remembered(store, purpose="plan", key=("f2", 8), read=lambda: read("c")) == "C"
    assert remembered(store, purpose="dst", key=("f2", 8), read=lambda: read("d")) == "D"
    assert calls == ["a", "b", "c", "d"] and set(store) == {"plan", "dst"}


def test_a_refusal_is_kept_too() -> None:
    store: Store = {}
    calls = 0

    def refuse() -> str:
        nonlocal calls
        calls += 1
        raise ValidationFailed("Excel-filen er for stor udpakket")

    for _ in range(3):
        with pytest.raises(ValidationFailed, match="for stor"):
            remembered(store, purpose="plan", key=("bomb", None), read=refuse)
    assert calls == 1

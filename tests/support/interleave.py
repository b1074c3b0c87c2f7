"""Deterministic interleavings of two writers: run a rival's whole write between one writer's
read and its write, by hooking the first statement that writes the table (no threads, no luck)."""

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, event

from dataio.db.engine import make_engine


def second_engine(engine: Engine) -> Engine:
    """Another engine (its own connections) on the same database."""
    return make_engine(engine.url.render_as_string(hide_password=False))


@contextmanager
def rival_before_write(
    engine: Engine, *, table: str, rival: Callable[[], Any]
) -> Iterator[list[str]]:
    """While inside, the first UPDATE or DELETE of `table` on `engine` first waits for `rival()`
    (which must write through another engine) to finish; yields the list of statements hooked."""
    pattern = re.compile(rf"^\s*(UPDATE|DELETE\s+FROM)\s+\"?{table}\"?\s", re.IGNORECASE)
    hooked: list[str] = []

    def before(_conn: object, _cursor: object, statement: str, *_rest: object) -> None:
        if not hooked and pattern.match(statement):
            hooked.append(statement)
            rival()

    event.listen(engine, "before_cursor_execute", before)
    try:
        yield hooked
    finally:
        event.remove(engine, "before_cursor_execute", before)

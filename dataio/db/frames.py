"""Reading a select into a DataFrame, on an engine or inside an open session."""

from typing import Any

import pandas as pd
from sqlalchemy import Engine, case, func
from sqlalchemy.sql import Select
from sqlmodel import Session

Connectable = Engine | Session


def read_frame(con: Connectable, statement: Select[*tuple[Any, ...]]) -> pd.DataFrame:
    """Run a select on an engine, or inside a session's open transaction."""
    connection = con.connection() if isinstance(con, Session) else con
    return pd.read_sql(statement, connection)


def any_true(column):
    """True if any row in the group is true (portable across SQLite and PostgreSQL)."""
    return func.max(case((column, 1), else_=0)) == 1

"""An engine SQL expression evaluated over a list of cells, for the tests that hold
the SQL and its Python twin together."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import duckdb


def over_cells(
    expression: str,
    cells: Sequence[object],
    *,
    column: str = "t",
    con: duckdb.DuckDBPyConnection | None = None,
) -> list[Any]:
    """``expression`` (SQL over ``column``) for each cell, in the cells' order."""
    rows = (
        (con or duckdb.connect())
        .execute(
            f"SELECT {expression} FROM (SELECT unnest($cells) AS {column}, "
            "generate_subscripts($cells, 1) AS i) ORDER BY i",
            {"cells": list(cells)},
        )
        .fetchall()
    )
    return [r[0] for r in rows]

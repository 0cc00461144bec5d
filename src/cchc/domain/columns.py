"""Many reports as one matrix: a row per report, a column per indicator.

Validating ten thousand reports one by one in Python costs about half a
millisecond each; most of that is confirming numbers that are fine. The
matrix lets each rule find, in one vectorised pass, the few reports where it
might have something to say; the rule's ordinary per-report code then
decides and words the finding. A filter may only ever over-select: it must
never miss a report the per-report code would flag.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from cchc.domain.catalog import Catalog
from cchc.domain.formula import Formula
from cchc.domain.report import ReportData

__all__ = ["Columns", "Matrix", "Rows", "matches_reported_rows"]

Matrix = npt.NDArray[np.float64]
Rows = npt.NDArray[np.bool_]

_NAN = float("nan")


class Columns:
    """Reported values of many reports, plus the per-value facts rules ask about."""

    def __init__(self, reports: Sequence[ReportData], catalog: Catalog) -> None:
        self.reports = reports
        self.keys = catalog.keys
        self.index = {key: j for j, key in enumerate(self.keys)}
        width = len(self.keys)
        index = self.index
        rows: list[list[float]] = []
        flagged = np.zeros(len(reports), dtype=bool)
        narrative = np.zeros(len(reports), dtype=bool)
        for r, report in enumerate(reports):
            row = [_NAN] * width
            has_flags = False
            for key, value in report.values.items():
                number = value.value
                if number is not None:
                    j = index.get(key)
                    if j is not None:
                        row[j] = number
                if value.flags:
                    has_flags = True
            rows.append(row)
            flagged[r] = has_flags
            narrative[r] = bool(report.narrative_values or report.sections)
        self.values: Matrix = np.array(rows, dtype=np.float64).reshape(len(reports), width)
        self.reported: npt.NDArray[np.bool_] = ~np.isnan(self.values)
        self.computed = np.zeros_like(self.reported)
        # Which deriver (1-based, in derivation order) filled each computed cell.
        self.derived_by = np.zeros(self.values.shape, dtype=np.int16)
        self.deriving = 0
        self.flagged_rows: Rows = flagged
        self.narrative_rows: Rows = narrative
        # Set by the caller: rows whose unit has an earlier report of the same year.
        self.previous_rows: Rows = np.zeros(len(reports), dtype=bool)

    def __len__(self) -> int:
        return len(self.reports)

    def column(self, key: str) -> Matrix:
        return self.values[:, self.index[key]]

    def was_reported(self, key: str) -> Rows:
        """Rows where the unit itself gave the value (not computed by the system)."""
        return self.reported[:, self.index[key]]

    def present(self, key: str) -> Rows:
        return ~np.isnan(self.values[:, self.index[key]])

    def set_derived(self, key: str, rows: Rows, values: Matrix) -> None:
        j = self.index[key]
        self.values[rows, j] = values[rows]
        self.computed[rows, j] = True
        self.derived_by[rows, j] = self.deriving

    def decimals(self, key: str, rows: Rows) -> npt.NDArray[np.float64]:
        """Decimals the unit wrote for ``key``, read for ``rows`` only (0 elsewhere)."""
        result = np.zeros(len(self.reports), dtype=np.float64)
        for r in np.flatnonzero(rows):
            value = self.reports[int(r)].values.get(key)
            if value is not None and value.value is not None:
                result[r] = value.decimals
        return result

    def evaluate(self, formula: Formula, *, zero_blanks: bool = False) -> Matrix:
        """A formula over every row; NaN where an operand is blank or a divisor is 0.

        With ``zero_blanks`` blanks count as 0, except in rows where every operand is blank.
        """
        if zero_blanks:
            any_present = np.zeros(len(self.reports), dtype=bool)
            for key in formula.keys:
                any_present |= self.present(key)

            def operand(key: str) -> Matrix:
                return np.nan_to_num(self.column(key), nan=0.0)
        else:
            any_present = None

            def operand(key: str) -> Matrix:
                return self.column(key)

        with np.errstate(divide="ignore", invalid="ignore"):
            result = formula.evaluate_with(operand, _divide)
        result = np.broadcast_to(np.asarray(result, dtype=np.float64), (len(self.reports),)).copy()
        if any_present is not None:
            result[~any_present] = _NAN
        return result

    def partly_present(self, keys: Sequence[str]) -> Rows:
        """Rows where some but not all of ``keys`` have a value."""
        present = np.stack([self.present(k) for k in keys]) if keys else np.zeros((0, len(self)))
        return np.asarray(present.any(axis=0) & ~present.all(axis=0), dtype=bool)


def _divide(a: Matrix, b: Matrix) -> Matrix:
    return np.asarray(np.where(b == 0, _NAN, a / np.where(b == 0, 1.0, b)), dtype=np.float64)


def matches_reported_rows(actual: Matrix, expected: Matrix, decimals: Matrix) -> Rows:
    """Vectorised fast path of ``precision.matches_reported``; False means "look closer"."""
    scale = np.power(10.0, decimals)
    scaled = expected * scale
    target = actual * scale
    near = np.abs(scaled - target) < 1.0
    rounded = np.abs(np.floor(scaled + 0.5) - target) < 1e-6
    truncated = np.abs(np.floor(scaled) - target) < 1e-6
    return np.asarray(near & (rounded | truncated), dtype=bool)

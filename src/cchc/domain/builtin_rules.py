"""Registration of the built-in rule kinds: the plugin named in the default settings.

A province's extension module has the same shape: a ``register(kinds)``
function named under ``plugins:`` in its settings file.
"""

from __future__ import annotations

from cchc.domain import checks
from cchc.domain.rules import RuleKinds
from cchc.domain.value_rules import VALUE_RULES, value_kind

__all__ = ["register"]


def register(kinds: RuleKinds) -> None:
    kinds.register("formula", checks.formula_kind)
    kinds.register("sum", checks.sum_kind)
    kinds.register("compare", checks.compare_kind)
    kinds.register("cumulative", checks.cumulative_kind)
    kinds.register("narrative", checks.narrative_kind)
    for name in VALUE_RULES:
        kinds.register(name, value_kind)
    kinds.register_narrative("table-vs-narrative", checks.table_vs_narrative)

"""Compiling: counts add, rates are recomputed, codes become distributions, nothing is averaged."""

from __future__ import annotations

import math
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cchc.domain.catalog import Aggregation
from cchc.domain.compiling import CompileError, compile_reports, distribution_label
from cchc.domain.findings import Severity
from cchc.domain.periods import Period, PeriodKind
from cchc.domain.report import ReportData, UnitRef, Value
from cchc.domain.units import Level, Unit, UnitTree
from cchc.registry import Registry

Q3 = Period(2023, PeriodKind.Q3)
RESOLVED = "procedures.results.district.resolved"
ON_TIME = "procedures.results.district.on_time"
RATE = "procedures.results.district.on_time_rate"
REGISTRY = Registry(use_env=False)


def unit_report(
    code: str, values: dict[str, float | int | None], period: Period = Q3
) -> ReportData:
    return ReportData(
        UnitRef(code, f"UBND {code}", "district"),
        period,
        "bm-2023",
        {k: Value(v) for k, v in values.items()},
    )


def test_rates_are_recomputed_from_added_components_not_averaged(registry: Registry) -> None:
    small = unit_report("a", {RESOLVED: 10, ON_TIME: 10, RATE: 100})
    large = unit_report("b", {RESOLVED: 1000, ON_TIME: 500, RATE: 50})
    compiled = compile_reports([small, large], registry.catalog)
    assert compiled.value(RESOLVED) == 1010
    assert compiled.value(ON_TIME) == 510
    # 510 / 1010, not the mean of 100 % and 50 %.
    assert compiled.value(RATE) == pytest.approx(50.4950495)
    assert compiled.values[RATE].method is Aggregation.FORMULA


def test_every_compiled_number_traces_to_its_units(registry: Registry) -> None:
    compiled = compile_reports(
        [
            unit_report("a", {RESOLVED: 10}),
            unit_report("b", {RESOLVED: 1000}),
            unit_report("c", {}),
        ],
        registry.catalog,
    )
    contributions = compiled.values[RESOLVED].contributions
    assert [(c.unit, c.value, c.reported_by) for c in contributions] == [
        ("a", 10, "a"),
        ("b", 1000, "b"),
    ]
    assert compiled.values[RESOLVED].units == ["a", "b"]


def test_codes_become_distributions(registry: Registry) -> None:
    reports = [unit_report(code, {"egov.lgsp": v}) for code, v in [("a", 2), ("b", 2), ("c", 1)]]
    compiled = compile_reports(reports, registry.catalog)
    item = compiled.values["egov.lgsp"]
    assert item.value is None
    assert item.distribution == {0: 0, 1: 1, 2: 2}
    assert distribution_label(item, registry.catalog.get("egov.lgsp"), 3) == (
        "Chưa: 0/3 đơn vị; Đang làm: 1/3 đơn vị; Hoàn thành: 2/3 đơn vị"
    )


def test_numbers_that_do_not_add_across_units_are_listed_per_unit(registry: Registry) -> None:
    key = "procedures.inventory.total.district"
    compiled = compile_reports(
        [unit_report("a", {key: 204}), unit_report("b", {key: 310})], registry.catalog
    )
    item = compiled.values[key]
    assert item.value is None
    assert (item.minimum, item.maximum) == (204, 310)
    assert [c.value for c in item.contributions] == [204, 310]


def test_a_rate_over_components_reported_by_different_units_is_flagged(registry: Registry) -> None:
    compiled = compile_reports(
        [unit_report("a", {RESOLVED: 10, ON_TIME: 9}), unit_report("b", {RESOLVED: 1000})],
        registry.catalog,
    )
    warning = next(f for f in compiled.findings if f.rule == "tong-hop-thanh-phan-khong-dong-bo")
    assert warning.severity is Severity.WARNING
    assert "mục 3.2.2: 1 đơn vị" in warning.message
    assert "mục 3.2.1: 2 đơn vị" in warning.message


def test_reports_of_different_periods_are_not_mixed(registry: Registry) -> None:
    with pytest.raises(CompileError, match="nhiều kỳ"):
        compile_reports(
            [unit_report("a", {}), unit_report("b", {}, Period(2023, PeriodKind.Q2))],
            registry.catalog,
        )


def test_a_second_report_of_the_same_unit_is_an_error_and_not_added(registry: Registry) -> None:
    compiled = compile_reports(
        [unit_report("a", {RESOLVED: 10}), unit_report("a", {RESOLVED: 99})], registry.catalog
    )
    assert compiled.value(RESOLVED) == 10
    assert [f.rule for f in compiled.findings] == ["tong-hop-bao-cao-trung"]


LEVELS = [Level("province", "Cấp tỉnh"), Level("district", "Cấp huyện"), Level("commune", "Cấp xã")]


def _tree() -> UnitTree:
    end = date(2025, 6, 30)
    return UnitTree(
        [
            Unit("tinh", "UBND tỉnh", "province"),
            Unit(
                "huyen-a",
                "UBND huyện A",
                "district",
                parent="tinh",
                valid_to=end,
                successors=("xa-moi",),
            ),
            Unit(
                "huyen-b",
                "UBND huyện B",
                "district",
                parent="tinh",
                valid_to=end,
                successors=("xa-moi",),
            ),
            Unit(
                "huyen-c",
                "UBND huyện C",
                "district",
                parent="tinh",
                valid_to=end,
                successors=("xa-c",),
            ),
            Unit("xa-moi", "UBND xã Mới", "commune", parent="tinh", valid_from=date(2025, 7, 1)),
            Unit("xa-c", "UBND xã C", "commune", parent="tinh", valid_from=date(2025, 7, 1)),
            Unit("tinh-khac", "UBND tỉnh khác", "province"),
            Unit("huyen-x", "UBND huyện X", "district", parent="tinh-khac"),
        ],
        LEVELS,
    )


def test_completeness_counts_expected_and_received_units(registry: Registry) -> None:
    compiled = compile_reports(
        [unit_report("huyen-a", {RESOLVED: 1}), unit_report("huyen-c", {RESOLVED: 2})],
        registry.catalog,
        tree=_tree(),
        compiler="tinh",
        at=date(2023, 9, 30),
    )
    assert compiled.completeness is not None
    assert compiled.completeness.label == "2/3 đơn vị"
    assert compiled.completeness.missing == ["huyen-b"]


def test_merged_units_roll_up_into_their_successor(registry: Registry) -> None:
    compiled = compile_reports(
        [
            unit_report("huyen-a", {RESOLVED: 100}),
            unit_report("huyen-b", {RESOLVED: 50}),
            unit_report("huyen-c", {RESOLVED: 7}),
        ],
        registry.catalog,
        tree=_tree(),
        compiler="tinh",
        at=date(2026, 1, 1),
    )
    assert compiled.rollups == [("huyen-a", "xa-moi"), ("huyen-b", "xa-moi"), ("huyen-c", "xa-c")]
    assert compiled.units == ["xa-moi", "xa-c"]
    assert compiled.value(RESOLVED) == 157
    by_unit = [(c.unit, c.reported_by, c.value) for c in compiled.values[RESOLVED].contributions]
    assert by_unit == [
        ("xa-moi", "huyen-a", 100),
        ("xa-moi", "huyen-b", 50),
        ("xa-c", "huyen-c", 7),
    ]
    # Today's structure is what is expected: two communes, both covered by 2023 reports.
    assert compiled.completeness is not None
    assert compiled.completeness.label == "2/2 đơn vị"


def test_a_unit_outside_the_compiler_is_refused(registry: Registry) -> None:
    compiled = compile_reports(
        [unit_report("huyen-a", {RESOLVED: 1}), unit_report("huyen-x", {RESOLVED: 1000})],
        registry.catalog,
        tree=_tree(),
        compiler="tinh",
        at=date(2023, 9, 30),
    )
    assert compiled.value(RESOLVED) == 1
    refused = [f for f in compiled.findings if f.rule == "tong-hop-ngoai-pham-vi"]
    assert len(refused) == 1
    assert refused[0].unit == "huyen-x"


counts = st.one_of(st.none(), st.integers(min_value=0, max_value=10**7))
amounts = st.one_of(st.none(), st.floats(min_value=0, max_value=1e9, allow_nan=False))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(counts, counts, amounts), min_size=1, max_size=40))
def test_compiled_sums_equal_the_units_sums_and_rates_their_ratio(
    rows: list[tuple[object, ...]],
) -> None:
    registry = REGISTRY
    planned, disbursed = "finance.public_investment.planned", "finance.public_investment.disbursed"
    reports = [
        unit_report(f"u{i}", {RESOLVED: r, ON_TIME: o, planned: a, disbursed: a})  # type: ignore[dict-item]
        for i, (r, o, a) in enumerate(rows)
    ]
    compiled = compile_reports(reports, registry.catalog)
    resolved = [r for r, _, _ in rows if r is not None]
    on_time = [o for _, o, _ in rows if o is not None]
    money = [a for _, _, a in rows if a is not None]
    assert compiled.value(RESOLVED) == (sum(resolved) if resolved else None)  # type: ignore[arg-type]
    assert compiled.value(ON_TIME) == (sum(on_time) if on_time else None)  # type: ignore[arg-type]
    assert compiled.value(planned) == (math.fsum(money) if money else None)  # type: ignore[arg-type]
    total_resolved, total_on_time = compiled.value(RESOLVED), compiled.value(ON_TIME)
    if total_resolved and total_on_time is not None:
        assert compiled.value(RATE) == pytest.approx(total_on_time / total_resolved * 100)
    elif total_resolved == 0:
        assert compiled.value(RATE) is None  # 0 dossiers resolved: no rate, not 0 %
    assert compiled.values[RESOLVED].count == len(resolved)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from([0, 1, 2]), min_size=1, max_size=30))
def test_a_distribution_accounts_for_every_reporting_unit(codes: list[int]) -> None:
    registry = REGISTRY
    reports = [unit_report(f"u{i}", {"egov.lgsp": c}) for i, c in enumerate(codes)]
    item = compile_reports(reports, registry.catalog).values["egov.lgsp"]
    assert item.distribution is not None
    assert sum(item.distribution.values()) == len(codes)
    assert all(item.distribution[c] == codes.count(c) for c in (0, 1, 2))

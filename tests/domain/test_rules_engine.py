"""Each built-in rule class at and around its edges, on small hand-made reports."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import pytest

from cchc.domain.findings import Finding, Severity
from cchc.domain.periods import Period, PeriodKind
from cchc.domain.report import NarrativeValue, ReportData, Source, UnitRef, Value, ValueStatus
from cchc.domain.rules import CheckContext, RuleSpec
from cchc.domain.validation import RuleSet, ValidationResult
from cchc.registry import Registry
from cchc.reportfile import load_report

Q3 = Period(2023, PeriodKind.Q3)
RATE = "procedures.results.district.on_time_rate"
RESOLVED = "procedures.results.district.resolved"
ON_TIME = "procedures.results.district.on_time"


def report(values: dict[str, object], period: Period = Q3, **extra: object) -> ReportData:
    built = {}
    for key, item in values.items():
        if isinstance(item, Value):
            built[key] = item
        elif isinstance(item, str):
            from cchc.domain.numbers import parse_number

            built[key] = Value(parse_number(item).value, source=Source(raw=item))
        else:
            built[key] = Value(item)  # type: ignore[arg-type]
    return ReportData(
        UnitRef("u1", "UBND huyện Thử", "district"), period, "bm-2023", built, **extra
    )  # type: ignore[arg-type]


def validate(
    registry: Registry, data: ReportData, previous: ReportData | None = None
) -> ValidationResult:
    return registry.rules.validate(data, registry.template("bm-2023"), previous)


def rules_hit(findings: Iterable[Finding], severity: Severity | None = None) -> list[str]:
    return [f.rule for f in findings if severity is None or f.severity is severity]


@pytest.mark.parametrize(
    ("written", "ok"),
    [
        ("64", True),  # 28/44 = 63,636… rounded
        ("63", True),  # truncated
        ("65", False),
        ("63,6", True),
        ("63,7", False),
        ("63,63", True),  # truncated
        ("63,64", True),  # rounded
        ("63,65", False),
        ("63.6", True),  # English decimal point from a converted file
    ],
)
def test_a_rate_may_be_rounded_or_truncated_to_its_written_precision(
    registry: Registry, written: str, ok: bool
) -> None:
    result = validate(
        registry,
        report(
            {
                "direction.plan_completion_rate": written,
                "direction.plan_tasks_completed": 28,
                "direction.plan_tasks_planned": 44,
            }
        ),
    )
    assert ("ty-le-theo-thanh-phan" in rules_hit(result.errors)) is not ok


def test_a_rate_written_as_a_fraction_gets_a_hint(registry: Registry) -> None:
    result = validate(registry, report({RATE: "0,91", ON_TIME: 3693, RESOLVED: 4048}))
    assert "dạng thập phân" in result.errors[0].message


def test_part_greater_than_whole_is_an_error(registry: Registry) -> None:
    result = validate(registry, report({ON_TIME: 4100, RESOLVED: 4048}))
    error = next(f for f in result.errors if f.rule == "thanh-phan-khong-vuot-tong")
    assert error.codes == ("3.2.2", "3.2.1")
    assert "4.100" in error.message
    assert "4.048" in error.message


def test_total_must_equal_its_parts(registry: Registry) -> None:
    result = validate(
        registry,
        report(
            {
                "finance.autonomy.total": 36,
                "finance.autonomy.full_with_investment": 0,
                "finance.autonomy.full_recurrent": 1,
                "finance.autonomy.partial": 1,
                "finance.autonomy.state_funded": 33,
            }
        ),
    )
    error = next(f for f in result.errors if f.rule == "tong-bang-cac-thanh-phan")
    assert (error.actual, error.expected) == (36, 35)
    assert "0 + 1 + 1 + 33" in error.message


def test_blank_parts_count_as_zero_for_totals_but_are_shown_as_blank(registry: Registry) -> None:
    result = validate(
        registry, report({"finance.autonomy.total": 2, "finance.autonomy.partial": 1})
    )
    error = next(f for f in result.errors if f.rule == "tong-bang-cac-thanh-phan")
    assert error.expected == 1
    assert "0 (trống)" in error.message


def test_a_rate_with_a_blank_component_is_not_checked_by_default(registry: Registry) -> None:
    result = validate(registry, report({RATE: 70, RESOLVED: 4048}))
    assert result.findings == []


def test_missing_policy_report_says_what_is_missing(registry: Registry) -> None:
    spec = RuleSpec(
        "ty-le-bao-thieu",
        "formula",
        Severity.ERROR,
        "{where} ghi {actual}, tính ra {expected}.",
        missing="report",
        select={"keys": [RATE]},
    )
    rules = RuleSet([spec], registry.catalog, registry.rule_kinds)
    result = rules.validate(report({RATE: 70, RESOLVED: 4048}), registry.template("bm-2023"))
    assert [(f.severity, f.message) for f in result.findings] == [
        (Severity.INFO, "Biểu mẫu 3, mục 3.2: chưa kiểm tra được vì thiếu mục 3.2.2.")
    ]


def test_derived_values_are_computed_marked_and_announced(registry: Registry) -> None:
    result = validate(registry, report({ON_TIME: 3693, RESOLVED: 4048}))
    value = result.report.values[RATE]
    assert value.value == pytest.approx(91.2302371)
    assert value.status is ValueStatus.COMPUTED
    assert value.derivation == "ty-le-theo-thanh-phan"
    assert value.note == "mục 3.2.2 / mục 3.2.1 × 100"
    assert result.findings[0].severity is Severity.INFO
    assert "91,23%" in result.findings[0].message
    # A computed value is never itself checked against what it was computed from.
    assert result.errors == []


def test_codes_outside_their_list_are_errors(registry: Registry) -> None:
    result = validate(registry, report({"egov.lgsp": 3, "egov.video_conference": 2}))
    assert rules_hit(result.errors) == ["ma-trong-danh-sach"]
    assert "Chưa = 0; Đang làm = 1; Hoàn thành = 2" in result.errors[0].message


def test_negative_and_fractional_counts_are_errors(registry: Registry) -> None:
    result = validate(
        registry, report({"direction.documents_issued": -1, "direction.plan_tasks_planned": 2.5})
    )
    assert sorted(rules_hit(result.errors)) == ["khong-am", "so-dem-la-so-nguyen"]


def test_rates_over_100_are_warnings(registry: Registry) -> None:
    result = validate(registry, report({"egov.national_reporting_rate": 120}))
    assert rules_hit(result.warnings) == ["ty-le-tu-0-den-100"]


def test_cumulative_values_must_not_fall_within_the_year(registry: Registry) -> None:
    q2 = report({"direction.plan_tasks_completed": 30}, Period(2023, PeriodKind.Q2))
    q3 = report({"direction.plan_tasks_completed": 28})
    error = validate(registry, q3, previous=q2).errors[0]
    assert error.rule == "luy-ke-khong-giam"
    assert "quý II năm 2023: 30" in error.message
    assert (
        validate(registry, report({"direction.plan_tasks_completed": 30}), previous=q2).errors == []
    )


def test_flagged_values_are_warnings_that_say_why(registry: Registry) -> None:
    flagged = Value(16183, flags=("số có thể đọc theo hai cách: 16183 hoặc 16,183",))
    result = validate(registry, report({RESOLVED: flagged}))
    assert rules_hit(result.warnings) == ["gia-tri-chua-chac-chan"]
    assert "hai cách" in result.warnings[0].message


def test_narrative_number_that_the_table_contradicts(registry: Registry) -> None:
    stated = NarrativeValue(
        "resolved_on_time", 2835, "đúng hạn 2835 chiếm 70%", section="II.2.2", indicator=ON_TIME
    )
    result = validate(registry, report({ON_TIME: 3693, RESOLVED: 4048}, narrative_values=[stated]))
    error = next(f for f in result.errors if f.rule == "thuyet-minh-khop-bang")
    assert (error.actual, error.expected) == (3693, 2835)
    assert "II.2.2" in error.message


def test_a_registered_narrative_check_runs_through_the_hook(registry: Registry) -> None:
    def statuses_add_up(ctx: CheckContext, rule: RuleSpec) -> list[Finding]:
        got = {v.name: v.value for v in ctx.report.narrative_values}
        if got["resolved"] + got["pending"] != got["total"]:
            return [
                ctx.finding(
                    rule, [], actual=got["resolved"] + got["pending"], expected=got["total"]
                )
            ]
        return []

    kinds = registry.rule_kinds.copy()
    kinds.register_narrative("cong-trang-thai", statuses_add_up)
    spec = RuleSpec(
        "trang-thai-cong-lai",
        "narrative",
        Severity.ERROR,
        "Tổng các trạng thái {actual} khác tổng số {expected}.",
        params={"check": "cong-trang-thai"},
    )
    rules = RuleSet([spec], registry.catalog, kinds)
    stated = [
        NarrativeValue("total", 5576, "Tổng số hồ sơ trong kỳ 5576"),
        NarrativeValue("resolved", 4048, "đã giải quyết là 4048"),
        NarrativeValue("pending", 995, "đang giải quyết 995"),
    ]
    result = rules.validate(report({}, narrative_values=stated))
    assert [f.message for f in result.errors] == ["Tổng các trạng thái 5.043 khác tổng số 5.576."]


def test_a_narrative_rule_naming_an_unknown_check_is_refused(registry: Registry) -> None:
    from cchc.domain.rules import RuleError

    spec = RuleSpec("x", "narrative", Severity.ERROR, "m", params={"check": "khong-co"})
    with pytest.raises(RuleError, match="khong-co"):
        RuleSet([spec], registry.catalog, registry.rule_kinds)


def test_a_number_its_cell_text_contradicts_is_an_error(registry: Registry, tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    path.write_text(
        json.dumps(
            {
                "format": "cchc.report/1",
                "unit": {"code": "u1"},
                "period": {"year": 2023, "kind": "Q3"},
                "values": {
                    RATE: {"value": 70, "source": {"raw": "7,0"}},
                    RESOLVED: {"value": 4048, "source": {"raw": "4.048"}},
                    "egov.national_reporting_rate": {"value": 12.5, "source": {"raw": "12,5%"}},
                },
            }
        ),
        encoding="utf-8",
    )
    data = load_report(path, registry.catalog)
    result = validate(registry, data)
    assert rules_hit(result.errors) == ["khop-o-goc"]
    assert result.errors[0].indicators == (RATE,)
    assert "7,0" in result.errors[0].message

"""Validation on the hand-transcribed appendices of seeds 000 and 004.

The real inconsistencies in those tables must be found, and nothing that is
actually consistent (rounded or truncated to the written precision) flagged.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cchc.domain.findings import Severity
from cchc.domain.report import ValueStatus
from cchc.domain.validation import ValidationResult
from cchc.registry import Registry
from cchc.reportfile import load_report


def _validate(registry: Registry, path: Path) -> ValidationResult:
    report = load_report(path, registry.catalog)
    return registry.rules.validate(report, registry.template(report.template))


def test_seed000_rate_that_contradicts_its_components_is_an_error(
    registry: Registry, seed000: Path
) -> None:
    result = _validate(registry, seed000)
    assert len(result.errors) == 1
    error = result.errors[0]
    # Biểu mẫu 3, 3.2 says 70 % next to 3.693 on time of 4.048 resolved: 91,23 %.
    assert error.rule == "ty-le-theo-thanh-phan"
    assert error.indicators == (
        "procedures.results.district.on_time_rate",
        "procedures.results.district.on_time",
        "procedures.results.district.resolved",
    )
    assert error.codes == ("3.2", "3.2.2", "3.2.1")
    assert error.actual == 70
    assert error.expected == pytest.approx(3693 / 4048 * 100)
    assert "70%" in error.message
    assert "91,23%" in error.message
    assert "3.693 / 4.048" in error.message


def test_seed000_warnings_are_the_real_oddities(registry: Registry, seed000: Path) -> None:
    warnings = {f.rule: f for f in _validate(registry, seed000).warnings}
    assert set(warnings) == {"so-don-vi-su-nghiep-giua-cac-bieu", "bien-che-co-mat-hop-ly"}
    # Biểu mẫu 4 counts 34 public service units (1.5.3), Biểu mẫu 6 counts 35 (2.1).
    units = warnings["so-don-vi-su-nghiep-giua-cac-bieu"]
    assert (units.actual, units.expected) == (34, 35)
    assert units.codes == ("1.5", "2.1")
    # 12 civil servants present of 110 in quota; the narrative says 102.
    present = warnings["bien-che-co-mat-hop-ly"]
    assert (present.actual, present.expected) == (12, 55)


@pytest.mark.parametrize(
    ("key", "rule"),
    [
        ("direction.plan_completion_rate", "ty-le-theo-thanh-phan"),  # 64 beside 28/44 = 63,6 %
        ("procedures.results.commune.on_time_rate", "ty-le-theo-thanh-phan"),  # "95.8", 549/573
        ("finance.autonomy.total", "tong-bang-cac-thanh-phan"),  # 35 = 0 + 1 + 1 + 33
        ("finance.autonomy.partial", "tong-bang-cac-thanh-phan"),  # 1 = 0 + 0 + 1
        ("institutions.legal_docs_check.handling_rate", "ty-le-theo-thanh-phan"),  # 0 beside 0/2
        ("institutions.legal_docs_review.handling_rate", "ty-le-theo-thanh-phan"),  # 0 beside 0/0
        ("procedures.feedback.resolution_rate", "ty-le-theo-thanh-phan"),  # 0 beside 0/0
        ("direction.assigned_tasks.total", "thanh-phan-khong-vuot-tong"),  # 595 + 5 + 3 ≤ 623
        ("organisation.public_employees.present", "thanh-phan-khong-vuot-tong"),  # 844 ≤ 869
        ("organisation.public_employees.present", "bien-che-co-mat-hop-ly"),  # 844 ≥ 869 / 2
    ],
)
def test_seed000_consistent_values_are_not_flagged(
    registry: Registry, seed000: Path, key: str, rule: str
) -> None:
    result = _validate(registry, seed000)
    assert [f for f in result.findings if f.rule == rule and key in f.indicators] == []


def test_seed000_blank_totals_and_rates_are_computed_and_marked(
    registry: Registry, seed000: Path
) -> None:
    result = _validate(registry, seed000)
    expected = {
        "institutions.legal_docs_issued": 4,  # 0 + 04 + 0
        "procedures.inventory.total": 320,  # "-" + 204 + 116
        "organisation.public_service_units": 34,  # "-" + "-" + 34
        "finance.public_investment.rate": 4467 / 312773 * 100,
        "egov.online_services.level3_rate": 100.0,  # 77 / 77
        "egov.online_services.level4_rate": 100.0,  # 24 / 24
        "egov.online_services.provided_total": 101,  # 77 + 24
    }
    assert set(result.computed) == set(expected)
    for key, value in expected.items():
        computed = result.report.values[key]
        assert computed.value == pytest.approx(value)
        assert computed.status is ValueStatus.COMPUTED
        assert computed.derivation in {"ty-le-theo-thanh-phan", "tong-bang-cac-thanh-phan"}
    infos = [f for f in result.findings if f.severity is Severity.INFO]
    assert len(infos) == len(expected)
    total = next(f for f in infos if f.indicators[0] == "procedures.inventory.total")
    assert total.message == (
        "Biểu mẫu 3, mục 1.4 để trống; hệ thống tính được 320 "
        "(mục 1.4.1 + mục 1.4.2 + mục 1.4.3 = 0 (trống) + 204 + 116)."
    )


def test_seed000_not_reported_is_kept_apart_from_zero(registry: Registry, seed000: Path) -> None:
    report = load_report(seed000, registry.catalog)
    assert report.values["direction.inspection.departments"].value is None  # "-"
    assert report.values["procedures.feedback.received"].value == 0  # "0"
    assert "procedures.onestop.interlinked_same_level" not in report.values  # blank


def test_seed004_has_no_errors_or_warnings(registry: Registry, seed004: Path) -> None:
    result = _validate(registry, seed004)
    assert result.errors == []
    assert result.warnings == []


@pytest.mark.parametrize(
    "key",
    [
        "egov.online_services.portal_integration_rate",  # 34,4 beside 560/1628 = 34,398 %
        "egov.online_services.online_dossier_rate",  # 9,24 beside 3170/34279 = 9,2476 % (truncated)
        "egov.online_services.level3_rate",  # 100 beside 571/571
        "egov.online_services.provided_total",  # 1628 = 571 + 1057
    ],
)
def test_seed004_truncated_and_rounded_rates_are_consistent(
    registry: Registry, seed004: Path, key: str
) -> None:
    result = _validate(registry, seed004)
    assert [f for f in result.findings if key in f.indicators] == []


def test_seed004_codes_in_findings_are_the_2022_printing(registry: Registry, seed004: Path) -> None:
    report = load_report(seed004, registry.catalog)
    report.values["egov.online_services.online_dossier_rate"].value = 12.0
    result = registry.rules.validate(report, registry.template("bm-2022"))
    assert [f.codes for f in result.errors] == [("6.7", "6.7.2", "6.7.1")]


def test_seed004_computed_values(registry: Registry, seed004: Path) -> None:
    result = _validate(registry, seed004)
    assert {k: v.value for k, v in result.computed.items()} == pytest.approx(
        {
            "direction.plan_completion_rate": 100.0,  # 6 / 6
            "procedures.inventory.total": 39,  # 37 + 2 (+ blank)
            "procedures.results.department.on_time_rate": 100.0,  # 47 / 47
            "organisation.public_service_units": 1,
            "finance.public_investment.rate": 9807 / 33000 * 100,
            "finance.autonomy.total": 1,
        }
    )

"""After import, the whole rule set (narrative checks included) finds what the seeds get wrong,
and only that."""

from __future__ import annotations

from typing import Any

import pytest

from cchc.domain.findings import Finding, Severity
from cchc.domain.periods import Period, PeriodKind
from cchc.domain.report import NarrativeValue, ReportData, UnitRef
from cchc.importers.pipeline import import_file
from cchc.registry import Registry

from .conftest import SEED_TEXT


def _findings(seed: str, registry: Registry) -> list[Finding]:
    report = import_file(SEED_TEXT[seed], registry).report
    return registry.rules.validate(report, registry.template(report.template)).findings


def _summary(findings: list[Finding], severity: Severity) -> list[tuple[Any, ...]]:
    return sorted(
        (f.rule, f.indicators[:1], f.actual, f.expected) for f in findings if f.severity is severity
    )


def test_seed000_errors_are_the_real_inconsistencies(registry: Registry) -> None:
    errors = _summary(_findings("000", registry), Severity.ERROR)
    assert errors == sorted(
        [
            # Biểu mẫu 3, 3.2 writes 70 % next to 3.693 of 4.048 (91,23 %).
            (
                "ty-le-theo-thanh-phan",
                ("procedures.results.district.on_time_rate",),
                70,
                3693 / 4048 * 100,
            ),
            # Statuses 4.048 + 995 + 100 + 443 = 5.586, not the stated total 5.576.
            ("ho-so-mot-cua-cong-dung-tong", ("procedures.results.district.resolved",), 5576, 5586),
            # The narrative's 2.835 on time against the table's 3.693.
            ("thuyet-minh-khop-bang", ("procedures.results.district.on_time",), 3693, 2835),
            # "số cán bộ, công chức hiện có 102 người" against Biểu mẫu 4, 2.2 = 12.
            ("thuyet-minh-khop-bang", ("organisation.civil_servants.present",), 12, 102),
            # Public investment: 322.217 / 54.928 in 5.3 against 312.773 / 4.467.
            ("thuyet-minh-khop-bang", ("finance.public_investment.planned",), 312773, 322217),
            ("thuyet-minh-khop-bang", ("finance.public_investment.disbursed",), 4467, 54928),
        ]
    )


def test_seed000_consistent_statements_are_not_flagged(registry: Registry) -> None:
    findings = _findings("000", registry)
    texts = " ".join(f.message for f in findings)
    # 5.576 = 1.619 + 3.957; 4.048 = 2.835 + 1.213; 2.835/4.048 = 70 %; 231 online dossiers;
    # quota 110; 17,05 % = 54.928 / 322.217 and the sources' own rates.
    for consistent in ("1.619", "3.957", "1.213", "231", "17,05", "16,67", "8,79", "27,44"):
        assert consistent not in texts
    assert not [f for f in findings if f.rule == "ty-le-thuyet-minh-theo-so-lieu"]


def test_seed000_balance_message_names_every_number(registry: Registry) -> None:
    balance = next(
        f for f in _findings("000", registry) if f.rule == "ho-so-mot-cua-cong-dung-tong"
    )
    assert balance.message == (
        "Thuyết minh mục II.2.2: tổng số hồ sơ là 5.576 (“Tổng số hồ sơ trong kỳ 5576”), nhưng "
        "đã giải quyết 4.048 + đang giải quyết 995 + tạm dừng 100 + trả lại 443 + rút 0 (không nêu) "
        "= 5.586."
    )


def test_seed002_finds_the_wrong_rate_and_the_denominators(registry: Registry) -> None:
    findings = _findings("002", registry)
    assert _summary(findings, Severity.ERROR) == [
        ("ty-le-thuyet-minh-theo-so-lieu", (), 90.56, 90.86),  # 7.941 / 8.740 = 90,86 %
    ]
    assert _summary(findings, Severity.WARNING) == [
        ("so-lieu-thuyet-minh-giua-cac-muc", (), 8688, 8689),  # result base vs resolved
        ("so-lieu-thuyet-minh-giua-cac-muc", (), 8740, 8741),  # 8.782 − 41
    ]


def test_seed002_rates_that_follow_from_their_numbers_pass(registry: Registry) -> None:
    # 527 = 507 + 15 + 5; ((507+15)/522) = 100 %; ((5.753+938)/6.706) = 99,78 %;
    # ((8.686+52)/8.741) = 99,97 %; 15/6.706 = 0,22 %; 3/8.741 = 0,03 %; (75+174)/252 = 98,81 %;
    # (1.529+1.597)/5.080 = 61,54 %; (5.233+2.454)/8.441 = 91,07 %; 511/522 = 97,89 %.
    messages = " ".join(f.message for f in _findings("002", registry))
    for rate in (
        "100%",
        "99,78",
        "99,97",
        "0,22",
        "0,03",
        "98,81",
        "61,54",
        "91,07",
        "97,89",
        "84,81",
        "83,94",
    ):
        assert rate not in messages


def test_seed004_has_no_error(registry: Registry) -> None:
    findings = _findings("004", registry)
    assert _summary(findings, Severity.ERROR) == []
    # Only the rows printed with "." as their code need a look.
    assert {f.rule for f in findings if f.severity is Severity.WARNING} == {
        "gia-tri-chua-chac-chan"
    }


def _report(*values: NarrativeValue) -> ReportData:
    return ReportData(
        UnitRef("x", "UBND huyện X", "district"),
        Period(2023, PeriodKind.Q3),
        "bm-2023",
        narrative_values=list(values),
    )


def _nv(
    name: str, value: float, text: str = "", block: str | None = None, section: str = "II.2"
) -> NarrativeValue:
    return NarrativeValue(name, value, text or f"{name} {value}", block=block, section=section)


@pytest.mark.parametrize(
    ("values", "rules"),
    [
        # A formula whose arithmetic is right but whose denominator is not total − withdrawn.
        (
            [
                _nv("total", 600),
                _nv("withdrawn", 5),
                _nv("resolved_on_time", 500),
                _nv("pending_on_time", 20),
                _nv("on_time_rate_overall", 100, "((500+20)/520) × 100 = 100%"),
            ],
            {"tu-so-mau-so-ty-le-thuyet-minh"},
        ),
        # "chiếm" rate that its counts do not give.
        (
            [
                _nv("resolved", 200),
                _nv("resolved_on_time", 150),
                _nv("on_time_rate", 80, "đúng hạn 150 chiếm 80%"),
            ],
            {"ty-le-thuyet-minh-theo-so-lieu"},
        ),
        # Truncated rates are written as often as rounded ones: 2/3 = 66,66…
        (
            [
                _nv("resolved", 3),
                _nv("resolved_on_time", 2),
                _nv("on_time_rate", 66.66, "2 chiếm 66,66%"),
            ],
            set(),
        ),
        # Early and exactly-on-time dossiers stated apart add up to the on-time ones.
        (
            [
                _nv("resolved", 1200),
                _nv("resolved_early", 1000),
                _nv("resolved_on_time", 180),
                _nv("resolved_late", 20),
                _nv("on_time_rate", 98.33, "đạt 98,33%"),
            ],
            set(),
        ),
        # Counts of different blocks are not added together.
        (
            [
                _nv("total", 10, block="các xã"),
                _nv("carried_over", 4),
                _nv("received", 6, block="các xã"),
            ],
            set(),
        ),
    ],
)
def test_narrative_checks_on_stated_numbers(
    values: list[NarrativeValue], rules: set[str], registry: Registry
) -> None:
    result = registry.rules.validate(_report(*values), registry.template("bm-2023"))
    assert {f.rule for f in result.findings if f.severity is not Severity.INFO} == rules

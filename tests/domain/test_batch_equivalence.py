"""Validating many reports at once must give exactly what validating each one gives."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc.domain.periods import Period, PeriodKind
from cchc.domain.report import NarrativeValue, ReportData, Source, UnitRef, Value
from cchc.domain.validation import ValidationResult
from cchc.registry import Registry
from cchc.synthetic import synthetic_report

REGISTRY = Registry(use_env=False)


def _perturbed(rng: random.Random, index: int, period: Period) -> ReportData:
    report = synthetic_report(
        REGISTRY.catalog,
        REGISTRY.rules,
        UnitRef(f"u{index % 7}", level=rng.choice(["district", "commune", "department", ""])),
        period,
        rng,
        scale=rng.choice([50, 1000, 20000]),
        blank_share=rng.random(),
        errors=rng.randint(0, 3),
    )
    keys = list(report.values)
    for key in rng.sample(keys, k=min(len(keys), rng.randint(0, 12))):
        choice = rng.randint(0, 6)
        if choice == 0:
            del report.values[key]
        elif choice == 1:
            report.values[key] = Value(None, source=Source(raw="-"))
        elif choice == 2:
            report.values[key] = Value(rng.randint(-5, 5000))
        elif choice == 3:
            report.values[key] = Value(round(rng.uniform(-10, 150), rng.randint(0, 3)))
        elif choice == 4:
            old = report.values[key]
            report.values[key] = Value(old.value, source=old.source, flags=("chưa chắc chắn",))
        elif choice == 5:
            report.values[key] = Value(0)
        else:
            report.narrative_values.append(
                NarrativeValue("x", rng.randint(0, 5000), "câu thuyết minh", indicator=key)
            )
    return report


def _summary(result: ValidationResult) -> tuple[object, ...]:
    return (
        [f.as_dict() for f in result.findings],
        {k: (v.value, v.status, v.note, v.derivation) for k, v in result.report.values.items()},
    )


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=0, max_value=2**32 - 1), st.integers(min_value=1, max_value=25))
def test_validate_many_equals_validate_on_each(seed: int, count: int) -> None:
    rng = random.Random(seed)
    q2, q3 = Period(2023, PeriodKind.Q2), Period(2023, PeriodKind.Q3)
    reports = [_perturbed(rng, i, rng.choice([q2, q3])) for i in range(count)]
    templates = [REGISTRY.template(rng.choice(["bm-2022", "bm-2023"])) for _ in reports]
    previous = [
        next(
            (r for r in reports if r.unit.code == report.unit.code and r.period < report.period),
            None,
        )
        for report in reports
    ]
    many = REGISTRY.rules.validate_many(reports, templates, previous)
    each = [
        REGISTRY.rules.validate(r, t, p)
        for r, t, p in zip(reports, templates, previous, strict=True)
    ]
    assert [_summary(m) for m in many] == [_summary(e) for e in each]

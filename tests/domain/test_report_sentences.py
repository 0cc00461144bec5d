"""Sentences that state numbers are generated from the values: the numbers are the data's."""

from __future__ import annotations

from pathlib import Path

from cchc.domain.form_sentences import form_sentences
from cchc.domain.periods import Period, PeriodKind
from cchc.domain.report import NarrativeValue, ReportData, UnitRef, Value
from cchc.domain.sentences import Facts, onestop_sentences
from cchc.registry import Registry
from cchc.reportfile import load_report


def _narrative(block: str | None = None, **values: int) -> list[NarrativeValue]:
    return [NarrativeValue(name, value, "", block=block) for name, value in values.items()]


def _report(**kwargs: object) -> ReportData:
    return ReportData(
        UnitRef("x", "UBND huyện X", "district"), Period(2023, PeriodKind.Q3), "bm-2023", **kwargs
    )  # type: ignore[arg-type]


def test_onestop_sentence_states_the_dossier_counts_and_the_on_time_rate() -> None:
    report = _report(
        narrative_values=_narrative(
            total=5576,
            carried_over=1619,
            received=3957,
            resolved=4048,
            resolved_on_time=2835,
            pending=995,
            paused=100,
            returned=443,
        )
    )
    [sentence] = onestop_sentences(report)
    # 2835 / 4048 × 100 = 70,034…% ; late = 4048 − 2835 = 1213.
    assert sentence.startswith(
        "Tổng số hồ sơ tiếp nhận 5.576 hồ sơ, trong đó kỳ trước chuyển qua 1.619 hồ sơ, "
        "tiếp nhận mới 3.957 hồ sơ; đã giải quyết 4.048 hồ sơ, đúng hạn 2.835 hồ sơ, đạt 70,03%, "
        "quá hạn 1.213 hồ sơ; đang giải quyết 995 hồ sơ; tạm dừng 100 hồ sơ; "
        "trả lại do không đủ điều kiện giải quyết 443 hồ sơ."
    )


def test_onestop_block_pads_small_counts_and_says_none_rather_than_zero() -> None:
    # Seed 002, Bộ phận một cửa huyện (phòng, ban): 527 = 3 + 524; (507 + 15) / (527 − 5) = 100%.
    report = _report(
        narrative_values=_narrative(
            "các phòng, ban huyện",
            carried_over=3,
            received=524,
            resolved=507,
            resolved_on_time=507,
            pending=15,
            pending_on_time=15,
            pending_overdue=0,
            withdrawn=5,
        )
    )
    main, overall = onestop_sentences(report)
    assert main == (
        "Các phòng, ban huyện: Tổng số hồ sơ tiếp nhận 527 hồ sơ, trong đó kỳ trước chuyển qua 03 hồ sơ, "
        "tiếp nhận mới 524 hồ sơ; đã giải quyết 507 hồ sơ, đúng hạn 507 hồ sơ, đạt 100%, "
        "không có hồ sơ quá hạn; đang giải quyết 15 hồ sơ, còn hạn 15 hồ sơ, không có hồ sơ trễ hạn; "
        "rút 05 hồ sơ."
    )
    assert overall.endswith("đạt 100%.")


def test_overall_rate_excludes_withdrawn_dossiers() -> None:
    # Seed 002, Văn phòng Đăng ký đất đai: (5.753 + 938) / 6.706 × 100 = 99,78%.
    report = _report(
        narrative_values=_narrative(
            total=6709, resolved=5768, resolved_on_time=5753, pending_on_time=938, withdrawn=3
        )
    )
    assert onestop_sentences(report)[-1].endswith("đạt 99,78%.")


def test_digitisation_states_part_of_whole_and_rate() -> None:
    # Seed 002, cấp huyện: 511/522 = 97,89%; 430/507 = 84,81%.
    report = _report(
        narrative_values=_narrative(
            total=527, withdrawn=5, resolved=507, digitised_input=511, digitised_result=430
        )
    )
    assert onestop_sentences(report)[-1] == (
        "Số hóa thành phần hồ sơ đạt 511/522 hồ sơ, tỷ lệ 97,89%, "
        "số hóa kết quả giải quyết TTHC đạt 430/507 hồ sơ, tỷ lệ 84,81%."
    )


def test_form_sentences_take_every_number_from_the_table(seed000: Path, registry: Registry) -> None:
    report = load_report(seed000, registry.catalog)
    facts = Facts(report, registry.catalog)
    procedures = form_sentences(3, facts)
    assert (
        "Hồ sơ do UBND cấp huyện tiếp nhận: Đã giải quyết 4.048 hồ sơ, đúng hạn 3.693 hồ sơ, đạt 70%."
        in procedures
    )
    assert (
        "Hồ sơ do UBND cấp xã tiếp nhận: Đã giải quyết 573 hồ sơ, đúng hạn 549 hồ sơ, đạt 95,8%."
        in procedures
    )
    direction = form_sentences(1, facts)
    assert (
        "Tổng số nhiệm vụ được giao 623 nhiệm vụ: đã hoàn thành đúng hạn 595 nhiệm vụ, "
        "hoàn thành nhưng quá hạn 05 nhiệm vụ, quá hạn nhưng chưa hoàn thành 03 nhiệm vụ."
    ) in direction
    finance = form_sentences(6, facts)
    # 4.467 / 312.773 × 100 = 1,428…%: the blank rate is computed from its components.
    assert (
        finance[0]
        == "Kế hoạch vốn đầu tư công được giao 312.773 triệu đồng, đã giải ngân 4.467 triệu đồng, đạt 1,43%."
    )


def test_a_rate_left_blank_is_computed_and_a_zero_is_said_plainly(registry: Registry) -> None:
    report = _report(
        values={
            "procedures.results.commune.resolved": Value(8689),
            "procedures.results.commune.on_time": Value(8686),
            "procedures.feedback.received": Value(0),
        }
    )
    sentences = form_sentences(3, Facts(report, registry.catalog))
    assert sentences == [
        "Hồ sơ do UBND cấp xã tiếp nhận: Đã giải quyết 8.689 hồ sơ, đúng hạn 8.686 hồ sơ, đạt 99,97%.",
        "Trong kỳ, không có phản ánh, kiến nghị của người dân, tổ chức về quy định TTHC.",
    ]


def test_a_form_without_numbers_says_nothing(registry: Registry) -> None:
    assert form_sentences(2, Facts(_report(), registry.catalog)) == []

"""The family's other layouts: a 2021 combined appendix and a 2024 "Phụ lục I" with a fragment."""

from __future__ import annotations

from datetime import date

import pytest

from cchc.domain.findings import Severity
from cchc.domain.periods import DateWindow, Period, PeriodKind
from cchc.importers.pipeline import ImportResult, import_file
from cchc.registry import Registry

from .layouts import report_2021_docx, report_2024_docx


@pytest.fixture(scope="module")
def report_2021(tmp_path_factory: pytest.TempPathFactory) -> ImportResult:
    path = report_2021_docx(tmp_path_factory.mktemp("r2021") / "bao-cao-cchc-2021.docx")
    return import_file(path, Registry(use_env=False))


@pytest.fixture(scope="module")
def report_2024(tmp_path_factory: pytest.TempPathFactory) -> ImportResult:
    path = report_2024_docx(tmp_path_factory.mktemp("r2024") / "bao-cao-6-thang-2024.docx")
    return import_file(path, Registry(use_env=False))


def test_2021_combined_appendix_values(report_2021: ImportResult) -> None:
    values = {k: v.value for k, v in report_2021.report.values.items()}
    assert values == {
        "direction.documents_issued": 15,
        "direction.plan_tasks_planned": 32,
        "direction.plan_tasks_completed": 30,
        "direction.plan_completion_rate": 93.75,
        "institutions.legal_docs_issued.province": 3,
        "institutions.legal_docs_review.reviewed": 14,
        "procedures.inventory.announced_new": 6,
        "procedures.inventory.abolished": 2,
        "procedures.inventory.total": 28,
        "procedures.results.department.resolved": 1236,
        "procedures.results.department.on_time": 1230,
        "procedures.results.department.on_time_rate": 99.51,
        "procedures.feedback.received": 2,
        "procedures.feedback.resolved": 2,
        "organisation.civil_servants.quota": 45,
        "organisation.civil_servants.present": 43,
        "organisation.public_employees.quota": 20,
        "organisation.public_employees.present": 18,
        "civil_service.recruitment.civil_servants_exam": 2,
        "civil_service.disciplined": 0,
        "finance.public_investment.planned": 12500,
        "finance.public_investment.disbursed": 11980.5,
        "finance.public_investment.rate": 95.84,
        "egov.edocs.usage_rate": 98,
        "egov.online_services.level3_provided": 25,
        "egov.online_services.level4_provided": 10,
        "egov.online_services.dossiers_online": 320,
    }
    assert report_2021.report.template == "bm-2021-phu-luc"


def test_2021_agency_column_is_kept_with_the_note(report_2021: ImportResult) -> None:
    values = report_2021.report.values
    assert values["institutions.legal_docs_review.reviewed"].note == "Cơ quan chủ trì: Sở Tư pháp"
    assert values["procedures.results.department.resolved"].note == "Số liệu phần mềm một cửa"
    assert values["finance.public_investment.disbursed"].note is None


def test_2021_doubtful_rows_carry_their_reason(report_2021: ImportResult) -> None:
    values = report_2021.report.values
    # "1,236" could be 1,236 (a decimal) or 1.236 written the English way.
    assert values["procedures.results.department.resolved"].flags == (
        "số “1,236” có thể đọc là 1,236; đã đọc là 1.236",
    )
    # The "Trong đó" row has no code: placed by its wording, and said so.
    assert values["procedures.results.department.on_time"].flags == (
        "dòng không ghi mã số (để trống); đã nhận theo nội dung chỉ tiêu",
    )
    # "4.3" printed twice: the second is 4.4 by its wording.
    assert values["organisation.public_employees.present"].flags == (
        "mã in “4.3” không khớp nội dung dòng; đã nhận theo nội dung là mục 4.4",
    )
    assert values["organisation.public_employees.quota"].flags == ()


def test_2021_rows_without_an_indicator_are_reported_not_dropped(
    report_2021: ImportResult,
) -> None:
    unmapped = [p for p in report_2021.problems if "không khớp chỉ tiêu nào" in p.message]
    assert [(p.severity, p.where) for p in unmapped] == [
        (Severity.INFO, "bảng 3, dòng 5"),  # "1.2 Kế hoạch CCHC năm 2021": a heading, no value
        (Severity.WARNING, "bảng 3, dòng 17"),  # 3.4.1 received dossiers: 1.250
        (Severity.WARNING, "bảng 4, dòng 20"),  # 7.5 digitisation rate: 45
    ]
    assert (
        "“Tổng số hồ sơ TTHC đã tiếp nhận” (mã in “3.4.1”), số liệu “1.250”" in unmapped[1].message
    )


def test_2021_header_and_yearly_period(report_2021: ImportResult) -> None:
    report = report_2021.report
    assert report.period == Period(2021, PeriodKind.Q4)
    assert report.meta["report_kind"] == "năm"
    assert (report.unit.code, report.unit.name, report.unit.level) == (
        "van-phong-ubnd-quang-ngai",
        "Văn phòng UBND tỉnh Quảng Ngãi",
        "department",
    )
    assert report.stated_window == DateWindow(date(2020, 12, 16), date(2021, 12, 15))
    assert report.document == {
        "number": "245",
        "symbol": "BC-VP",
        "place": "Quảng Ngãi",
        "date": date(2021, 12, 10),
        "title": "Kết quả thực hiện công tác cải cách hành chính năm 2021",
        "recipients": ["Như trên", "Lãnh đạo Văn phòng", "Lưu: VT, HCTC"],
        "addressed_to": ["Sở Nội vụ tỉnh Quảng Ngãi"],
        "signer": {
            "authority": "KT. CHÁNH VĂN PHÒNG",
            "title": "PHÓ CHÁNH VĂN PHÒNG",
            "name": "Trần Văn An",
        },
    }


def test_2021_validation_finds_the_online_count_the_narrative_contradicts(
    report_2021: ImportResult, registry: Registry
) -> None:
    report = report_2021.report
    result = registry.rules.validate(report, registry.template(report.template))
    errors = [(f.rule, f.indicators, f.actual, f.expected) for f in result.errors]
    assert errors == [
        ("thuyet-minh-khop-bang", ("egov.online_services.dossiers_online",), 320, 310)
    ]


def test_2024_phu_luc_i_and_trailing_fragment_values(report_2024: ImportResult) -> None:
    values = {k: v.value for k, v in report_2024.report.values.items()}
    assert values == {
        "direction.documents_issued": 5,
        "direction.plan_completion_rate": 45,
        "direction.plan_tasks_planned": 20,
        "direction.plan_tasks_completed": 9,
        "institutions.legal_docs_issued.province": 1,
        "procedures.inventory.announced_new": 4,
        "procedures.inventory.total.province": 96,
        "organisation.civil_servants.quota": 52,
        "organisation.civil_servants.present": 50,
        "civil_service.recruitment.civil_servants_exam": 0,
        "finance.public_investment.planned": 45000,
        "finance.public_investment.disbursed": 18250,
        "egov.architecture_updated": 1,  # written "Hoàn thành": the option's code
        "egov.online_services.level4_provided": 38,
        "egov.online_services.online_dossier_rate": 65,
        "egov.online_services.dossiers_received": 400,
        "egov.online_services.dossiers_online": 260,
        "procedures.results.department.on_time_rate": 99.47,
        "procedures.results.department.resolved": 380,
        "procedures.results.department.on_time": 378,
    }
    assert not any(v.flags for v in report_2024.report.values.values())


def test_2024_each_part_follows_its_own_numbering(report_2024: ImportResult) -> None:
    report = report_2024.report
    assert report.template == "bm-2024-phu-luc-i"
    planned = report.values["finance.public_investment.planned"].source
    fragment = report.values["procedures.results.department.resolved"].source
    assert planned is not None
    assert fragment is not None
    assert (planned.form, planned.code) == ("Phụ lục I, phần 6", "6.1.1")
    assert (fragment.form, fragment.code) == ("Biểu mẫu 3", "3.1.1")


def test_2024_repeated_and_unknown_rows_are_reported(report_2024: ImportResult) -> None:
    messages = [(p.severity, p.where, p.message) for p in report_2024.problems]
    assert (
        Severity.WARNING,
        "bảng 2, dòng 17",
        "Phụ lục I, phần 7: dòng “Tỷ lệ hồ sơ TTHC được số hóa” (mã in “7.7”), số liệu “68” "
        "không khớp chỉ tiêu nào của mẫu",
    ) in messages
    assert (
        Severity.INFO,
        "bảng 3, dòng 7",
        "mục 1.2 ghi hai lần (lần đầu ở bảng 1, dòng 11), cùng giá trị; giữ một",
    ) in messages


def test_2024_header_six_months(report_2024: ImportResult, registry: Registry) -> None:
    report = report_2024.report
    assert report.period == Period(2024, PeriodKind.Q2)
    assert report.meta["period_phrase"] == "6 tháng đầu năm 2024"
    assert report.meta["report_kind"] == "6 tháng"
    assert (report.unit.code, report.unit.name) == (
        "so-xay-dung-quang-ngai",
        "Sở Xây dựng tỉnh Quảng Ngãi",
    )
    assert report.stated_window == DateWindow(date(2023, 12, 16), date(2024, 6, 6))
    # Its narrative agrees with its tables and with itself: nothing to report.
    result = registry.rules.validate(report, registry.template(report.template))
    assert result.errors == []
    assert result.warnings == []

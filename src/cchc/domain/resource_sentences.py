"""The statements of Biểu mẫu 4–6: organisation, civil service, public finance.

See ``cchc.domain.form_sentences`` for the conventions.
"""

from __future__ import annotations

from cchc.domain.phrasing import join_vi, qty
from cchc.domain.sentences import Facts, clauses, paren, sentence

__all__ = ["civil_service_sentences", "finance_sentences", "organisation_sentences"]


def organisation_sentences(f: Facts) -> list[str]:
    out: list[str] = []
    rates = clauses(
        f.pct(
            "organisation.restructuring.departments_rate",
            "tỷ lệ sở, ngành đã hoàn thành việc sắp xếp các phòng chuyên môn đạt ",
        ),
        f.pct(
            "organisation.restructuring.districts_rate",
            "tỷ lệ UBND cấp huyện đã hoàn thành việc sắp xếp các phòng chuyên môn đạt ",
        ),
        f.qty("organisation.management_boards", "ban", "số ban quản lý trực thuộc UBND cấp tỉnh "),
        f.qty(
            "organisation.interagency_bodies",
            "tổ chức",
            "số tổ chức liên ngành do cấp tỉnh thành lập ",
        ),
    )
    if rates:
        out.append(sentence([rates]))
    total = f.qty("organisation.public_service_units", "đơn vị")
    parts = clauses(
        f.qty("organisation.public_service_units.province", "đơn vị", "thuộc UBND tỉnh "),
        f.qty("organisation.public_service_units.departments", "đơn vị", "thuộc sở, ngành "),
        f.qty("organisation.public_service_units.district", "đơn vị", "thuộc UBND cấp huyện "),
    )
    cut = f.pct(
        "organisation.public_service_units.cut_rate_since_2015",
        "tỷ lệ đã cắt giảm so với năm 2015 là ",
    )
    if total or parts or cut:
        head = (
            f"tổng số đơn vị sự nghiệp công lập {total}{paren(parts)}"
            if total
            else ("đơn vị sự nghiệp công lập: " + "; ".join(parts) if parts else "")
        )
        out.append(sentence([clauses(head or None, cut)]))
    staff = clauses(
        f.qty(
            "organisation.civil_servants.quota",
            "biên chế",
            "biên chế công chức được giao trong năm là ",
        ),
        f.qty("organisation.civil_servants.present", "người", "có mặt tại thời điểm báo cáo "),
        f.qty(
            "organisation.civil_servants.labour_contracts",
            "người",
            "hợp đồng lao động làm việc tại các cơ quan, tổ chức hành chính ",
        ),
    )
    reduced = clauses(
        f.qty("organisation.civil_servants.reduced", "biên chế", "đã tinh giản trong kỳ "),
        f.pct(
            "organisation.civil_servants.reduced_rate_since_2015",
            "tỷ lệ biên chế đã tinh giản so với năm 2015 là ",
        ),
    )
    if staff or reduced:
        out.append(sentence([staff, reduced]))
    employees = clauses(
        f.qty(
            "organisation.public_employees.quota",
            "người",
            "số người làm việc hưởng lương từ ngân sách nhà nước tại các đơn vị sự nghiệp công lập được giao ",
        ),
        f.qty("organisation.public_employees.present", "người", "có mặt tại thời điểm báo cáo "),
    )
    emp_reduced = clauses(
        f.qty("organisation.public_employees.reduced", "người", "đã tinh giản trong kỳ "),
        f.pct(
            "organisation.public_employees.reduced_rate_since_2015",
            "tỷ lệ đã tinh giản so với năm 2015 là ",
        ),
    )
    if employees or emp_reduced:
        out.append(sentence([employees, emp_reduced]))
    return out


def civil_service_sentences(f: Facts) -> list[str]:
    out: list[str] = []
    jobs = clauses(
        f.qty(
            "civil_service.job_positions.admin_approved",
            "cơ quan, tổ chức hành chính",
            "đã phê duyệt vị trí việc làm cho ",
        ),
        f.qty("civil_service.job_positions.service_units_approved", "đơn vị sự nghiệp"),
    )
    violations = f.n("civil_service.job_positions.violations")
    found = None
    if violations == 0:
        found = "qua thanh tra không phát hiện cơ quan, tổ chức có vi phạm trong thực hiện vị trí việc làm"
    elif violations is not None:
        found = (
            f"qua thanh tra phát hiện {qty(violations, 'cơ quan, tổ chức')} "
            "có vi phạm trong thực hiện vị trí việc làm"
        )
    if jobs or found:
        out.append(sentence([[join_vi(jobs)] if jobs else [], clauses(found)]))
    hired = clauses(
        f.qty("civil_service.recruitment.civil_servants_exam", "công chức", "tuyển dụng "),
        f.qty(
            "civil_service.recruitment.civil_servants_special", "công chức theo trường hợp đặc biệt"
        ),
        f.qty(
            "civil_service.recruitment.commune_transferred",
            "cán bộ, công chức cấp xã được xét chuyển thành công chức cấp huyện trở lên",
        ),
        f.qty("civil_service.recruitment.public_employees_exam", "viên chức"),
        f.qty(
            "civil_service.recruitment.public_employees_special",
            "viên chức theo trường hợp đặc biệt",
        ),
    )
    if hired:
        if not hired[0].startswith("tuyển dụng"):
            hired[0] = "tuyển dụng " + hired[0]
        out.append("Trong kỳ, " + sentence([hired])[0].lower() + sentence([hired])[1:])
    if (leaders := f.qty("civil_service.leaders_by_exam", "người")) is not None:
        out.append(
            "Số lãnh đạo quản lý được tuyển chọn, bổ nhiệm thông qua thi tuyển "
            f"(lũy kế từ đầu năm): {leaders}."
        )
    keys = (
        ("civil_service.disciplined.province_leaders", "lãnh đạo cấp tỉnh"),
        (
            "civil_service.disciplined.department_district_leaders",
            "lãnh đạo cấp sở, ngành và UBND cấp huyện",
        ),
        ("civil_service.disciplined.office_leaders", "lãnh đạo cấp phòng"),
        (
            "civil_service.disciplined.public_employees",
            "người làm việc tại đơn vị sự nghiệp công lập",
        ),
    )
    total = f.total("civil_service.disciplined")
    parts = [f"{who}: {qty(v, 'người')}" for key, who in keys if (v := f.n(key)) is not None]
    if total == 0 and not any(f.n(k) for k, _ in keys):
        out.append("Trong kỳ, không có cán bộ, công chức, viên chức bị kỷ luật.")
    elif total is not None:
        out.append(
            f"Số cán bộ, công chức, viên chức bị kỷ luật (cả về Đảng và chính quyền) {qty(total, 'người')}{paren(parts)}."
        )
    elif parts:
        out.append("Cán bộ, công chức, viên chức bị kỷ luật: " + "; ".join(parts) + ".")
    return out


def finance_sentences(f: Facts) -> list[str]:
    out: list[str] = []
    invest = clauses(
        f.qty(
            "finance.public_investment.planned", "triệu đồng", "kế hoạch vốn đầu tư công được giao "
        ),
        f.qty("finance.public_investment.disbursed", "triệu đồng", "đã giải ngân "),
        f.pct("finance.public_investment.rate"),
    )
    if invest:
        out.append(sentence([invest]))
    partial = clauses(
        f.qty("finance.autonomy.partial.from_70", "đơn vị", "từ 70% đến dưới 100%: "),
        f.qty("finance.autonomy.partial.from_30", "đơn vị", "từ 30% đến dưới 70%: "),
        f.qty("finance.autonomy.partial.from_10", "đơn vị", "từ 10% đến dưới 30%: "),
    )
    partial_total = f.qty(
        "finance.autonomy.partial", "đơn vị", "tự bảo đảm một phần chi thường xuyên "
    )
    kinds = clauses(
        f.qty(
            "finance.autonomy.full_with_investment",
            "đơn vị",
            "tự bảo đảm chi thường xuyên và chi đầu tư ",
        ),
        f.qty("finance.autonomy.full_recurrent", "đơn vị", "tự bảo đảm chi thường xuyên "),
        (partial_total + paren(partial)) if partial_total else None,
        f.qty("finance.autonomy.state_funded", "đơn vị", "do Nhà nước bảo đảm chi thường xuyên "),
    )
    total = f.qty("finance.autonomy.total", "đơn vị")
    if total or kinds:
        head = (
            f"tổng số đơn vị sự nghiệp công lập thực hiện tự chủ tài chính {total}"
            if total
            else "đơn vị sự nghiệp công lập"
        )
        out.append(sentence([[head + (", trong đó: " + "; ".join(kinds) if kinds else "")]]))
    if (eq := f.qty("finance.autonomy.equitized", "đơn vị")) is not None:
        out.append(f"Số đơn vị sự nghiệp đã chuyển đổi thành công ty cổ phần (lũy kế): {eq}.")
    return out

"""The statements each part of the report makes from Biểu mẫu 1–7.

One function per form; each returns the sentences whose numbers the report
has, in the seeds' wording, and nothing for numbers it does not have (the
outline then says plainly that the form has no data). Counts are written as
officials write them ("04 văn bản"), rates from the table or, when the table
leaves a rate blank, from its components.
"""

from __future__ import annotations

from collections.abc import Callable

from cchc.domain.egov_sentences import egov_sentences
from cchc.domain.phrasing import join_vi
from cchc.domain.resource_sentences import (
    civil_service_sentences,
    finance_sentences,
    organisation_sentences,
)
from cchc.domain.sentences import Facts, clauses, paren, sentence

__all__ = ["FORM_SENTENCES", "form_sentences"]


def _direction(f: Facts) -> list[str]:
    out: list[str] = []
    if (docs := f.qty("direction.documents_issued", "văn bản")) is not None:
        out.append(f"Trong kỳ, đã ban hành {docs} chỉ đạo, điều hành công tác cải cách hành chính.")
    year = f.report.period.year
    planned = f.qty("direction.plan_tasks_planned", "nhiệm vụ")
    done = f.qty("direction.plan_tasks_completed", "nhiệm vụ")
    rate = f.pct("direction.plan_completion_rate")
    if planned or done:
        out.append(
            sentence(
                [
                    clauses(
                        f"Kế hoạch cải cách hành chính năm {year} đề ra {planned}"
                        if planned
                        else None
                    ),
                    clauses(
                        f"đến thời điểm báo cáo đã hoàn thành {done}" if done else None,
                        rate,
                    ),
                ]
            )
        )
    elif rate:
        out.append(
            f"Tỷ lệ hoàn thành Kế hoạch cải cách hành chính năm {year} "
            f"(lũy kế đến thời điểm báo cáo) {rate}."
        )
    inspected = clauses(
        f.qty("direction.inspection.departments", "sở, ngành"),
        f.qty("direction.inspection.districts", "UBND cấp huyện"),
    )
    issues = clauses(
        f.qty("direction.inspection.issues_found", "vấn đề", "phát hiện "),
        f.qty("direction.inspection.issues_resolved", "vấn đề", "đã xử lý xong "),
        f.pct("direction.inspection.issue_resolution_rate"),
    )
    if inspected or issues:
        lead = (
            [f"đã kiểm tra công tác cải cách hành chính tại {join_vi(inspected)}"]
            if inspected
            else []
        )
        out.append(sentence([lead, issues]))
    staff = clauses(
        f.qty("direction.staff_inspection.units_inspected", "cơ quan, đơn vị", "đã thanh tra "),
        f.pct(
            "direction.staff_inspection.conclusions_done_rate",
            "tỷ lệ cơ quan, đơn vị đã hoàn thành việc thực hiện kết luận thanh tra đạt ",
        ),
    )
    if staff:
        out.append(
            "Thanh tra việc thực hiện quy định pháp luật về tuyển dụng, quản lý, sử dụng công chức, "
            "viên chức và tổ chức bộ máy: " + sentence([staff])
        )
    total = f.qty("direction.assigned_tasks.total", "nhiệm vụ")
    parts = clauses(
        f.qty("direction.assigned_tasks.done_on_time", "nhiệm vụ", "đã hoàn thành đúng hạn "),
        f.qty("direction.assigned_tasks.done_late", "nhiệm vụ", "hoàn thành nhưng quá hạn "),
        f.qty(
            "direction.assigned_tasks.overdue_open", "nhiệm vụ", "quá hạn nhưng chưa hoàn thành "
        ),
    )
    if total or parts:
        head = f"tổng số nhiệm vụ được giao {total}" if total else "nhiệm vụ được giao"
        out.append(sentence([[head + (": " + ", ".join(parts) if parts else "")]]))
    survey = f.n("direction.satisfaction_survey")
    if survey is not None:
        if survey:
            detail = clauses(
                f.qty("direction.satisfaction_survey.forms", "phiếu"),
                (
                    f"hình thức: {m.lower()}"
                    if (m := f.label("direction.satisfaction_survey.method"))
                    else None
                ),
            )
            out.append(
                "Có tổ chức khảo sát sự hài lòng của người dân, tổ chức" + paren(detail) + "."
            )
        else:
            out.append("Trong kỳ không tổ chức khảo sát sự hài lòng của người dân, tổ chức.")
    dialogue = f.n("direction.public_dialogue")
    if dialogue is not None:
        out.append(
            ("Có" if dialogue else "Trong kỳ không")
            + " tổ chức đối thoại của lãnh đạo với người dân, cộng đồng doanh nghiệp."
        )
    return out


def _institutions(f: Facts) -> list[str]:
    out: list[str] = []
    total = f.qty("institutions.legal_docs_issued", "văn bản")
    levels = clauses(
        f.qty("institutions.legal_docs_issued.province", "văn bản", "cấp tỉnh "),
        f.qty("institutions.legal_docs_issued.district", "văn bản", "cấp huyện "),
        f.qty("institutions.legal_docs_issued.commune", "văn bản", "cấp xã "),
    )
    if total:
        out.append(
            f"Tổng số văn bản quy phạm pháp luật do địa phương ban hành {total}{paren(levels)}."
        )
    elif levels:
        out.append("Văn bản quy phạm pháp luật do địa phương ban hành: " + sentence([levels]))
    for what, key in (("kiểm tra", "check"), ("rà soát", "review")):
        counted = "checked" if key == "check" else "reviewed"
        parts = [
            clauses(f.qty(f"institutions.legal_docs_{key}.{counted}", "văn bản", f"đã {what} ")),
            clauses(
                f.qty(
                    f"institutions.legal_docs_{key}.to_handle",
                    "văn bản",
                    f"số văn bản cần phải xử lý sau {what} ",
                ),
                f.qty(f"institutions.legal_docs_{key}.handled", "văn bản", "đã xử lý xong "),
                f.pct(f"institutions.legal_docs_{key}.handling_rate"),
            ),
        ]
        if any(parts):
            out.append(f"Về {what} văn bản quy phạm pháp luật: " + sentence(parts))
    return out


_LEVELS = (
    ("department", "Hồ sơ do các sở, ngành tiếp nhận"),
    ("district", "Hồ sơ do UBND cấp huyện tiếp nhận"),
    ("commune", "Hồ sơ do UBND cấp xã tiếp nhận"),
)


def _procedures(f: Facts) -> list[str]:
    out: list[str] = []
    total = f.qty("procedures.inventory.total", "thủ tục")
    levels = clauses(
        f.qty("procedures.inventory.total.province", "thủ tục", "cấp tỉnh "),
        f.qty("procedures.inventory.total.district", "thủ tục", "cấp huyện "),
        f.qty("procedures.inventory.total.commune", "thủ tục", "cấp xã "),
    )
    if total or levels:
        head = "tổng số thủ tục hành chính (TTHC) thuộc thẩm quyền giải quyết tại địa phương"
        out.append(
            sentence(
                [[f"{head} {total}{paren(levels)}" if total else f"{head}: {'; '.join(levels)}"]]
            )
        )
    changes = clauses(
        f.qty(
            "procedures.inventory.simplification_approved",
            "TTHC",
            "phê duyệt phương án đơn giản hóa ",
        ),
        f.qty("procedures.inventory.announced_new", "TTHC", "công bố mới "),
        f.qty("procedures.inventory.abolished", "TTHC", "bãi bỏ, thay thế "),
    )
    if changes:
        out.append("Trong kỳ, " + sentence([changes])[0].lower() + sentence([changes])[1:])
    onestop = clauses(
        f.qty("procedures.onestop.interlinked_same_level", "TTHC", "liên thông cùng cấp "),
        f.qty(
            "procedures.onestop.interlinked_across_levels",
            "TTHC",
            "liên thông giữa các cấp chính quyền ",
        ),
        f.qty(
            "procedures.onestop.boundary_free",
            "TTHC",
            "tiếp nhận và giải quyết hồ sơ không phụ thuộc vào địa giới hành chính ",
        ),
    )
    if onestop:
        out.append("Thực hiện cơ chế một cửa, một cửa liên thông: " + sentence([onestop]))
    for level, lead in _LEVELS:
        parts = clauses(
            f.qty(f"procedures.results.{level}.resolved", "hồ sơ", "đã giải quyết "),
            f.qty(f"procedures.results.{level}.on_time", "hồ sơ", "đúng hạn "),
            f.pct(f"procedures.results.{level}.on_time_rate"),
        )
        if parts:
            out.append(f"{lead}: " + sentence([parts]))
    received = f.n("procedures.feedback.received")
    if received == 0:
        out.append(
            "Trong kỳ, không có phản ánh, kiến nghị của người dân, tổ chức về quy định TTHC."
        )
    else:
        feedback = clauses(
            f.qty("procedures.feedback.received", "phản ánh, kiến nghị", "tiếp nhận "),
            f.qty("procedures.feedback.resolved", "phản ánh, kiến nghị", "đã giải quyết xong "),
            f.pct("procedures.feedback.resolution_rate"),
        )
        if feedback:
            out.append("Về phản ánh, kiến nghị đối với quy định TTHC: " + sentence([feedback]))
    return out


FORM_SENTENCES: dict[int, Callable[[Facts], list[str]]] = {
    1: _direction,
    2: _institutions,
    3: _procedures,
    4: organisation_sentences,
    5: civil_service_sentences,
    6: finance_sentences,
    7: egov_sentences,
}


def form_sentences(form: int, facts: Facts) -> list[str]:
    """The statements of one Biểu mẫu; empty when the report has none of its numbers."""
    writer = FORM_SENTENCES.get(form)
    return [s for s in writer(facts) if s] if writer else []

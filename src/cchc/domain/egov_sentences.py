"""The statements of Biểu mẫu 7: e-government and digital government.

See ``cchc.domain.form_sentences`` for the conventions.
"""

from __future__ import annotations

from cchc.domain.phrasing import percent_text
from cchc.domain.sentences import Facts, clauses, paren, sentence

__all__ = ["egov_sentences"]


def _coded(f: Facts, key: str, lead: str) -> str | None:
    label = f.label(key)
    return None if label is None else f"{lead}: {label.lower()}."


def egov_sentences(f: Facts) -> list[str]:
    out: list[str] = []
    for key, lead in (
        ("egov.architecture_updated", "Cập nhật Kiến trúc chính quyền điện tử phiên bản mới nhất"),
        ("egov.video_conference", "Hệ thống họp trực tuyến liên thông"),
        ("egov.lgsp", "Nền tảng chia sẻ, tích hợp dùng chung (LGSP)"),
    ):
        if (text := _coded(f, key, lead)) is not None:
            out.append(text)
    if (rate := f.pct("egov.national_reporting_rate")) is not None:
        out.append(
            f"Tỷ lệ báo cáo định kỳ được gửi, nhận qua Hệ thống thông tin báo cáo quốc gia {rate}."
        )
    for key, lead in (
        (
            "egov.edocs.interconnection",
            "Tỷ lệ kết nối, liên thông các hệ thống quản lý văn bản và điều hành",
        ),
        ("egov.edocs.usage_rate", "Tỷ lệ sử dụng văn bản điện tử"),
        (
            "egov.onestop_system",
            "Tỷ lệ kết nối liên thông với Hệ thống thông tin một cửa điện tử tập trung của tỉnh",
        ),
    ):
        suffixes = (
            ("departments", "sở, ngành"),
            ("districts", "cấp huyện"),
            ("communes", "cấp xã"),
        )
        parts = clauses(*(f.pct(f"{key}.{s}", f"{who} ") for s, who in suffixes))
        overall = f.rate(key)
        if overall is not None or parts:
            head = lead + (f" đạt {percent_text(overall)}" if overall is not None else "")
            out.append(
                head + (paren(parts) if overall is not None else ": " + "; ".join(parts)) + "."
            )
    for level in ("3", "4"):
        base = f"egov.online_services.level{level}"
        provided = f.qty(f"{base}_provided", "TTHC", "đang cung cấp ")
        parts = clauses(
            provided + (f.qty(f"{base}_eligible", "TTHC đủ điều kiện", " trên tổng số ") or "")
            if provided
            else f.qty(f"{base}_eligible", "TTHC", "số TTHC đủ điều kiện "),
            f.pct(f"{base}_rate"),
            f.qty(f"{base}_with_dossiers", "TTHC", "có phát sinh hồ sơ nộp trực tuyến "),
        )
        if parts:
            out.append(f"Dịch vụ công trực tuyến mức độ {level}: " + sentence([parts]))
    integrated = f.qty(
        "egov.online_services.portal_integrated",
        "TTHC",
        "số TTHC mức độ 3 và 4 đã tích hợp, công khai trên Cổng Dịch vụ công quốc gia ",
    )
    provided_total = f.qty("egov.online_services.provided_total", "TTHC")
    if integrated:
        out.append(
            sentence(
                [
                    clauses(
                        integrated + (f" trên tổng số {provided_total}" if provided_total else ""),
                        f.pct("egov.online_services.portal_integration_rate"),
                    )
                ]
            )
        )
    elif provided_total:
        out.append(f"Tổng số TTHC đang cung cấp trực tuyến mức độ 3 và 4: {provided_total}.")
    dossiers = clauses(
        f.qty(
            "egov.online_services.dossiers_received", "hồ sơ", "tổng số hồ sơ TTHC đã tiếp nhận "
        ),
        f.qty(
            "egov.online_services.dossiers_online",
            "hồ sơ",
            "tiếp nhận trực tuyến "
            if f.n("egov.online_services.dossiers_received") is not None
            else "số hồ sơ TTHC đã tiếp nhận trực tuyến ",
        ),
        f.pct("egov.online_services.online_dossier_rate"),
    )
    if dossiers:
        out.append(sentence([dossiers]))
    payment = clauses(
        f.qty(
            "egov.online_services.payment_integrated",
            "TTHC",
            "số TTHC đã tích hợp, triển khai thanh toán trực tuyến ",
        ),
        f.qty(
            "egov.online_services.fee_procedures",
            "TTHC",
            "trên tổng số TTHC có yêu cầu nghĩa vụ tài chính ",
        ),
        f.pct("egov.online_services.online_payment_rate"),
    )
    if payment:
        out.append(sentence([payment]))
    return out

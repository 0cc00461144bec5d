"""What the score sheet documents show, shared by the XLSX and DOCX writers.

The "bảng chấm điểm" layout: one row per area, criterion and sub-criterion,
with max points, the self-score, the explanation and evidence, the appraised
score and the appraiser's comment; then the total. Scores are numbers here;
each writer formats them (Excel keeps them as numbers so that sums work).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from cchc.domain.periods import format_date
from cchc.domain.scoring import Scheme
from cchc.domain.scoring_forecast import Forecast, unscored_reason
from cchc.domain.scoring_ranking import RankRow
from cchc.domain.scoring_sheet import NodeResult, ScoreSheet
from cchc.domain.scoring_values import show_percent, show_points

__all__ = [
    "FORECAST_COLUMNS",
    "RANKING_COLUMNS",
    "SHEET_COLUMNS",
    "DocRow",
    "forecast_rows",
    "ranking_rows",
    "ranking_title",
    "sheet_rows",
    "sheet_title",
    "shown",
]

SHEET_COLUMNS = (
    "STT",
    "Lĩnh vực/Tiêu chí/Tiêu chí thành phần",
    "Điểm tối đa",
    "Điểm tự đánh giá",
    "Giải trình, tài liệu kiểm chứng",
    "Điểm thẩm định",
    "Ý kiến thẩm định",
)
FORECAST_COLUMNS = (
    "STT",
    "Tiêu chí/Tiêu chí thành phần",
    "Điểm tối đa",
    "Điểm dự báo",
    "Điểm bị mất",
    "Lý do dự báo thấp",
)
RANKING_COLUMNS = (
    "Xếp hạng",
    "Đơn vị",
    "Điểm tự đánh giá",
    "Điểm thẩm định",
    "Điểm xếp hạng",
    "Tỷ lệ so với điểm tối đa",
    "Ghi chú",
)

Cell = str | Fraction | None


@dataclass(frozen=True, slots=True)
class DocRow:
    cells: tuple[Cell, ...]
    depth: int = 0  # 0 area, 1 criterion, 2+ sub-criterion
    group: bool = False  # an area or a criterion with children: bold
    total: bool = False


def sheet_title(sheet: ScoreSheet) -> list[str]:
    """Title lines: the title, the unit, the legal basis, the data date."""
    year = f" NĂM {sheet.inputs.year}" if sheet.inputs.year else ""
    lines = [f"BẢNG CHẤM ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH{year}", f"Đơn vị: {sheet.unit_label}"]
    if sheet.scheme.decision:
        lines.append(f"(Theo {sheet.scheme.decision})")
    if sheet.inputs.as_of:
        lines.append(f"Số liệu đến ngày {format_date(sheet.inputs.as_of)}")
    return lines


def _explanation(node: NodeResult) -> str:
    parts = [item.describe(node.criterion.variables[n]) for n, item in node.inputs.items()]
    if node.self_eval.score is None:
        parts.append(f"Chưa chấm: {unscored_reason(node)}")
    elif node.self_eval.detail:
        parts.append(f"Cách tính: {node.self_eval.detail}")
    if node.evidence:
        parts.append("Tài liệu kiểm chứng: " + "; ".join(node.evidence))
    if node.note:
        parts.append(node.note)
    return "\n".join(parts)


def sheet_rows(sheet: ScoreSheet) -> list[DocRow]:
    rows = []
    appraisal = sheet.inputs.appraisal is not None
    for node in sheet.walk():
        criterion = node.criterion
        explanation = comment = ""
        if criterion.is_leaf:
            explanation = _explanation(node)
            changes = [
                f"sửa {item.describe(criterion.variables[n])}"
                for n, item in node.appraised_inputs.items()
            ]
            comment = "\n".join([*changes, node.comment] if node.comment else changes)
        appraised = node.appraised.score if appraisal and node.appraised else None
        rows.append(
            DocRow(
                (
                    criterion.code,
                    criterion.name,
                    criterion.max_points,
                    node.self_eval.score,
                    explanation,
                    appraised,
                    comment,
                ),
                criterion.depth,
                group=not criterion.is_leaf,
            )
        )
    appraised_total = sheet.appraised_total.score if sheet.appraised_total else None
    missing = len([n for n in sheet.leaves() if n.final.score is None])
    note = "" if sheet.final_total.complete else f"Tạm tính: {missing} tiêu chí chưa đủ số liệu"
    rows.append(
        DocRow(
            ("", "TỔNG ĐIỂM", sheet.scheme.total_max, sheet.total.score, note, appraised_total, ""),
            total=True,
        )
    )
    return rows


def forecast_rows(result: Forecast) -> list[DocRow]:
    rows = [
        DocRow(
            (
                str(i),
                f"{item.node.criterion.code}. {item.node.criterion.name}",
                item.node.criterion.max_points,
                item.score,
                item.lost,
                item.reason,
            )
        )
        for i, item in enumerate(result.items, 1)
    ]
    start = len(rows)
    rows += [
        DocRow(
            (
                str(start + i),
                f"{u.node.criterion.code}. {u.node.criterion.name}",
                u.node.criterion.max_points,
                None,
                None,
                f"Chưa đủ số liệu để dự báo: {u.reason}",
            )
        )
        for i, u in enumerate(result.unscored, 1)
    ]
    sheet = result.sheet
    rows.append(
        DocRow(
            ("", "TỔNG", sheet.scheme.total_max, sheet.final_total.score, result.lost, ""),
            total=True,
        )
    )
    return rows


def ranking_title(scheme: Scheme) -> list[str]:
    lines = ["KẾT QUẢ XẾP HẠNG CHỈ SỐ CẢI CÁCH HÀNH CHÍNH", scheme.title]
    if scheme.decision:
        lines.append(f"(Theo {scheme.decision})")
    return lines


def ranking_rows(rows: Sequence[RankRow], scheme: Scheme) -> list[DocRow]:
    result = []
    for row in rows:
        sheet = row.sheet
        notes = []
        if not row.complete:
            notes.append("chưa đủ số liệu")
        if not row.appraised:
            notes.append("chưa thẩm định")
        rate = show_percent(row.score / scheme.total_max) if row.score is not None else ""
        result.append(
            DocRow(
                (
                    "" if row.rank is None else str(row.rank),
                    sheet.unit_label,
                    sheet.total.score,
                    sheet.appraised_total.score if sheet.appraised_total else None,
                    row.score,
                    rate,
                    ", ".join(notes),
                )
            )
        )
    return result


def shown(value: Cell, decimals: int) -> str:
    """A cell as text: points with the scheme's decimals ("1,90"), text as is."""
    if isinstance(value, Fraction):
        return show_points(value, decimals)
    return value or ""

"""Charts are PNG images of the page's width; rule lengths use Times New Roman's real widths."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from PIL import Image

from cchc.documents.charts import MAX_BARS, WIDTH_IN, bar_chart_by_unit, trend_chart
from cchc.documents.textwidth import text_width_pt

PNG = b"\x89PNG\r\n\x1a\n"


def _size(png: bytes) -> tuple[int, int]:
    assert png.startswith(PNG)
    return Image.open(BytesIO(png)).size


def test_bar_chart_is_as_wide_as_the_text_and_grows_with_units_up_to_a_cap() -> None:
    few = _size(
        bar_chart_by_unit(
            [("A", 50.0), ("B", 90.0)], title="Tỷ lệ", overall=70.0, overall_label="Toàn tỉnh"
        )
    )
    many_items = [(f"Đơn vị {n}", float(n % 100)) for n in range(200)]
    many = _size(bar_chart_by_unit(many_items, title="Tỷ lệ", overall=None, overall_label=""))
    assert few[0] == many[0] == round(WIDTH_IN * 150)
    assert few[1] < many[1] <= 9 * 150  # 200 units: the lowest MAX_BARS are drawn, height capped
    assert MAX_BARS < 200


def test_trend_chart_draws_gaps_for_periods_without_a_value() -> None:
    png = trend_chart(
        ["quý I", "quý II", "quý III"], [("Tỷ lệ đúng hạn", [80.0, None, 92.5])], title="Diễn biến"
    )
    assert _size(png)[0] == round(WIDTH_IN * 150)


def test_width_table_matches_the_metric_clone_of_times_new_roman() -> None:
    font_path = Path("/usr/share/fonts/truetype/liberation/LiberationSerif-Bold.ttf")
    if not font_path.is_file():
        from conftest import missing_dependency

        missing_dependency("phông Liberation Serif (gói fonts-liberation)")
    from fontTools.ttLib import TTFont

    font = TTFont(str(font_path))
    cmap, metrics = font.getBestCmap(), font["hmtx"]
    scale = 1000 / font["head"].unitsPerEm
    for text in (
        "THÀNH PHỐ GIA NGHĨA",
        "SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
        "Độc lập - Tự do - Hạnh phúc",
    ):
        expected = 0.0
        for char in text:
            glyph = cmap.get(ord(char))
            if glyph is None:  # this clone lacks some Vietnamese letters: use the base letter
                import unicodedata

                glyph = cmap[ord(unicodedata.normalize("NFD", char)[0])]
            expected += metrics[glyph][0] * scale
        assert text_width_pt(text, 1000, bold=True) == pytest.approx(expected, rel=0.01)

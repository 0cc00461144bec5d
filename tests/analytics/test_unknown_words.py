"""Words the vocabulary does not know, summed up once each with the rows they cost.

A one-stop export with its own status ("Chờ thanh toán") on 40.000 rows
lists the same word 1.000 times and hides the others; the summary names
each word once, so the user can add it to the province's vocabulary.
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cchc.analytics.dossier_engine import DossierEngine
from cchc.analytics.unknown_words import SHOWN_WORDS, UnknownWord
from cchc.cli import app
from cchc.domain.dossier_ledger import Problem
from cchc.domain.periods import DateWindow
from cchc.registry import Registry
from ledgers import D, write_csv

WINDOW = DateWindow(date(2023, 7, 1), date(2023, 9, 30))
DAY = date(2023, 7, 3)


def _row(n: int, status: str = "dang_giai_quyet", **cells: object) -> D:
    return D(f"H{n}", cells.pop("received_at", DAY), status, date(2023, 7, 10), **cells)  # type: ignore[arg-type]


def _ledger(folder: Path) -> Path:
    rows = [
        _row(1, "Chờ thanh toán"),
        _row(2, "CHỜ THANH TOÁN"),
        _row(3, unicodedata.normalize("NFD", " chờ thanh toán ")),
        _row(4, "Đã hủy"),
        # Unknown status behind a bad received date: the row is listed for its date, and
        # its word is still one the user must add.
        _row(5, "Đã hủy", received_at="32/07/2023"),
        # Only the software's verdict: not a status word, explained on its rows instead.
        _row(6, "Quá hạn"),
        _row(7, "Quá hạn"),
        _row(8, level="Thành phố"),
        _row(9, digitised_input="Có rồi"),
        _row(10, "Đã giải quyết", finished_at=date(2023, 7, 7)),
        _row(11),
    ]
    return write_csv(folder / "so.csv", rows)


def test_each_unknown_word_once_with_its_rows(registry: Registry, tmp_path: Path) -> None:
    with DossierEngine([_ledger(tmp_path)], registry) as engine:
        result = engine.stats(WINDOW)
    assert result.unknown_words == [
        UnknownWord("status", "Chờ thanh toán", 3, 2),
        UnknownWord("status", "Đã hủy", 2, 2),
        UnknownWord("level", "Thành phố", 1, 1),
        UnknownWord("digitised_input", "Có rồi", 1, 1),
    ]
    assert result.total.total == 2  # H10 and H11
    assert result.problems[Problem.UNKNOWN_STATUS] == 6  # the verdicts' rows are among them


def test_the_note_and_the_json(tmp_path: Path) -> None:
    path = _ledger(tmp_path)
    command = ["dossiers", "stats", str(path), "--from", "01/07/2023", "--to", "30/09/2023"]
    out = CliRunner().invoke(app, command)
    assert (
        "Từ không nhận ra — cột trạng thái: “Chờ thanh toán” (3 dòng), “Đã hủy” (2 dòng); cột "
        "cấp: “Thành phố” (1 dòng); cột số hóa hồ sơ: “Có rồi” (1 dòng). Các dòng có những từ "
        "này bị loại; nếu đó là từ của phần mềm một cửa, thêm vào tệp từ vựng sổ hồ sơ của tỉnh"
    ) in " ".join(out.stderr.split())
    data = json.loads(CliRunner().invoke(app, [*command, "--format", "json"]).stdout)
    assert data["excluded"]["unknown_words"]["status"] == {
        "distinct": 2,
        "words": [{"text": "Chờ thanh toán", "rows": 3}, {"text": "Đã hủy", "rows": 2}],
    }


def test_many_words_keep_the_commonest_and_count_the_rest(tmp_path: Path) -> None:
    extra = 5
    rows = [
        _row(n * 100 + k, f"Bước {n}")
        for n in range(SHOWN_WORDS + extra)
        for k in range(n + 1)  # "Bước n" on n + 1 rows: the last ones are the commonest
    ]
    path = write_csv(tmp_path / "so.csv", rows)
    command = ["dossiers", "stats", str(path), "--from", "01/07/2023", "--to", "30/09/2023"]
    data = json.loads(CliRunner().invoke(app, [*command, "--format", "json"]).stdout)
    kept = data["excluded"]["unknown_words"]["status"]
    assert kept["distinct"] == SHOWN_WORDS + extra
    assert [w["text"] for w in kept["words"]] == [
        f"Bước {n}" for n in range(SHOWN_WORDS + extra - 1, extra - 1, -1)
    ]
    out = CliRunner().invoke(app, command)
    assert f"“Bước {extra}” ({extra + 1} dòng) và {extra} từ khác." in " ".join(out.stderr.split())


WORDS = ["Chờ thanh toán", "Đã hủy", "Hủy", "Chờ ký số", "Đang xử lý"]  # the last one is known
SPELLINGS = [str, str.upper, str.lower, lambda t: unicodedata.normalize("NFD", f" {t}  ")]


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    cells=st.lists(
        st.tuples(st.sampled_from(WORDS), st.sampled_from(SPELLINGS)), min_size=1, max_size=30
    )
)
def test_the_words_rows_add_up_to_the_rows_left_out(
    registry: Registry, tmp_path_factory: object, cells: list[tuple[str, object]]
) -> None:
    folder = tmp_path_factory.mktemp("words")  # type: ignore[attr-defined]
    rows = [_row(n, spell(word)) for n, (word, spell) in enumerate(cells)]  # type: ignore[operator]
    with DossierEngine([write_csv(folder / "so.csv", rows)], registry) as engine:
        result = engine.stats(WINDOW)
    expected = Counter(word for word, _ in cells if word != "Đang xử lý")
    got = {w.text.strip(): w.rows for w in result.unknown_words}
    # One entry per word whatever its case or Unicode form, shown composed.
    assert {unicodedata.normalize("NFC", t).casefold() for t in got} == {
        w.casefold() for w in expected
    }
    assert sum(got.values()) == result.problems[Problem.UNKNOWN_STATUS] == sum(expected.values())


def test_the_workbook_carries_the_note(tmp_path: Path) -> None:
    import openpyxl

    path, book = _ledger(tmp_path), tmp_path / "thong-ke.xlsx"
    command = ["dossiers", "stats", str(path), "--from", "01/07/2023", "--to", "30/09/2023"]
    out = CliRunner().invoke(app, [*command, "--xlsx", str(book)])
    assert out.exit_code == 0, out.output
    sheet = openpyxl.load_workbook(book).worksheets[0]
    notes = [str(sheet.cell(r, 1).value) for r in range(1, sheet.max_row + 1)]
    assert any(
        n.startswith("Lưu ý: Từ không nhận ra — cột trạng thái: “Chờ thanh toán” (3 dòng)")
        for n in notes
    )

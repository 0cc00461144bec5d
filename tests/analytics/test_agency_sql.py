"""The SQL of ``--agency`` against its Python twin: a row counts for the unit in the
engine exactly when ``AgencySelection.choice_of`` says it does."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from cchc.analytics.agency_sql import agency_key_sql, selection_sql
from cchc.domain.agency_selection import AgencySelection, agency_key
from sql_cells import over_cells

# Letters of agency names, with both forms of the tone marks, and the spaces exports carry.
ALPHABET = [
    *"aAăĂâÂđĐeEêÊoOôÔơƠuUưƯyYxXkKnN-.0123ãÃĩĨỳỲ",
    *"\u0300\u0303\u0309",
    *[" ", "  ", "\t", "\u00a0", "\u3000", "\n"],
]
TEXT = st.lists(st.sampled_from(ALPHABET), max_size=12).map("".join)
NAMES = ["UBND xã Nghĩa Kỳ", "UBND-X01", "Chi nhánh VPĐKĐĐ Tư Nghĩa", "Sở Tư pháp"]
WRITTEN = st.tuples(
    st.sampled_from(NAMES),
    st.sampled_from(
        [
            str,
            str.upper,
            str.lower,
            lambda t: unicodedata.normalize("NFD", t),
            lambda t: "  " + t.replace(" ", "\u00a0 ") + "\t",
        ]
    ),
).map(lambda parts: parts[1](parts[0]))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(TEXT, WRITTEN), min_size=1, max_size=20))
def test_sql_key_is_the_python_key(cells: list[str]) -> None:
    assert over_cells(agency_key_sql("t"), cells) == [agency_key(c) for c in cells]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from([*NAMES, "gia-nghia"]), min_size=1, max_size=3),
    st.lists(st.one_of(WRITTEN, TEXT), min_size=1, max_size=20),
)
def test_sql_selection_is_the_python_selection(asked: list[str], cells: list[str]) -> None:
    selection = AgencySelection.of(asked)
    # The engine's agency cell is trimmed, NULL when empty (dossier_sql._text_sql).
    trimmed = [c.strip(" ") or None for c in cells]
    expected = []
    for cell in trimmed:
        choice = selection.choice_of(cell) if cell is not None else None
        expected.append(selection.choices.index(choice) + 1 if choice is not None else 0)
    assert over_cells(selection_sql(selection, "t"), trimmed) == expected

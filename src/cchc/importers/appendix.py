"""Appendix rows mapped onto the indicator catalog, across template versions.

Each form table (or each part of a combined appendix) is matched against
every template version; the version whose printed codes and wordings agree
with the most rows wins, and the report records it. A row is mapped

1. by its printed code within its form, read in context: "1." printed
   under "2.2." is 2.2.1 when the wording says so, as is a code that
   restarts after a page break; the wording must agree;
2. otherwise by its wording alone (diacritics- and case-insensitive,
   fuzzy), among the form's rows not yet filled, nearest the previous row
   on ties.

How sure the mapping is travels with the value as flags; rows that map to
nothing, or to several indicators equally, are reported, never dropped.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from cchc.domain.catalog import Catalog, IndicatorKind, TemplateVersion
from cchc.domain.report import Value
from cchc.domain.wording import CodeKind, fold, label_similarity
from cchc.importers.document import Document
from cchc.importers.problems import Problem, Severity
from cchc.importers.rowvalues import row_value
from cchc.importers.tables import DataRow, FormTable, collect_form_tables, form_titles, parts

__all__ = ["AppendixResult", "TemplateIndex", "read_appendix"]

CODE_AGREES = 0.75  # a printed code whose wording agrees this well is taken as is
CODE_WEAK = 0.5  # below this the printed code is not trusted
WORDING_SURE = 0.9  # a wording-only match this close is taken (flagged)
WORDING_FUZZY = 0.75  # the least wording-only similarity ever taken (flagged)
TIE = 0.02


@dataclass
class _Candidate:
    key: str
    similarity: float
    position: int
    code: str | None = None


@dataclass
class _Match:
    row: DataRow
    form: int | None
    key: str | None = None
    flags: list[str] = field(default_factory=list)
    problem: str | None = None
    by_code: bool = False


class TemplateIndex:
    """A template version's rows, ready for matching printed rows against."""

    def __init__(self, template: TemplateVersion, catalog: Catalog) -> None:
        self.template = template
        self.catalog = catalog
        self.rows = list(template.rows)
        self.position = {r.key: i for i, r in enumerate(self.rows)}
        self._by_form_code = {(r.form, r.code): r.key for r in self.rows}
        self._by_code: dict[str, list[str]] = defaultdict(list)
        for r in self.rows:
            self._by_code[r.code].append(r.key)
        self.wordings: dict[str, list[str]] = {}
        for r in self.rows:
            names = [r.label, catalog.get(r.key).name, *template.aliases.get(r.key, ())]
            self.wordings[r.key] = list(dict.fromkeys(n for n in names if n))
        self._cache: dict[tuple[str, str], float] = {}

    def keys_for(self, form: int | None, code: str) -> list[str]:
        if form is None:
            return list(self._by_code.get(code, ()))
        key = self._by_form_code.get((form, code))
        return [key] if key else []

    def form_keys(self, form: int | None) -> list[str]:
        return [r.key for r in self.rows if form is None or r.form == form]

    def similarity(self, label: str, key: str) -> float:
        cached = self._cache.get((label, key))
        if cached is None:
            cached = max((label_similarity(label, w) for w in self.wordings[key]), default=0.0)
            self._cache[(label, key)] = cached
        return cached

    def row_label(self, key: str) -> str:
        row = self.template.row(key)
        return row.label if row else key


@dataclass
class AppendixResult:
    values: dict[str, Value] = field(default_factory=dict)
    template: str | None = None
    problems: list[Problem] = field(default_factory=list)
    rows: int = 0
    mapped: int = 0
    tables: int = 0


_TRONG_DO = re.compile(r"^(trong do|trong so do|bao gom|gom)\s*[:,]?\s*", re.IGNORECASE)


def _clean_label(label: str) -> str:
    text = label.strip().lstrip("-+•*– ").strip()
    folded = fold(text)
    match = _TRONG_DO.match(folded)
    if match:
        text = text[len(match.group(0)) :].strip() if len(folded) == len(text) else ""
    return text


def _pick(candidates: list[_Candidate], last: int) -> list[_Candidate]:
    """Best first: the most similar, then the nearest after the previous row."""

    def order(c: _Candidate) -> tuple[float, int]:
        distance = c.position - last
        return (-round(c.similarity, 2), distance if distance > 0 else 1000 - distance)

    return sorted(candidates, key=order)


def _percent(value: float) -> str:
    return f"{round(value * 100)}%"


def _map_rows(index: TemplateIndex, form: int | None, rows: Iterable[DataRow]) -> list[_Match]:
    matches: list[_Match] = []
    last_code: str | None = None
    last = -1
    used: set[str] = set()
    for row in rows:
        match = _Match(row, form)
        matches.append(match)
        label = _clean_label(row.label)
        if not label:
            match.problem = "" if not row.value else None  # "Trong đó:" heading: nothing to map
            continue
        code_candidates: list[_Candidate] = []
        if row.code.kind is CodeKind.NUMBER:
            codes = [row.code.value]
            if row.code.depth == 1 and last_code:
                parts = last_code.split(".")
                codes += [".".join([*parts[:i], row.code.value]) for i in range(len(parts), 0, -1)]
            for code in dict.fromkeys(codes):
                for key in index.keys_for(form, code):
                    code_candidates.append(
                        _Candidate(key, index.similarity(label, key), index.position[key], code)
                    )
        best_code = _pick(code_candidates, last)[0] if code_candidates else None
        settled = best_code and best_code.similarity >= CODE_AGREES and best_code.key not in used
        wording = (
            []
            if settled
            else [
                _Candidate(k, s, index.position[k])
                for k in index.form_keys(form)
                if k not in used and (s := index.similarity(label, k)) >= WORDING_FUZZY
            ]
        )
        ranked = _pick(wording, last)
        best_word = ranked[0] if ranked else None
        chosen: _Candidate | None = None
        printed = row.code.printed.strip()
        shown = f"in “{printed}”" if printed else "để trống"
        wording_wins = (
            best_word is not None
            and best_word.similarity >= WORDING_SURE
            and (best_code is None or best_word.similarity - best_code.similarity >= 0.15)
        )
        if settled:
            chosen, match.by_code = best_code, True
        elif wording_wins:
            assert best_word is not None
            chosen = best_word
            if row.code.kind is CodeKind.NUMBER:
                match.flags.append(
                    f"mã in “{printed}” không khớp nội dung dòng; đã nhận theo nội dung là mục "
                    f"{index.template.code_for(chosen.key)}"
                )
            else:
                match.flags.append(
                    f"dòng không ghi mã số ({shown}); đã nhận theo nội dung chỉ tiêu"
                )
        elif best_code is not None and best_code.key in used and best_code.similarity >= CODE_WEAK:
            # The row repeats an indicator already read: it is compared with the first
            # reading when the values are assembled, never pushed onto a neighbour.
            match.key, match.by_code = best_code.key, True
            continue
        elif best_code is not None and best_code.similarity >= CODE_WEAK:
            chosen, match.by_code = best_code, True
            match.flags.append(
                f"nội dung dòng khác với mục {best_code.code} của mẫu "
                f"(giống {_percent(best_code.similarity)}); đã nhận theo mã số"
            )
        elif best_word is not None:
            ties = [c for c in ranked if best_word.similarity - c.similarity < TIE]
            if len(ties) > 1 and abs(ties[0].position - last) > 3 and ties[1].position > last:
                codes_text = ", ".join(f"mục {index.template.code_for(c.key)}" for c in ties[:4])
                match.problem = f"khớp ngang nhau với nhiều chỉ tiêu ({codes_text}); không nhận"
                continue
            chosen = best_word
            reason = (
                f"mã in “{printed}” không khớp"
                if row.code.kind is CodeKind.NUMBER
                else f"dòng không ghi mã số ({shown})"
            )
            match.flags.append(f"{reason}; đã nhận theo nội dung chỉ tiêu")
            if best_word.similarity < WORDING_SURE:
                match.flags.append(
                    f"nội dung chỉ khớp gần đúng ({_percent(best_word.similarity)}) với "
                    f"“{index.row_label(chosen.key)}”"
                )
        if chosen is None:
            match.problem = match.problem or "không khớp chỉ tiêu nào của mẫu"
            continue
        match.key = chosen.key
        used.add(chosen.key)
        last = index.position[chosen.key]
        last_code = index.template.code_for(chosen.key)
        if (
            row.code.kind is CodeKind.NUMBER
            and last_code
            and row.code.value != last_code
            and not match.by_code
            and not any(f.startswith("mã in") for f in match.flags)
        ):
            match.flags.append(f"mã in “{printed}” được hiểu là mục {last_code}")
    return matches


def _score(matches: list[_Match]) -> float:
    return sum(1.0 if m.by_code and not m.flags else 0.3 if m.key else 0.0 for m in matches)


def read_appendix(
    document: Document,
    catalog: Catalog,
    templates: dict[str, TemplateVersion],
    *,
    year: int | None,
    default_template: str,
    forced: str | None = None,
) -> AppendixResult:
    """Values of every appendix row, the template version they follow, and what went wrong."""
    result = AppendixResult()
    tables = collect_form_tables(document)
    result.tables = sum(len(t.tables) for t in tables)
    chosen_ids = [forced] if forced else list(templates)
    indexes = {tid: TemplateIndex(templates[tid], catalog) for tid in chosen_ids}
    titles = form_titles(catalog, templates.values())

    def preference(tid: str) -> tuple[int, int]:
        template = templates[tid]
        valid = year is not None and (
            (template.valid_from is None or template.valid_from.year <= year)
            and (template.valid_to is None or template.valid_to.year >= year)
        )
        return (int(valid), int(tid == default_template))

    # Every template is tried on every part; the report follows the template that
    # is best on every part where the templates differ (ties go to the one valid
    # for the report's year), and a part follows another template only when that
    # one fits it strictly better.
    tried: list[tuple[FormTable, dict[str, list[_Match]], dict[str, float]]] = []
    for table in tables:
        for form, rows in parts(table, titles):
            matches = {tid: _map_rows(index, form, rows) for tid, index in indexes.items()}
            scores = {tid: _score(m) for tid, m in matches.items()}
            if max(scores.values()) == 0 and table.form is None:
                continue  # a table that only looks like a form: nothing of it is in the catalog
            tried.append((table, matches, scores))
    common = set(indexes)
    for _, _, scores in tried:
        top = max(scores.values())
        common &= {tid for tid, score in scores.items() if score == top}
    if not tried:
        overall = None
    elif common:
        overall = max(common, key=preference)
    else:
        wins: dict[str, float] = defaultdict(float)
        for _, _, scores in tried:
            top = max(scores.values())
            for tid, score in scores.items():
                if score == top:
                    wins[tid] += score
        overall = max(wins, key=lambda t: (wins[t], preference(t)))
    segments_done: list[tuple[FormTable, list[_Match], str]] = []
    for table, matches, scores in tried:
        assert overall is not None
        top = max(scores.values())
        tid = (
            overall
            if scores[overall] == top
            else max((t for t in scores if scores[t] == top), key=preference)
        )
        segments_done.append((table, matches[tid], tid))
    result.template = overall
    _assemble(result, segments_done, indexes, document.name)
    return result


def _assemble(
    result: AppendixResult,
    segments: list[tuple[FormTable, list[_Match], str]],
    indexes: dict[str, TemplateIndex],
    origin: str,
) -> None:
    where_of: dict[str, str] = {}
    for table, matches, tid in segments:
        index = indexes[tid]
        catalog = index.catalog
        for match in matches:
            row = match.row
            result.rows += 1
            if table.form is None and match.form is not None:
                form_name = f"{table.caption or 'Phụ lục'}, phần {match.form}"
            else:
                form_name = table.caption or (f"Biểu mẫu {match.form}" if match.form else "phụ lục")
            if match.key is None:
                if match.problem == "":
                    continue
                has_value = bool(row.value) and row.value not in ("-", "–")
                shown = f"“{row.label}”" + (
                    f" (mã in “{row.code.printed.strip()}”)" if row.code.printed.strip() else ""
                )
                value_text = f", số liệu “{row.value}”" if row.value else ""
                result.problems.append(
                    Problem(
                        Severity.WARNING if has_value else Severity.INFO,
                        f"{form_name}: dòng {shown}{value_text} {match.problem or 'không khớp chỉ tiêu nào'}",
                        row.location,
                    )
                )
                continue
            result.mapped += 1
            indicator = catalog.get(match.key)
            built = row_value(row, indicator, index.template, form_name, origin, match.flags)
            result.problems.extend(built.problems)
            if built.value is None:
                continue
            if indicator.kind is IndicatorKind.GROUP:
                continue
            existing = result.values.get(match.key)
            if existing is None:
                result.values[match.key] = built.value
                where_of[match.key] = row.location
                continue
            _duplicate(result, match.key, existing, built.value, where_of[match.key], row, index)


def _duplicate(
    result: AppendixResult,
    key: str,
    existing: Value,
    new: Value,
    first_at: str,
    row: DataRow,
    index: TemplateIndex,
) -> None:
    code = index.template.code_for(key)
    if existing.value == new.value:
        result.problems.append(
            Problem(
                Severity.INFO,
                f"mục {code} ghi hai lần (lần đầu ở {first_at}), cùng giá trị; giữ một",
                row.location,
            )
        )
        return
    raw = new.source.raw if new.source else None
    existing.flags = (*existing.flags, f"dòng trùng mục {code} ở {row.location} ghi “{raw}”")
    result.problems.append(
        Problem(
            Severity.WARNING,
            f"mục {code} ghi hai lần với giá trị khác nhau (lần đầu ở {first_at}); giữ giá trị "
            f"lần đầu và đánh dấu cần xác nhận",
            row.location,
        )
    )

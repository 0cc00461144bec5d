"""The SQL that reads ledger rows, finds their problems and places them in a window.

Three layers, each one ``SELECT`` over the previous one, so that DuckDB
streams a file through them in parallel and drops every column a query
does not use:

1. ``parsed_select``: one source's cells trimmed and parsed (dates, working
   days, codes from the vocabulary), keeping the text for error messages;
2. ``checked_select``: the union of sources with the first ``Problem`` of
   each row, the due date (given, or computed from the working-day look-up
   arrays), and the dossier-id hash used to find duplicates;
3. ``cell_expression``: where a usable row counts in the window, packed in
   one small integer (see ``decode_cell``), mirroring ``domain.dossiers.place``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from cchc.analytics.calendar import DueDateLookup
from cchc.analytics.ledger import LedgerSource, sql_string
from cchc.analytics.ledger_dates import date_sql, preferred_date_format
from cchc.domain.date_order import YEAR_FIRST
from cchc.domain.dossier_ledger import CLAIMS, LEDGER_COLUMNS, LedgerVocabulary, Problem, fold
from cchc.domain.dossiers import (
    Channel,
    DossierStats,
    DossierStatus,
    LedgerLevel,
    OnlineLevel,
    Outcome,
    Placement,
)
from cchc.domain.periods import DateWindow

__all__ = [
    "CLAIM_STEP",
    "CODES",
    "DIM_ENUM",
    "DIM_SQL",
    "DISAGREEMENT_UNIT",
    "EMPTY_ROW",
    "LABEL_ROW",
    "TEXT_COLUMNS",
    "Cell",
    "Disagreement",
    "cell_expression",
    "checked_select",
    "code_sql",
    "count_cell",
    "decode_cell",
    "fold_sql",
    "id_hash_sql",
    "label_sql",
    "marked_rows_select",
    "parsed_select",
]

# Codes of the code columns inside the engine: position in the enum + 1.
CODES: dict[str, list[str]] = {
    "status": [s.value for s in DossierStatus],
    "level": [s.value for s in LedgerLevel],
    "channel": [s.value for s in Channel],
    "online_level": [s.value for s in OnlineLevel],
    "flag": ["false", "true"],
}
# A status code number carries the software's claim in multiples of this (see code_sql).
CLAIM_STEP = 8
# Status numbers (1..n) must stay below the step, or a claim would read as another status.
assert len(CODES["status"]) < CLAIM_STEP
_SHORT = {"status": "st", "level": "lvl", "channel": "ch", "online_level": "ol"}
_FLAGS = {"digitised_input": "di", "digitised_result": "dr", "paid_online": "po"}
_DATES = {"received_at": "rec", "due_at": "due", "finished_at": "fin"}
_DATE_NAMES = {"rec": "rec", "due": "due_given", "fin": "fin"}
TEXT_COLUMNS = (
    "dossier_id",
    "procedure_code",
    "procedure_name",
    "field",
    "agency",
    "applicant",
    "late_reason",
)
_FIRST_DAY, _LAST_DAY = "DATE '1990-01-01'", "DATE '2100-12-31'"
MAX_PROCESSING_DAYS = 1000
_STATUS = {s: i + 1 for i, s in enumerate(DossierStatus)}
_OUTCOME = {o: i + 1 for i, o in enumerate(Outcome)}


def fold_sql(expr: str) -> str:
    # Must agree with domain.dossier_ledger.fold; tests compare both on the vocabulary.
    return (
        f"trim(regexp_replace(strip_accents(lower(replace(replace({expr}, 'Đ', 'd'), 'đ', 'd'))), "
        "'[^a-z0-9]+', '_', 'g'), '_')"
    )


def code_sql(text: str, kind: str, vocabulary: LedgerVocabulary, seen: Sequence[str] = ()) -> str:
    """Text → code number (1..n), 0 for an explicit "none", -1 unknown, NULL when empty.

    A status qualified by the software ("Đã giải quyết - đúng hạn") carries
    what the qualifier claims above its code: ``code + CLAIM_STEP × (1 +
    index in CLAIMS)``; ``parsed_select`` splits the two.

    Canonical codes are matched as they are, then the vocabulary's words as
    they are usually written (``spellings``: "Đã giải quyết"); only other text
    is trimmed and folded, which costs about fifteen times a look-up (0,68 s
    against 0,04 s per million cells, 23/11/2026).

    ``seen`` are the texts the file's sampled rows hold most often
    (``LedgerSource.code_samples``): those with a code are matched first, as
    they stand, so that a file's own way of writing ("Đã giải quyết - Đúng
    hạn", which no usual spelling covers) is not folded cell by cell either.
    """
    numbers = {code: i + 1 for i, code in enumerate(CODES[kind])}
    fast = " ".join(f"WHEN {sql_string(c)} THEN {n}" for c, n in numbers.items())
    claims = vocabulary.claims.get(kind, {})

    def number(word: str, code: str) -> int:
        if not code:
            return 0
        claim = claims.get(fold(word))
        return numbers[code] + (CLAIM_STEP * (CLAIMS.index(claim) + 1) if claim else 0)

    def table(words: Mapping[str, str]) -> str:
        entries = {
            word: number(word, code) for word, code in words.items() if not code or code in numbers
        }
        return ", ".join(f"{sql_string(w)}: {n}" for w, n in sorted(entries.items()))

    folded, spelled = table(vocabulary.values[kind]), table(vocabulary.spellings(kind))
    lookup = f"coalesce((MAP {{{folded}}})[{fold_sql(text)}], -1)" if folded else "-1"
    slow = f"CASE WHEN regexp_full_match({text}, '\\s*') THEN NULL ELSE {lookup} END"
    if spelled:
        slow = f"coalesce((MAP {{{spelled}}})[{text}], {slow})"
    # Canonical codes are matched by ``fast`` already; texts without a code are left to folding.
    mine = table(
        {t: c for t in seen if t not in numbers and (c := vocabulary.code_for(kind, t)) is not None}
    )
    if mine:
        # A small map first: a look-up costs about the number of keys it searches.
        slow = f"coalesce((MAP {{{mine}}})[{text}], {slow})"
    return f"CASE WHEN {text} IS NULL THEN NULL ELSE (CASE {text} {fast} ELSE {slow} END) END"


def _text_sql(text: str) -> str:
    """Trimmed text, NULL when empty; only padded cells pay for the copy trimming makes."""
    padded = f"{text} LIKE ' %' OR {text} LIKE '% '"
    return f"CASE WHEN {padded} THEN nullif(trim({text}), '') ELSE nullif({text}, '') END"


def _present(text: str) -> str:
    """The cell holds something (cells stay untrimmed: trimming every row costs)."""
    return f"({text} IS NOT NULL AND NOT regexp_full_match({text}, '\\s*'))"


def parsed_select(
    source: LedgerSource,
    vocabulary: LedgerVocabulary,
    *,
    row_numbers: bool,
    rejects: str | None,
    only: str | None = None,
    marks: str | None = None,
) -> str:
    """One source's rows as typed columns; ``*_t`` keep the cell text for messages.

    ``only`` (a query of id hashes) keeps just the rows whose dossier id hashes
    to one of them, numbered as in the file, before any parsing: pass 2 then
    parses a handful of rows instead of the whole file again. A CSV source
    has no row numbers of its own: it is then read from ``marks``, the table
    ``marked_rows_select`` filled.
    """
    # Row numbers come with the rows (``__row``: XLSX, Parquet, or a CSV's marks
    # table); a CSV read directly is numbered by the caller, after a parallel scan.
    items = [f"{source.file_no} AS file_no"]
    items.append("__row::BIGINT AS row_no" if row_numbers else "NULL::BIGINT AS row_no")
    raw = {column.name: _raw(source, column.name) for column in LEDGER_COLUMNS}
    items += [f"{_text_sql(raw[name])} AS {name}" for name in TEXT_COLUMNS]
    items += [f"{raw[name]} AS {short}_t" for name, short in (*_SHORT.items(), *_FLAGS.items())]
    items += [f"{raw[name]} AS {short}_t" for name, short in _DATES.items()]
    typed = {
        name: source.columns[name][0]
        for name in _DATES
        if name in source.columns and source.columns[name][1].startswith(("DATE", "TIMESTAMP"))
    }
    # Typed date columns were read from the file itself: no text to misread.
    items += [f"CAST({quoted} AS DATE) AS {_DATES[name]}_n" for name, quoted in typed.items()]
    items.append(f"{raw['processing_days']} AS pd_t")
    relation = source.relation(rejects=rejects, row_numbers=row_numbers)
    if only is not None:
        if not source.has_row_column:
            if marks is None:
                raise ValueError("a CSV source is numbered from its marks table")
            relation = _numbered_marks(source, marks)
        relation = f"(SELECT * FROM {relation} WHERE {id_hash_sql(source)} IN ({only}))"
    texts = f"SELECT {', '.join(items)} FROM {relation}"

    parsed = ["*"]
    for name, short in _SHORT.items():
        # The status's number also carries the software's claim, split in ``ranged``.
        suffix = "_c" if name == "status" else ""
        seen = source.code_samples.get(name, ())
        parsed.append(f"{code_sql(f'{short}_t', name, vocabulary, seen)} AS {short}{suffix}")
    parsed += [
        f"coalesce({code_sql(f'{short}_t', 'flag', vocabulary, source.code_samples.get(name, ()))}"
        f" - 1, 0) AS {short}"
        for name, short in _FLAGS.items()
    ]
    for name, short in _DATES.items():
        parsed.append(
            f"{short}_n AS {short}_d"
            if name in typed
            else f"{_date(source, name, short)} AS {short}_d"
        )
    parsed.append(
        "coalesce(try_cast(pd_t AS DOUBLE), try_cast(replace(pd_t, ',', '.') AS DOUBLE)) AS pd_d"
    )

    ranged = ["*", f"st_c % {CLAIM_STEP} AS st"]
    ranged.append(f"CASE WHEN st_c > {CLAIM_STEP} THEN st_c // {CLAIM_STEP} ELSE 0 END AS claim")
    for short in _DATES.values():
        ranged.append(
            f"CASE WHEN {short}_d BETWEEN {_FIRST_DAY} AND {_LAST_DAY} THEN {short}_d END "
            f"AS {_DATE_NAMES[short]}"
        )
    ranged.append(
        f"CASE WHEN pd_d BETWEEN 0 AND {MAX_PROCESSING_DAYS} THEN ceil(pd_d)::INTEGER END AS pdays"
    )
    return f"SELECT {', '.join(ranged)} FROM (SELECT {', '.join(parsed)} FROM ({texts}))"


def _date(source: LedgerSource, name: str, short: str) -> str:
    order = source.dates.month_first
    first = preferred_date_format(source.date_samples.get(name, []), order)
    read = date_sql(f"{short}_t", first, month_first=order)
    if not source.dates.swapped:
        return read
    # A spreadsheet's real dates, written year first, hold the typed day as their month:
    # swapped back, or NULL (reported) when their day is past 12 and cannot be a month.
    back = f"try_strptime(strftime({read}, '%Y-%d-%m'), '%Y-%m-%d')::DATE"
    real = f"regexp_matches({short}_t, {sql_string(YEAR_FIRST)})"
    return f"CASE WHEN {real} THEN {back} ELSE {read} END"


def _raw(source: LedgerSource, name: str) -> str:
    if name not in source.columns:
        return "NULL::VARCHAR"
    quoted, kind = source.columns[name]
    return quoted if kind == "VARCHAR" else f"CAST({quoted} AS VARCHAR)"


def id_hash_sql(source: LedgerSource) -> str:
    """The hash pass 1 calls ``h``, from the raw cell (both trim it alike)."""
    return f"hash({_text_sql(_raw(source, 'dossier_id'))})"


def marked_rows_select(source: LedgerSource, rejects: str | None, bits: str, size: int) -> str:
    """Every row of a CSV source, in file order, as one list or NULL.

    A row whose id hash hits the bit map ``bits`` (a BITSTRING expression of
    ``size`` bits) keeps its raw cells in the list; every other row is NULL,
    which stores next to nothing. Materialised with the insertion order kept,
    this scan runs on every thread; numbering the table afterwards is cheap,
    where numbering the file itself ran on one thread. The bit map only
    narrows: the exact hash test follows in ``parsed_select``.
    """
    names = [quoted for quoted, _ in source.columns.values()]
    packed = "list_value(" + ", ".join(f"CAST({n} AS VARCHAR)" for n in names) + ")"
    hit = f"get_bit({bits}, ({id_hash_sql(source)} % {size})::INTEGER) = 1"
    return f"SELECT CASE WHEN {hit} THEN {packed} END AS payload FROM {source.relation(rejects=rejects)}"


def _numbered_marks(source: LedgerSource, marks: str) -> str:
    cells = ", ".join(
        f"payload[{i}] AS {quoted}" for i, (quoted, _) in enumerate(source.columns.values(), 1)
    )
    return (
        f"(SELECT row_no AS __row, {cells} FROM (SELECT row_number() OVER () AS row_no, payload "
        f"FROM {marks}) WHERE payload IS NOT NULL)"
    )


def label_sql(text: str, vocabulary: LedgerVocabulary) -> str:
    """``LedgerVocabulary.is_label`` in SQL; FALSE when the vocabulary has no labels."""
    key = (
        "regexp_replace(trim(regexp_replace(regexp_replace("
        f"{fold_sql(text)}, '[0-9]+', '', 'g'), '_+', '_', 'g'), '_'), '^[ivx]+(_|$)', '')"
    )
    # Folded words hold only a-z and "_": safe inside a pattern.
    tests = []
    if vocabulary.label_starts:
        tests.append(
            f"regexp_matches({key}, '^({'|'.join(sorted(vocabulary.label_starts))})(_|$)')"
        )
    if vocabulary.label_phrases:
        phrases = "|".join(sorted(vocabulary.label_phrases))
        tests.append(f"regexp_matches('_' || {key} || '_', '_({phrases})_')")
    return f"({' OR '.join(tests)})" if tests else "false"


def _problem_sql(vocabulary: LedgerVocabulary) -> str:
    resolved, returned, withdrawn = (
        _STATUS[DossierStatus.RESOLVED],
        _STATUS[DossierStatus.RETURNED],
        _STATUS[DossierStatus.WITHDRAWN],
    )
    pending, paused = _STATUS[DossierStatus.PENDING], _STATUS[DossierStatus.PAUSED]
    # A total, a group heading or the signature block typed in the id column has no date:
    # LABEL_ROW, left out and counted, not listed. A nested CASE, so that only rows without
    # a received date pay for the test (an AND may be reordered by DuckDB).
    dateless = " AND ".join(f"NOT {_present(f'{d}_t')}" for d in ("due", "fin"))
    label = f"{dateless} AND NOT {_present('rec_t')} AND {label_sql('dossier_id', vocabulary)}"
    received = f"CASE WHEN {label} THEN {LABEL_ROW} ELSE {Problem.BAD_RECEIVED.code} END"
    checks = [
        (Problem.BAD_DUE, f"due_given IS NULL AND {_present('due_t')}"),
        (Problem.BAD_FINISHED, f"fin IS NULL AND {_present('fin_t')}"),
        (Problem.UNKNOWN_STATUS, "st IS NULL OR st <= 0"),
        (Problem.UNKNOWN_LEVEL, "lvl < 0"),
        (Problem.UNKNOWN_CHANNEL, "ch < 0"),
        (Problem.UNKNOWN_ONLINE_LEVEL, "ol < 0"),
        (Problem.UNKNOWN_FLAG, "di < 0 OR dr < 0 OR po < 0"),
        (Problem.NO_DUE_DATE, "due_given IS NULL AND pdays IS NULL"),
        (Problem.FINISHED_BEFORE_RECEIVED, "fin < rec"),
        (Problem.DUE_BEFORE_RECEIVED, "due_given < rec"),
        (Problem.MISSING_FINISHED, f"st IN ({resolved}, {returned}, {withdrawn}) AND fin IS NULL"),
        (Problem.UNEXPECTED_FINISHED, f"st IN ({pending}, {paused}) AND fin IS NOT NULL"),
    ]
    whens = f"WHEN rec IS NULL THEN ({received}) " + " ".join(
        f"WHEN {cond} THEN {problem.code}" for problem, cond in checks
    )
    # A row with no text in the cells pass 1 reads anyway (",,,," as Excel saves a
    # cleared row) is no dossier and no problem: EMPTY_ROW, left out silently, as a
    # spreadsheet's empty rows are. Naming other columns here would make every scan
    # read them (+1 s at 10 million rows); the inner CASE runs only without an id.
    cells = ", ".join(f"{short}_t" for short in _ROW_TEXTS)
    empty = f"CASE WHEN trim(concat_ws('', {cells})) = '' THEN {EMPTY_ROW} ELSE {Problem.MISSING_ID.code} END"
    return f"CASE WHEN dossier_id IS NULL THEN ({empty}) {whens} ELSE 0 END"


EMPTY_ROW = -1  # the ``problem`` of a row without any text (see _problem_sql)
LABEL_ROW = -2  # the ``problem`` of a register's total, heading or signature line
_ROW_TEXTS = ("rec", "due", "fin", "st", "lvl", "ch", "ol", "di", "dr", "po", "pd")


def checked_select(
    parsed: Sequence[str], lookup: DueDateLookup, table: str, vocabulary: LedgerVocabulary
) -> str:
    """All sources with ``problem``, ``due`` and the id hash ``h``.

    ``table`` is a one-row table holding the look-up arrays as lists ``ord``
    and ``wd``; a scalar subquery reads them once per query.
    """
    union = " UNION ALL ".join(f"({p})" for p in parsed)
    first = f"DATE '{lookup.first.isoformat()}'"
    last = f"DATE '{lookup.last.isoformat()}'"
    computed = (
        f"CASE WHEN pdays IS NOT NULL AND rec BETWEEN {first} AND {last} "
        f"THEN (SELECT wd FROM {table})[(SELECT ord FROM {table})[(rec - {first}) + 1] "
        "+ pdays + 1] END"
    )
    return (
        f"SELECT *, {_problem_sql(vocabulary)} AS problem, coalesce(due_given, {computed}) AS due, "
        f"hash(dossier_id) AS h FROM ({union})"
    )


@dataclass(frozen=True, slots=True)
class Cell:
    """A decoded cell: where a row counts (scope 0 = outside the window)."""

    scope: int  # 0 outside, 1 carried over, 2 received in the window
    outcome: Outcome | None
    online_level: OnlineLevel | None
    online: bool
    digitised_input: bool
    digitised_result: bool
    paid_online: bool
    # A resolved dossier whose status word says otherwise than its dates (see Disagreement).
    disagreement: Disagreement | None = None


class Disagreement(StrEnum):
    """The software's word on a resolved dossier against its dates."""

    SAID_ON_TIME = "said_on_time"  # "đã giải quyết đúng hạn", finished after the due date
    SAID_LATE = "said_late"  # "đã giải quyết quá hạn", finished by the due date


# The cells of dossiers whose status word disagrees with their dates start here
# (scope 3 × outcome 8 × the 48 combinations of online level, channel and flags).
DISAGREEMENT_UNIT = 3 * 8 * 48


def cell_expression(window: DateWindow) -> str:
    start = f"DATE '{window.start.isoformat()}'"
    end = f"DATE '{window.end.isoformat()}'"
    o = _OUTCOME
    s = _STATUS
    outcome = (
        f"CASE WHEN fin <= {end} AND st = {s[DossierStatus.RESOLVED]} "
        f"THEN (CASE WHEN fin <= due THEN {o[Outcome.RESOLVED_ON_TIME]} ELSE {o[Outcome.RESOLVED_LATE]} END) "
        f"WHEN fin <= {end} AND st = {s[DossierStatus.RETURNED]} THEN {o[Outcome.RETURNED]} "
        f"WHEN fin <= {end} AND st = {s[DossierStatus.WITHDRAWN]} THEN {o[Outcome.WITHDRAWN]} "
        f"WHEN st = {s[DossierStatus.PAUSED]} THEN {o[Outcome.PAUSED]} "
        f"WHEN due >= {end} THEN {o[Outcome.PENDING_ON_TIME]} ELSE {o[Outcome.PENDING_OVERDUE]} END"
    )
    # The channel is optional: an empty cell is "not online", never a NULL cell.
    online = f"(coalesce(ch, 0) = {CODES['channel'].index(Channel.ONLINE.value) + 1})::INTEGER"
    rest = f"(coalesce(ol, 0) + 3 * ({online} + 2 * (di + 2 * (dr + 2 * po))))"
    scope = f"CASE WHEN rec < {start} THEN 1 ELSE 2 END"
    # Only a resolved dossier's claim is checked: a pending one's was true on the day of
    # the export, not necessarily on the window's last day.
    on_time, late = CLAIMS.index("on_time") + 1, CLAIMS.index("late") + 1
    disagreement = (
        f"CASE WHEN claim = 0 OR st <> {s[DossierStatus.RESOLVED]} THEN 0 "
        f"WHEN claim = {on_time} AND fin > due THEN 1 WHEN claim = {late} AND fin <= due THEN 2 "
        "ELSE 0 END"
    )
    return (
        f"CASE WHEN rec > {end} OR fin < {start} THEN 0 "
        f"ELSE ({scope} + 3 * ({outcome} + 8 * ({rest} + 48 * {disagreement})))::SMALLINT END"
    )


def decode_cell(cell: int) -> Cell:
    scope, rest = cell % 3, cell // 3
    outcome_code, rest = rest % 8, rest // 8
    ol, rest = rest % 3, rest // 3
    online, rest = rest % 2, rest // 2
    di, rest = rest % 2, rest // 2
    dr, rest = rest % 2, rest // 2
    po, disagreement = rest % 2, rest // 2
    outcome = list(Outcome)[outcome_code - 1] if outcome_code else None
    level = list(OnlineLevel)[ol - 1] if ol else None
    said = list(Disagreement)[disagreement - 1] if disagreement else None
    return Cell(scope, outcome, level, bool(online), bool(di), bool(dr), bool(po), said)


# Grouping columns of ``--by`` as the engine names them, and their code lists.
DIM_SQL = {
    "level": "lvl",
    "agency": "agency",
    "field": "field",
    "channel": "ch",
    "online_level": "ol",
}
# Grouping columns whose values are codes; the others are text (see group_names).
DIM_ENUM = {"level", "channel", "online_level"}


def count_cell(
    stats: DossierStats, cell: int | None, n: int, said: Counter[Disagreement] | None = None
) -> None:
    """Add ``n`` rows of one cell to ``stats``; disagreeing status words to ``said``."""
    if cell is None:
        # A usable row always has a place (0 = outside): NULL means an input the
        # cell expression did not expect, and skipping it would lose dossiers silently.
        raise AssertionError("a usable ledger row has no place in the window")
    if not cell:
        return
    decoded = decode_cell(int(cell))
    assert decoded.outcome is not None
    if said is not None and decoded.disagreement is not None:
        said[decoded.disagreement] += n
    stats.count(
        Placement(decoded.scope == 1, decoded.outcome),
        online_level=decoded.online_level,
        channel=Channel.ONLINE if decoded.online else None,
        digitised_input=decoded.digitised_input,
        digitised_result=decoded.digitised_result,
        paid_online=decoded.paid_online,
        times=n,
    )

"""One registry for every data file: catalog, templates, rules, settings, and more.

Built-in files live in ``cchc/catalogs/``; a province adds or overrides files
by putting the same layout in a folder named by ``CCHC_PATH`` (several
folders separated by ``os.pathsep``) or passed as ``extra_paths``. Files of
one kind are keyed by their ``id``: a later folder's file with the same id
replaces the built-in one, any other id adds to it. Built-ins go through
exactly this path.

Python plugins are named in settings (``plugins: ["module:function"]``);
each function receives the ``RuleKinds`` registry, so that rule kinds and
narrative checks of an extension register like the built-in ones.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from cchc.domain.catalog import (
    Aggregation,
    Catalog,
    CatalogError,
    CodeOption,
    Form,
    Indicator,
    IndicatorKind,
    Measure,
    TemplateVersion,
    check_template_against,
    parse_formula,
)
from cchc.domain.findings import Severity
from cchc.domain.rules import RuleError, RuleKinds, RuleSpec
from cchc.domain.units import Level, Unit, UnitError, UnitTree

if TYPE_CHECKING:
    from cchc.domain.validation import RuleSet

__all__ = [
    "BUILTIN_PATH",
    "DataFile",
    "Registry",
    "RegistryError",
    "default_registry",
    "read_data_file",
]

BUILTIN_PATH = Path(__file__).parent / "catalogs"


class RegistryError(ValueError):
    """A data file that cannot be loaded; the message names the file."""


class DataFile:
    """One YAML or JSON data file and where it came from."""

    def __init__(self, path: Path, data: Mapping[str, Any]) -> None:
        self.path = path
        self.data = data

    @property
    def id(self) -> str:
        return str(self.data.get("id") or self.path.stem)


# libyaml's loader reads the built-in catalogs ten times faster than the pure-Python
# one (0,04 s against 0,4 s), the same mappings; every command loads some of them.
_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_data_file(path: Path) -> Mapping[str, Any]:
    """A YAML or JSON file holding one mapping; errors name the file (and line)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RegistryError(f"{path}: không đọc được tệp ({exc})") from None
    try:
        data = yaml.load(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (dòng {mark.line + 1}, cột {mark.column + 1})" if mark else ""
        raise RegistryError(f"{path}{where}: tệp YAML không hợp lệ") from None
    if not isinstance(data, dict):
        raise RegistryError(f"{path}: nội dung phải là một bảng khóa – giá trị")
    return data


class Registry:
    """Loads and caches the data files of every kind."""

    def __init__(self, extra_paths: Iterable[Path | str] = (), *, use_env: bool = True) -> None:
        paths = [BUILTIN_PATH]
        if use_env and os.environ.get("CCHC_PATH"):
            paths += [Path(p) for p in os.environ["CCHC_PATH"].split(os.pathsep) if p]
        paths += [Path(p) for p in extra_paths]
        for path in paths:
            if not path.is_dir():
                raise RegistryError(f"{path}: thư mục dữ liệu không tồn tại")
        self.paths = paths

    def files(self, kind: str) -> list[DataFile]:
        """Every file of a kind (a sub-folder name), later folders overriding by id."""
        chosen: dict[str, DataFile] = {}
        for root in self.paths:
            folder = root / kind
            if not folder.is_dir():
                continue
            for path in sorted(folder.iterdir()):
                if path.suffix.lower() not in (".yaml", ".yml", ".json"):
                    continue
                item = DataFile(path, read_data_file(path))
                chosen.pop(item.id, None)
                chosen[item.id] = item
        return list(chosen.values())

    def file(self, kind: str, id: str) -> DataFile:
        for item in self.files(kind):
            if item.id == id:
                return item
        known = ", ".join(f.id for f in self.files(kind)) or "không có"
        raise RegistryError(f"không có tệp “{id}” loại {kind} (có: {known})")

    @cached_property
    def settings(self) -> dict[str, Any]:
        merged: dict[str, Any] = {}
        plugins: list[str] = []
        for item in self.files("settings"):
            data = dict(item.data)
            data.pop("id", None)
            plugins += [str(p) for p in data.pop("plugins", []) or []]
            _deep_merge(merged, data)
        merged["plugins"] = list(dict.fromkeys(plugins))
        return merged

    def setting(self, dotted: str, default: Any = None) -> Any:
        node: Any = self.settings
        for part in dotted.split("."):
            if not isinstance(node, dict) or part not in node:
                return default
            node = node[part]
        return node

    @property
    def cutoff_day(self) -> int:
        return int(self.setting("reporting.cutoff_day", 15))

    @cached_property
    def rule_kinds(self) -> RuleKinds:
        kinds = RuleKinds()
        for name in self.settings["plugins"]:
            _load_plugin(name)(kinds)
        return kinds

    @cached_property
    def catalog(self) -> Catalog:
        forms: list[Form] = []
        indicators: list[Indicator] = []
        titles = []
        origin: dict[str, Path] = {}
        raw_items: list[Mapping[str, Any]] = []
        for item in self.files("indicators"):
            titles.append(str(item.data.get("title", "")))
            try:
                forms += [_form(f) for f in item.data.get("forms", [])]
                for raw in item.data.get("indicators", []):
                    origin.setdefault(str(raw.get("key")), item.path)
                    raw_items.append(raw)
            except (AttributeError, KeyError, TypeError, ValueError) as exc:
                raise RegistryError(f"{item.path}: {_why(exc)}") from None
        try:
            # Parsed together: a province's file may nest its rows under built-in ones.
            indicators = _indicators(raw_items)
            return Catalog(forms, indicators, id="catalog", title="; ".join(t for t in titles if t))
        except (CatalogError, KeyError, TypeError, ValueError) as exc:
            text = _why(exc)
            culprit = next((p for k, p in origin.items() if f"“{k}”" in text), None)
            where = culprit or (
                next(iter(origin.values())) if len(set(origin.values())) == 1 else None
            )
            raise RegistryError(
                f"{where}: {text}" if where else f"danh mục chỉ tiêu: {text}"
            ) from None

    @cached_property
    def templates(self) -> dict[str, TemplateVersion]:
        files = {f.id: f for f in self.files("templates")}
        resolved: dict[str, TemplateVersion] = {}

        def resolve(id: str, chain: tuple[str, ...]) -> TemplateVersion:
            if id in resolved:
                return resolved[id]
            if id in chain:
                raise RegistryError("mẫu biểu kế thừa vòng: " + " → ".join([*chain, id]))
            item = files.get(id)
            if item is None:
                referrer = files.get(chain[-1]) if chain else None
                where = f"{referrer.path}: " if referrer else ""
                raise RegistryError(f"{where}không có mẫu biểu “{id}”")
            data = item.data
            base_id = str(data.get("base", "catalog"))
            if base_id == "catalog":
                base = TemplateVersion.from_catalog(self.catalog, "catalog", self.catalog.title)
            else:
                base = resolve(base_id, (*chain, id))
            try:
                template = base.derive(
                    id,
                    str(data.get("title", id)),
                    codes={str(k): str(v) for k, v in (data.get("codes") or {}).items()},
                    labels={str(k): str(v) for k, v in (data.get("labels") or {}).items()},
                    units={str(k): str(v or "") for k, v in (data.get("units") or {}).items()},
                    remove=[str(k) for k in data.get("remove") or []],
                    aliases={
                        str(k): [str(x) for x in v] for k, v in (data.get("aliases") or {}).items()
                    },
                    form_titles={
                        int(k): str(v) for k, v in (data.get("form_titles") or {}).items()
                    },
                    valid_from=_date(data.get("valid_from")),
                    valid_to=_date(data.get("valid_to")),
                )
                check_template_against(self.catalog, template)
            except (CatalogError, TypeError, ValueError) as exc:
                raise RegistryError(f"{item.path}: {_why(exc)}") from None
            resolved[id] = template
            return template

        for id in files:
            resolve(id, ())
        return resolved

    def template(self, id: str | None = None) -> TemplateVersion:
        id = id or str(self.setting("reporting.default_template", "bm-2023"))
        templates = self.templates
        if id not in templates:
            raise RegistryError(
                f"không có mẫu biểu “{id}” (có: {', '.join(sorted(templates)) or 'không có'})"
            )
        return templates[id]

    @cached_property
    def rule_specs(self) -> list[RuleSpec]:
        specs: list[RuleSpec] = []
        for item in self.files("rules"):
            for raw in item.data.get("rules") or []:
                try:
                    specs.append(_rule(raw, str(item.path)))
                except (KeyError, TypeError, ValueError) as exc:
                    rid = raw.get("id", "?") if isinstance(raw, dict) else "?"
                    raise RegistryError(f"{item.path}: quy tắc “{rid}”: {_why(exc)}") from None
        return specs

    @cached_property
    def rules(self) -> RuleSet:
        # Imported here: the engine needs numpy, which commands that never validate skip.
        from cchc.domain.validation import RuleSet

        try:
            return RuleSet(self.rule_specs, self.catalog, self.rule_kinds)
        except RuleError as exc:
            raise RegistryError(str(exc)) from None

    @cached_property
    def levels(self) -> list[Level]:
        levels: list[Level] = []
        for item in self.files("levels"):
            for i, raw in enumerate(item.data.get("levels") or []):
                try:
                    levels.append(Level(str(raw["id"]), str(raw["name"]), int(raw.get("rank", i))))
                except (KeyError, TypeError, ValueError) as exc:
                    raise RegistryError(f"{item.path}: {_why(exc)}") from None
        return levels

    def load_units(self, path: Path) -> UnitTree:
        """A unit tree from a YAML/JSON file of ``units:`` (levels come from the registry)."""
        data = read_data_file(path)
        try:
            units = [_unit(raw) for raw in data.get("units") or []]
            return UnitTree(units, self.levels)
        except (KeyError, TypeError, ValueError) as exc:
            raise RegistryError(f"{path}: {_why(exc)}") from None


def _deep_merge(into: dict[str, Any], other: Mapping[str, Any]) -> None:
    for key, value in other.items():
        if isinstance(value, Mapping) and isinstance(into.get(key), dict):
            _deep_merge(into[key], value)
        else:
            into[key] = value


def _load_plugin(name: str) -> Callable[[RuleKinds], None]:
    module_name, _, attr = name.partition(":")
    try:
        module = importlib.import_module(module_name)
        function = getattr(module, attr or "register")
    except (ImportError, AttributeError) as exc:
        raise RegistryError(f"không nạp được phần mở rộng “{name}”: {exc}") from None
    if not callable(function):
        raise RegistryError(f"phần mở rộng “{name}” không phải là hàm")
    return function  # type: ignore[no-any-return]


def _why(exc: BaseException) -> str:
    if isinstance(exc, KeyError):
        return f"thiếu trường “{exc.args[0]}”"
    if isinstance(exc, UnitError | CatalogError | RuleError):
        return str(exc)
    return str(exc) or type(exc).__name__


def _date(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    from cchc.domain.periods import parse_date

    return parse_date(str(value))


def _form(raw: Mapping[str, Any]) -> Form:
    return Form(int(raw["number"]), str(raw["key"]), str(raw["title"]))


def _parent_by_code(code: str, by_code: Mapping[str, str]) -> str | None:
    parts = code.split(".")
    while len(parts) > 1:
        parts = parts[:-1]
        parent = by_code.get(".".join(parts))
        if parent is not None:
            return parent
    return None


def _indicators(raw_items: Iterable[Mapping[str, Any]]) -> list[Indicator]:
    items = list(raw_items)
    by_code: dict[tuple[int, str], str] = {}
    for raw in items:
        by_code[(int(raw["form"]), str(raw["code"]))] = str(raw["key"])
    result = []
    for raw in items:
        key = str(raw["key"])
        form = int(raw["form"])
        try:
            kind = IndicatorKind(raw.get("kind", "count"))
            measure = Measure(raw.get("measure", "period"))
        except ValueError as exc:
            raise ValueError(f"chỉ tiêu “{key}”: {exc}") from None
        formula = parse_formula(key, str(raw["formula"])) if raw.get("formula") else None
        code = str(raw["code"])
        parent = raw.get("parent")
        if parent is None:
            same_form = {c: k for (f, c), k in by_code.items() if f == form}
            parent = _parent_by_code(code, same_form)
        options = tuple(
            CodeOption(int(c), str(label)) for c, label in (raw.get("options") or {}).items()
        )
        if "aggregate" in raw:
            aggregate = Aggregation(raw["aggregate"])
        elif kind is IndicatorKind.CODE:
            aggregate = Aggregation.DISTRIBUTION
        elif kind is IndicatorKind.GROUP:
            aggregate = Aggregation.NONE
        elif kind is IndicatorKind.PERCENT:
            aggregate = Aggregation.FORMULA if formula else Aggregation.PER_UNIT
        else:
            aggregate = Aggregation.SUM
        result.append(
            Indicator(
                key=key,
                form=form,
                code=code,
                name=str(raw["name"]),
                unit=str(raw.get("unit") or ""),
                kind=kind,
                parent=str(parent) if parent else None,
                levels=tuple(str(x) for x in raw.get("levels") or ()),
                measure=measure,
                formula=formula,
                sum_of=tuple(str(x) for x in raw.get("sum_of") or ()),
                options=options,
                aggregate=aggregate,
                note=str(raw.get("note") or ""),
            )
        )
    # A rate over components that do not add across units cannot be recomputed.
    aggregates = {i.key: i.aggregate for i in result}
    fixed = []
    for ind in result:
        if (
            ind.aggregate is Aggregation.FORMULA
            and ind.formula is not None
            and any(aggregates.get(k) is not Aggregation.SUM for k in ind.formula.keys)
        ):
            ind = _replace_aggregate(ind, Aggregation.PER_UNIT)
        fixed.append(ind)
    return fixed


def _replace_aggregate(ind: Indicator, aggregate: Aggregation) -> Indicator:
    from dataclasses import replace

    return replace(ind, aggregate=aggregate)


def _rule(raw: Mapping[str, Any], origin: str = "") -> RuleSpec:
    try:
        severity = Severity(raw.get("severity", "error"))
    except ValueError:
        raise ValueError(
            f"mức độ “{raw.get('severity')}” không hợp lệ (dùng error, warning hoặc info)"
        ) from None
    return RuleSpec(
        id=str(raw["id"]),
        kind=str(raw["kind"]),
        severity=severity,
        message=str(raw["message"]),
        title=str(raw.get("title", "")),
        missing=raw.get("missing", "skip"),
        derive=bool(raw.get("derive", False)),
        select=dict(raw.get("select") or {}),
        params=dict(raw.get("params") or {}),
        origin=origin,
    )


def _unit(raw: Mapping[str, Any]) -> Unit:
    successors = raw.get("successors") or []
    if isinstance(successors, str):
        successors = [successors]
    return Unit(
        code=str(raw["code"]),
        name=str(raw["name"]),
        level=str(raw["level"]),
        parent=str(raw["parent"]) if raw.get("parent") else None,
        valid_from=_date(raw.get("valid_from")),
        valid_to=_date(raw.get("valid_to")),
        successors=tuple(str(s) for s in successors),
        profile=dict(raw.get("profile") or {}),
    )


_DEFAULT: Registry | None = None


def default_registry() -> Registry:
    """The registry of built-in files plus ``CCHC_PATH``; cached for the process."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Registry()
    return _DEFAULT

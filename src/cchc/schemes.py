"""Loading PAR Index schemes: built-in ones and a province's own, by id or by file.

Schemes are data files of kind ``schemes`` in the registry: the built-in
``catalogs/schemes/`` and a province's folders take exactly the same path,
and a province's file with the id of a built-in one replaces it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cchc.domain.scoring import Scheme, SchemeError, build_scheme
from cchc.registry import DataFile, Registry, RegistryError, read_data_file

__all__ = ["SCHEME_KIND", "SchemeFileError", "list_schemes", "load_scheme", "scheme_from_file"]

SCHEME_KIND = "schemes"


class SchemeFileError(ValueError):
    """A scheme that cannot be loaded; the message names the file and the criterion."""


def scheme_from_file(item: DataFile) -> Scheme:
    try:
        return build_scheme(item.data)
    except SchemeError as exc:
        raise SchemeFileError(f"{item.path}: {exc}") from None


def list_schemes(registry: Registry) -> list[Scheme]:
    try:
        return [scheme_from_file(item) for item in registry.files(SCHEME_KIND)]
    except RegistryError as exc:
        raise SchemeFileError(str(exc)) from None


def load_scheme(registry: Registry, ref: str) -> Scheme:
    """A scheme by id (built-in or a province's) or by the path of a YAML/JSON file."""
    path = Path(ref)
    if path.suffix.lower() in (".yaml", ".yml", ".json") or path.is_file():
        return scheme_from_file(DataFile(path, _read(path)))
    try:
        return scheme_from_file(registry.file(SCHEME_KIND, ref))
    except RegistryError as exc:
        raise SchemeFileError(f"bộ tiêu chí: {exc}") from None


def _read(path: Path) -> dict[str, Any]:
    if not path.exists():
        raise SchemeFileError(f"{path}: không tìm thấy tệp bộ tiêu chí")
    try:
        return dict(read_data_file(path))
    except RegistryError as exc:
        raise SchemeFileError(str(exc)) from None

"""Bundled demo data: a 2023 province with one real report (seed 000) and synthetic ones."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

from cchc.domain.periods import Period, PeriodKind
from cchc.domain.report import UnitRef
from cchc.registry import Registry
from cchc.reportfile import write_report
from cchc.synthetic import synthetic_report

__all__ = ["DEMO_DIR", "prepare_demo"]

DEMO_DIR = Path(__file__).parent

# Districts that send synthetic reports; Tuy Đức sends none (to show completeness),
# Đắk Mil's report carries two inconsistent rates (to show validation).
_SYNTHETIC = {
    "cu-jut": ("UBND huyện Cư Jút", 0),
    "dak-glong": ("UBND huyện Đắk Glong", 0),
    "dak-mil": ("UBND huyện Đắk Mil", 2),
    "dak-rlap": ("UBND huyện Đắk R'Lấp", 0),
    "dak-song": ("UBND huyện Đắk Song", 0),
    "krong-no": ("UBND huyện Krông Nô", 0),
}


def prepare_demo(target: Path, registry: Registry) -> list[Path]:
    """Write the demo report files into ``target`` and return their paths."""
    target.mkdir(parents=True, exist_ok=True)
    paths = [target / "gia-nghia-2023-q3.json"]
    shutil.copyfile(DEMO_DIR / "gia-nghia-2023-q3.json", paths[0])
    rng = random.Random(2023)
    period = Period(2023, PeriodKind.Q3)
    for code, (name, errors) in _SYNTHETIC.items():
        report = synthetic_report(
            registry.catalog,
            registry.rules,
            UnitRef(code, name, "district"),
            period,
            rng,
            scale=2000,
            blank_share=0.3,
            errors=errors,
        )
        path = target / f"{code}-2023-q3.json"
        write_report(path, report, registry.catalog)
        paths.append(path)
    return paths

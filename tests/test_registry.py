"""One registry for every data file: built-ins and a province's own files take the same path."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from cchc.domain.rules import RuleKinds
from cchc.registry import BUILTIN_PATH, Registry, RegistryError, read_data_file
from cchc.reportfile import load_report


def _write(path: Path, data: object) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_a_province_adds_its_own_rule_file(tmp_path: Path, seed004: Path) -> None:
    _write(
        tmp_path / "rules" / "tra-vinh.yaml",
        {
            "id": "tra-vinh",
            "rules": [
                {
                    "id": "tra-vinh-dich-vu-cong-toi-thieu",
                    "kind": "compare",
                    "severity": "warning",
                    "message": "{where}: tỷ lệ hồ sơ trực tuyến thấp ({detail}).",
                    "params": {
                        "op": ">=",
                        "pairs": [
                            [
                                "egov.online_services.dossiers_online",
                                "0.2 * egov.online_services.dossiers_received",
                            ]
                        ],
                    },
                }
            ],
        },
    )
    registry = Registry([tmp_path], use_env=False)
    report = load_report(seed004, registry.catalog)
    result = registry.rules.validate(report, registry.template("bm-2022"))
    mine = [f for f in result.findings if f.rule == "tra-vinh-dich-vu-cong-toi-thieu"]
    # 3.170 of 34.279 dossiers online (9,2 %) is under the province's 20 %.
    assert len(mine) == 1
    assert mine[0].codes == ("6.7.2", "6.7.1")


def test_a_file_with_a_built_in_id_replaces_it(tmp_path: Path) -> None:
    _write(
        tmp_path / "settings" / "default.yaml", {"id": "default", "reporting": {"cutoff_day": 20}}
    )
    registry = Registry([tmp_path], use_env=False)
    assert registry.cutoff_day == 20
    # The replaced file's plugin list is gone, so the built-in rule kinds are not registered.
    with pytest.raises(RegistryError, match="không có"):
        _ = registry.rules


def test_settings_merge_across_files(tmp_path: Path) -> None:
    _write(tmp_path / "settings" / "tinh.yaml", {"id": "tinh", "reporting": {"cutoff_day": 20}})
    registry = Registry([tmp_path], use_env=False)
    assert registry.cutoff_day == 20
    assert registry.setting("reporting.default_template") == "bm-2023"
    assert len(registry.rules.checks) > 0


def test_extension_plugins_register_like_built_ins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plugin = tmp_path / "plugin_tinh.py"
    plugin.write_text(
        "def register(kinds):\n    kinds.register_narrative('luon-bao', lambda ctx, rule: [])\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    _write(
        tmp_path / "data" / "settings" / "tinh.yaml",
        {"id": "tinh", "plugins": ["plugin_tinh:register"]},
    )
    registry = Registry([tmp_path / "data"], use_env=False)
    kinds: RuleKinds = registry.rule_kinds
    assert "luon-bao" in kinds.narrative_checks
    assert "formula" in kinds.kinds


@pytest.mark.parametrize(
    ("kind", "content", "message"),
    [
        ("rules", "rules: [\n  - id: x\n    kind: compare\n", "YAML không hợp lệ"),
        ("rules", "- just\n- a list\n", "bảng khóa"),
        ("rules", "rules:\n  - {id: x, kind: wormhole, message: m}\n", "loại “wormhole” không có"),
        ("rules", "rules:\n  - {id: x, kind: compare, message: '{oops}'}\n", "trường không có"),
        ("rules", "rules:\n  - {id: x, kind: compare, severity: fatal, message: m}\n", "mức độ"),
        (
            "rules",
            "rules:\n  - {id: x, kind: compare, message: m, params: {pairs: [[a.b, c]]}}\n",
            "không có trong danh mục",
        ),
        ("templates", "id: t\nbase: nope\n", "không có mẫu biểu “nope”"),
        ("templates", "id: t\ncodes: {no.such.key: '9'}\n", "không có trong mẫu gốc"),
        ("indicators", "indicators:\n  - {key: x.y, form: 9, code: '1', name: X}\n", "biểu mẫu 9"),
        (
            "indicators",
            "indicators:\n  - {key: x.y, form: 1, code: '99', name: X, formula: 'x.y +'}\n",
            "công thức",
        ),
    ],
)
def test_malformed_files_are_refused_naming_the_file(
    tmp_path: Path, kind: str, content: str, message: str
) -> None:
    path = tmp_path / kind / "bad.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(content, encoding="utf-8")
    registry = Registry([tmp_path], use_env=False)

    def load_everything() -> None:
        _ = registry.catalog
        _ = registry.templates
        _ = registry.rules

    with pytest.raises(RegistryError, match=message) as caught:
        load_everything()
    assert "bad.yaml" in str(caught.value)


def test_a_missing_data_folder_is_refused() -> None:
    with pytest.raises(RegistryError, match="không tồn tại"):
        Registry(["/no/such/folder"], use_env=False)


def test_cchc_path_environment_variable_adds_folders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(tmp_path / "settings" / "x.yaml", {"id": "x", "reporting": {"cutoff_day": 18}})
    monkeypatch.setenv("CCHC_PATH", str(tmp_path))
    assert Registry().cutoff_day == 18


def test_a_narrative_check_with_a_bad_parameter_is_refused_at_load(tmp_path: Path) -> None:
    _write(
        tmp_path / "rules" / "tinh.yaml",
        {
            "id": "tinh",
            "rules": [
                {
                    "id": "ty-le-sai-cong-thuc",
                    "kind": "narrative",
                    "severity": "error",
                    "message": "{detail}",
                    "params": {"check": "stated-rate", "rates": {"x_rate": "resolved / ("}},
                }
            ],
        },
    )
    with pytest.raises(RegistryError) as caught:
        _ = Registry([tmp_path], use_env=False).rules
    assert "tinh.yaml" in str(caught.value)
    assert "ty-le-sai-cong-thuc" in str(caught.value)


@pytest.mark.parametrize(
    "path", sorted(BUILTIN_PATH.glob("*/*.yaml")), ids=lambda p: f"{p.parent.name}/{p.name}"
)
def test_every_built_in_file_reads_as_the_plain_yaml_reader_reads_it(path: Path) -> None:
    # The registry reads with libyaml for speed; a province's file must mean the same
    # as under PyYAML's own safe reader (quoted "3", yes/no words, dates, Vietnamese text).
    assert read_data_file(path) == yaml.load(path.read_text(encoding="utf-8"), yaml.SafeLoader)

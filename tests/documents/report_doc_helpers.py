"""Shared inputs of the report-document tests: a units file with document settings."""

from __future__ import annotations

from pathlib import Path

import yaml

UNITS = {
    "units": [
        {
            "code": "dak-nong",
            "name": "UBND tỉnh Đắk Nông",
            "level": "province",
            "profile": {
                "issuing_body": "Sở Nội vụ",
                "parent_body": "UBND tỉnh Đắk Nông",
                "place": "Đắk Nông",
                "symbol": "BC-SNV",
                "signer": {
                    "authority": "KT. GIÁM ĐỐC",
                    "title": "Phó Giám đốc",
                    "name": "Nguyễn Văn A",
                },
                "recipients": ["UBND tỉnh (b/c)", "Các sở, ban, ngành", "Lưu: VT, CCHC"],
                "addressee": "Ủy ban nhân dân tỉnh Đắk Nông",
            },
        },
        {
            "code": "gia-nghia",
            "name": "UBND thành phố Gia Nghĩa",
            "level": "district",
            "parent": "dak-nong",
            "profile": {
                "place": "Gia Nghĩa",
                "symbol": "BC-UBND",
                "addressee": "Sở Nội vụ tỉnh Đắk Nông",
                "legal_basis": [
                    "Công văn số 1228/UBND-TH ngày 16/3/2022 của UBND tỉnh Đắk Nông về việc "
                    "thực hiện chế độ báo cáo công tác cải cách hành chính định kỳ"
                ],
                "signer": {
                    "authority": "KT. CHỦ TỊCH",
                    "title": "PHÓ CHỦ TỊCH",
                    "name": "Người Khác",
                },
            },
        },
        {"code": "cu-jut", "name": "UBND huyện Cư Jút", "level": "district", "parent": "dak-nong"},
        {
            "code": "tuy-duc",
            "name": "UBND huyện Tuy Đức",
            "level": "district",
            "parent": "dak-nong",
        },
    ]
}


def write_units(folder: Path) -> Path:
    path = folder / "don-vi.yaml"
    path.write_text(yaml.safe_dump(UNITS, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path

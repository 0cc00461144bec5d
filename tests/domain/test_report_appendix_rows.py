"""The appendix prints every row of the report's template version, in order, as printed."""

from __future__ import annotations

from pathlib import Path

from cchc.domain.appendix import report_forms
from cchc.registry import Registry
from cchc.reportfile import load_report


def test_every_template_row_in_order_with_printed_codes(seed004: Path, registry: Registry) -> None:
    report = load_report(seed004, registry.catalog)
    template = registry.template("bm-2022")
    forms = report_forms(report, template, registry.catalog)
    assert [f.number for f in forms] == [1, 2, 3, 4, 5, 6, 7]
    for form in forms:
        assert [r.code for r in form.rows] == [r.code for r in template.form_rows(form.number)]
    online = {r.key: r for r in forms[6].rows}
    # The 2022 printing numbers online-service rows 6.4–6.8 where 2023 has 6.1–6.5.
    assert online["egov.online_services.dossiers_received"].code == "6.7.1"
    assert online["egov.online_services.dossiers_received"].text == "34.279"
    assert online["egov.online_services.online_dossier_rate"].text == "9,24"


def test_values_are_formatted_blank_when_not_reported_and_computed_ones_flagged(
    seed000: Path, registry: Registry
) -> None:
    report = load_report(seed000, registry.catalog)
    template = registry.template("bm-2023")
    validated = registry.rules.validate(report, template).report
    rows = {r.key: r for f in report_forms(validated, template, registry.catalog) for r in f.rows}
    assert rows["finance.public_investment.planned"].text == "312.773"
    assert (
        rows["procedures.results.commune.on_time_rate"].text == "95,8"
    )  # written "95.8" in the seed
    assert rows["direction.inspection.departments"].text == ""  # "-" is not reported, not zero
    total = rows["procedures.inventory.total"]  # blank in the seed: 204 + 116
    assert (total.text, total.computed) == ("320", True)
    assert not rows["procedures.inventory.total.district"].computed
    assert rows["egov.lgsp"].option == "Đang làm"
    assert rows["direction.assigned_tasks"].bold
    assert rows["procedures.inventory.total.district"].italic

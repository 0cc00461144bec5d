"""The indicator catalog and its template versions, as shipped."""

from __future__ import annotations

import pytest

from cchc.domain.catalog import Aggregation, IndicatorKind
from cchc.registry import Registry

# Every row of Biểu mẫu 1–7 as printed in seed 000 (Q3/2023), read off the seed by hand.
SEED000_CODES = {
    1: "1 2 2.1 2.2 3 3.1 3.2 3.3 3.3.1 3.3.2 4 4.1 4.2 5 5.1 5.2 5.3 5.4 6 6.1 6.2 7",
    2: "1 1.1 1.2 1.3 2 2.1 2.2 2.2.1 2.2.2 3 3.1 3.2 3.2.1 3.2.2",
    3: "1 1.1 1.2 1.3 1.4 1.4.1 1.4.2 1.4.3 2 2.1 2.2 2.3 3 3.1 3.1.1 3.1.2 3.2 3.2.1 3.2.2 "
    "3.3 3.3.1 3.3.2 3.4 3.4.1 3.4.2",
    4: "1 1.1 1.2 1.3 1.4 1.5 1.5.1 1.5.2 1.5.3 1.5.4 2 2.1 2.2 2.3 2.4 2.5 3 3.1 3.2 3.3 3.4",
    5: "1 1.1 1.2 1.3 2 2.1 2.2 2.3 2.4 2.5 3 4 4.1 4.2 4.3 4.4",
    6: "1 1.1 1.2 2 2.1 2.2 2.3 2.4 2.4.1 2.4.2 2.4.3 2.5 2.6",
    7: "1 2 3 4 5 5.1 5.1.1 5.1.2 5.1.3 5.2 5.2.1 5.2.2 5.2.3 5.3 5.3.1 5.3.2 5.3.3 6 6.1 6.1.1 "
    "6.1.2 6.1.3 6.2 6.2.1 6.2.2 6.2.3 6.3 6.3.1 6.3.2 6.4 6.4.1 6.4.2 6.5 6.5.1 6.5.2",
}

# Biểu mẫu 7's online-service rows as printed in seed 004 (Q1/2022).
SEED004_FORM7_TAIL = (
    "6 6.4 6.4.1 6.4.2 6.4.3 6.5 6.5.1 6.5.2 6.5.3 6.6 6.6.1 6.6.2 6.7 6.7.1 6.7.2 6.8 6.8.1 6.8.2"
)


def test_every_printed_row_of_the_2023_forms_is_in_the_catalog(registry: Registry) -> None:
    template = registry.template("bm-2023")
    for form, codes in SEED000_CODES.items():
        assert [r.code for r in template.form_rows(form)] == codes.split(), f"Biểu mẫu {form}"
    printed = {r.key for r in template.rows}
    assert len(printed) == sum(len(c.split()) for c in SEED000_CODES.values())
    # Everything else in the catalog is a supplementary row the forms do not print.
    assert {i.key for i in registry.catalog} - printed == set(SUPPLEMENTARY)


SUPPLEMENTARY = [
    "procedures.digitisation",
    "procedures.digitisation.input_rate",
    "procedures.digitisation.received",
    "procedures.digitisation.digitised_input",
    "procedures.digitisation.result_rate",
    "procedures.digitisation.resolved",
    "procedures.digitisation.digitised_result",
]


def test_2022_forms_number_the_online_services_6_4_to_6_8(registry: Registry) -> None:
    rows = registry.template("bm-2022").form_rows(7)
    assert " ".join(r.code for r in rows[17:]) == SEED004_FORM7_TAIL
    t22, t23 = registry.template("bm-2022"), registry.template("bm-2023")
    key = "egov.online_services.dossiers_received"
    assert (t22.code_for(key), t23.code_for(key)) == ("6.7.1", "6.4.1")
    assert t22.key_for(7, "6.7.1.") == key
    # Same indicator, different wording across printings.
    rate = "egov.online_services.online_payment_rate"
    assert t22.row(rate).label.startswith("Tỷ lệ TTHC")  # type: ignore[union-attr]
    assert t23.row(rate).label.startswith("Tỷ lệ hồ sơ")  # type: ignore[union-attr]


# Every rate that the forms give with its components, and the components.
RATES = {
    "direction.plan_completion_rate": (
        "direction.plan_tasks_completed",
        "direction.plan_tasks_planned",
    ),
    "direction.inspection.issue_resolution_rate": (
        "direction.inspection.issues_resolved",
        "direction.inspection.issues_found",
    ),
    "institutions.legal_docs_check.handling_rate": (
        "institutions.legal_docs_check.handled",
        "institutions.legal_docs_check.to_handle",
    ),
    "institutions.legal_docs_review.handling_rate": (
        "institutions.legal_docs_review.handled",
        "institutions.legal_docs_review.to_handle",
    ),
    "procedures.results.department.on_time_rate": (
        "procedures.results.department.on_time",
        "procedures.results.department.resolved",
    ),
    "procedures.results.district.on_time_rate": (
        "procedures.results.district.on_time",
        "procedures.results.district.resolved",
    ),
    "procedures.results.commune.on_time_rate": (
        "procedures.results.commune.on_time",
        "procedures.results.commune.resolved",
    ),
    "procedures.feedback.resolution_rate": (
        "procedures.feedback.resolved",
        "procedures.feedback.received",
    ),
    "finance.public_investment.rate": (
        "finance.public_investment.disbursed",
        "finance.public_investment.planned",
    ),
    "egov.online_services.level3_rate": (
        "egov.online_services.level3_provided",
        "egov.online_services.level3_eligible",
    ),
    "egov.online_services.level4_rate": (
        "egov.online_services.level4_provided",
        "egov.online_services.level4_eligible",
    ),
    "egov.online_services.portal_integration_rate": (
        "egov.online_services.portal_integrated",
        "egov.online_services.provided_total",
    ),
    "egov.online_services.online_dossier_rate": (
        "egov.online_services.dossiers_online",
        "egov.online_services.dossiers_received",
    ),
    "egov.online_services.online_payment_rate": (
        "egov.online_services.payment_integrated",
        "egov.online_services.fee_procedures",
    ),
    # Supplementary (not printed): digitisation, computed from the dossier ledger.
    "procedures.digitisation.input_rate": (
        "procedures.digitisation.digitised_input",
        "procedures.digitisation.received",
    ),
    "procedures.digitisation.result_rate": (
        "procedures.digitisation.digitised_result",
        "procedures.digitisation.resolved",
    ),
}


@pytest.mark.parametrize(("key", "parts"), sorted(RATES.items()))
def test_every_rate_has_its_formula(registry: Registry, key: str, parts: tuple[str, str]) -> None:
    formula = registry.catalog.get(key).formula
    assert formula is not None
    ratio = formula.ratio_parts()
    assert ratio is not None
    numerator, denominator, scale = ratio
    assert (numerator.keys, denominator.keys, scale) == ((parts[0],), (parts[1],), 100)


def test_rates_without_components_have_no_formula(registry: Registry) -> None:
    with_formula = {i.key for i in registry.catalog if i.formula}
    assert with_formula == set(RATES)


def test_totals_and_their_parts(registry: Registry) -> None:
    cat = registry.catalog
    assert cat.get("finance.autonomy.total").sum_of == (
        "finance.autonomy.full_with_investment",
        "finance.autonomy.full_recurrent",
        "finance.autonomy.partial",
        "finance.autonomy.state_funded",
    )
    # 1.5.4 sits under 1.5 by its code but is a rate, not a part of the total.
    assert (
        "organisation.public_service_units.cut_rate_since_2015"
        not in cat.get("organisation.public_service_units").sum_of
    )
    assert cat.get("organisation.public_service_units.cut_rate_since_2015").parent == (
        "organisation.public_service_units"
    )


def test_kinds_codes_and_aggregation(registry: Registry) -> None:
    cat = registry.catalog
    lgsp = cat.get("egov.lgsp")
    assert lgsp.kind is IndicatorKind.CODE
    assert [(o.code, o.label) for o in lgsp.options] == [
        (0, "Chưa"),
        (1, "Đang làm"),
        (2, "Hoàn thành"),
    ]
    assert lgsp.aggregate is Aggregation.DISTRIBUTION
    assert cat.get("procedures.results.district.resolved").aggregate is Aggregation.SUM
    assert cat.get("procedures.results.district.on_time_rate").aggregate is Aggregation.FORMULA
    # Every district works from the same provincial list of procedures: no adding up.
    assert cat.get("procedures.inventory.total.district").aggregate is Aggregation.PER_UNIT
    assert cat.get("egov.online_services.level3_rate").aggregate is Aggregation.PER_UNIT
    assert cat.get("direction.plan_tasks_completed").cumulative
    assert not cat.get("procedures.results.district.resolved").cumulative
    assert cat.get("procedures.results.department.resolved").levels == ("province", "department")


def test_every_user_facing_text_is_nfc(registry: Registry) -> None:
    import unicodedata

    for ind in registry.catalog:
        assert unicodedata.is_normalized("NFC", ind.name), ind.key
    for template in registry.templates.values():
        for row in template.rows:
            assert unicodedata.is_normalized("NFC", row.label), (template.id, row.key)

"""What each dossier statistic means: placement in a window, sums and the two rates."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from cchc.domain.dossiers import (
    STATISTIC_NAMES,
    Channel,
    DossierStats,
    DossierStatus,
    OnlineLevel,
    Outcome,
    Placement,
    place,
)
from cchc.domain.numbers import format_percent
from cchc.domain.periods import DateWindow

# Seed 002's window: "từ ngày 01/6/2023 đến hết ngày 25/9/2023".
WINDOW = DateWindow(date(2023, 6, 1), date(2023, 9, 25))
S = DossierStatus


def at(
    received: date, due: date, status: S = S.PENDING, finished: date | None = None
) -> Placement | None:
    return place(WINDOW, received, due, finished, status)


def test_received_on_the_first_day_is_new_and_the_day_before_is_carried_over() -> None:
    due = date(2023, 9, 29)
    assert at(date(2023, 6, 1), due) == Placement(False, Outcome.PENDING_ON_TIME)
    assert at(date(2023, 5, 31), due) == Placement(True, Outcome.PENDING_ON_TIME)


def test_received_on_the_last_day_counts_and_the_next_day_does_not() -> None:
    assert at(date(2023, 9, 25), date(2023, 9, 28)) == Placement(False, Outcome.PENDING_ON_TIME)
    assert at(date(2023, 9, 26), date(2023, 9, 28)) is None


def test_finished_on_the_due_date_is_on_time_and_a_day_later_is_late() -> None:
    due = date(2023, 7, 10)
    assert at(date(2023, 7, 3), due, S.RESOLVED, due).outcome is Outcome.RESOLVED_ON_TIME
    assert at(date(2023, 7, 3), due, S.RESOLVED, date(2023, 7, 11)).outcome is Outcome.RESOLVED_LATE
    # Early counts as on time.
    assert (
        at(date(2023, 7, 3), due, S.RESOLVED, date(2023, 7, 4)).outcome is Outcome.RESOLVED_ON_TIME
    )


def test_finished_before_the_window_is_outside_it_even_if_received_long_before() -> None:
    assert at(date(2023, 5, 2), date(2023, 5, 20), S.RESOLVED, date(2023, 5, 31)) is None
    carried = at(date(2023, 5, 2), date(2023, 5, 20), S.RESOLVED, date(2023, 6, 1))
    assert carried == Placement(True, Outcome.RESOLVED_LATE)


def test_pending_at_the_end_is_còn_hạn_when_due_on_or_after_the_last_day() -> None:
    assert at(date(2023, 9, 1), date(2023, 9, 25)).outcome is Outcome.PENDING_ON_TIME
    assert at(date(2023, 9, 1), date(2023, 9, 22)).outcome is Outcome.PENDING_OVERDUE


def test_a_dossier_finished_after_the_window_was_pending_at_its_end() -> None:
    late_result = at(date(2023, 9, 1), date(2023, 9, 20), S.RESOLVED, date(2023, 10, 2))
    assert late_result is not None
    assert late_result.outcome is Outcome.PENDING_OVERDUE


def test_withdrawn_while_pending_counts_as_withdrawn_only_if_withdrawn_in_the_window() -> None:
    inside = at(date(2023, 9, 1), date(2023, 9, 29), S.WITHDRAWN, date(2023, 9, 25))
    after = at(date(2023, 9, 1), date(2023, 9, 29), S.WITHDRAWN, date(2023, 9, 26))
    assert inside is not None
    assert inside.outcome is Outcome.WITHDRAWN
    assert after is not None
    assert after.outcome is Outcome.PENDING_ON_TIME


def test_paused_and_returned_are_their_own_states() -> None:
    assert at(date(2023, 8, 1), date(2023, 8, 10), S.PAUSED).outcome is Outcome.PAUSED
    returned = at(date(2023, 8, 1), date(2023, 8, 10), S.RETURNED, date(2023, 8, 3))
    assert returned is not None
    assert returned.outcome is Outcome.RETURNED


def _stats(**counts: int) -> DossierStats:
    return DossierStats(**counts)


def test_seed_002_land_office_rates_from_its_published_counts() -> None:
    # 6.709 = 672 carried over + 6.037 new; 5.753 on time, 15 late; 938 còn hạn; 03 withdrawn.
    stats = _stats(
        carried_over=672,
        received=6037,
        resolved_on_time=5753,
        resolved_late=15,
        pending_on_time=938,
        withdrawn=3,
    )
    assert stats.total == 6709
    assert stats.resolved == 5768
    assert stats.total == stats.outcomes_total
    assert stats.on_time_rate_overall is not None
    assert format_percent(stats.on_time_rate_overall) == "99,78%"  # ((5.753+938)/6.706)×100
    assert format_percent(stats.resolved_late * 100 / (stats.total - stats.withdrawn)) == "0,22%"


def test_seed_002_communes_and_district_offices_rates() -> None:
    communes = _stats(
        carried_over=30,
        received=8752,
        resolved_on_time=8686,
        resolved_late=3,
        pending_on_time=52,
        withdrawn=41,
    )
    assert communes.on_time_rate_overall is not None
    assert format_percent(communes.on_time_rate_overall) == "99,97%"  # (8.686+52)/8.741
    offices = _stats(
        carried_over=3, received=524, resolved_on_time=507, pending_on_time=15, withdrawn=5
    )
    assert offices.on_time_rate_overall == 100.0  # (507+15)/522
    assert offices.on_time_rate_resolved == 100.0


def test_a_rate_without_a_base_is_none_not_zero() -> None:
    empty = DossierStats()
    assert empty.on_time_rate_resolved is None
    assert empty.on_time_rate_overall is None
    only_withdrawn = _stats(received=2, withdrawn=2)
    assert only_withdrawn.on_time_rate_overall is None


def test_the_json_form_has_exactly_the_published_statistic_names() -> None:
    data = DossierStats().as_dict()
    assert tuple(data) == STATISTIC_NAMES
    assert set(data["online_received"]) == {"mot_phan", "toan_trinh", "total"}


def test_counting_follows_the_bases_of_seed_002_section_2_3() -> None:
    stats = DossierStats()
    new_resolved = Placement(False, Outcome.RESOLVED_ON_TIME)
    stats.count(
        new_resolved,
        online_level=OnlineLevel.FULL,
        channel=Channel.ONLINE,
        digitised_input=True,
        digitised_result=True,
        paid_online=True,
    )
    stats.count(
        Placement(False, Outcome.WITHDRAWN),
        online_level=OnlineLevel.PARTIAL,
        channel=Channel.IN_PERSON,
        digitised_input=True,
        paid_online=True,
    )
    stats.count(
        Placement(True, Outcome.PENDING_ON_TIME),
        online_level=OnlineLevel.FULL,
        channel=Channel.ONLINE,
        digitised_input=True,
        digitised_result=True,
    )
    # Online counts only dossiers received in the window, by any channel / online.
    assert (stats.full_received, stats.full_online) == (1, 1)
    assert (stats.partial_received, stats.partial_online) == (1, 0)
    # Digitised input and online payment count among the non-withdrawn; results among resolved.
    assert stats.digitised_input == 2
    assert stats.paid_online == 1
    assert stats.digitised_result == 1


placements = st.builds(Placement, st.booleans(), st.sampled_from(list(Outcome)))


@given(st.lists(st.tuples(placements, st.booleans(), st.booleans(), st.booleans()), max_size=200))
def test_states_add_up_to_the_total_and_rates_stay_within_0_and_100(
    items: list[tuple[Placement, bool, bool, bool]],
) -> None:
    stats = DossierStats()
    for placement, di, dr, po in items:
        stats.count(placement, digitised_input=di, digitised_result=dr, paid_online=po)
    assert stats.outcomes_total == stats.total == len(items)
    for rate in (stats.on_time_rate_resolved, stats.on_time_rate_overall):
        assert rate is None or 0 <= rate <= 100
    assert stats.digitised_result <= stats.resolved
    assert stats.digitised_input <= stats.total - stats.withdrawn

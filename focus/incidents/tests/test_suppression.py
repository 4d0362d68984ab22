"""Small counts cannot be seen, nor worked out by subtracting two published views: the
property is checked on random SYNTHETIC populations (hypothesis)."""

import itertools
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from focus.incidents.suppression import publish, safe

DIMENSIONS = {
    "year": ["2021", "2022", "2023"],
    "country": ["AAA", "BBB", "CCC"],
    "act": ["killing", "threat", "detention"],
    "gender": ["woman", "man"],
}
K = 5

records = st.lists(
    st.fixed_dictionaries({name: st.sampled_from(values) for name, values in DIMENSIONS.items()}),
    max_size=120,
)


def counts(population, filters: dict, by: str) -> dict[str, int]:
    chosen = [r for r in population if all(r[d] == v for d, v in filters.items())]
    return dict(Counter(r[by] for r in chosen))


def view(population, filters: dict, by: str):
    wider = [
        counts(population, {d: v for d, v in filters.items() if d != left_out}, by)
        for left_out in filters
    ]
    return publish(counts(population, filters, by), wider, K)


def test_small_counts_are_hidden_and_the_rest_shown():
    shown = publish({"2021": 12, "2022": 3, "2023": 0, "2024": 7}, threshold=K)
    # 3 is hidden, then 7, the smallest other count, so that the total says nothing.
    assert shown.cells == {"2021": 12, "2022": None, "2023": 0, "2024": None}
    assert shown.total == 22


def test_a_count_whose_difference_to_a_wider_view_is_small_is_hidden():
    # 9 women of 11 people in the wider view: the other 2 would be known.
    shown = publish({"2021": 9, "2022": 20}, [{"2021": 11, "2022": 20}], K)
    assert shown.cells["2021"] is None and shown.cells["2022"] == 20
    assert shown.total is None  # 29 of 31: the difference is 2


@settings(max_examples=300, deadline=None)
@given(
    population=records,
    by=st.sampled_from(sorted(DIMENSIONS)),
    data=st.data(),
)
def test_no_published_number_or_difference_between_two_views_is_small(population, by, data):
    others = [d for d in DIMENSIONS if d != by]
    names = data.draw(st.lists(st.sampled_from(others), unique=True, max_size=2))
    filters = {name: data.draw(st.sampled_from(DIMENSIONS[name])) for name in names}
    shown = view(population, filters, by)
    truth = counts(population, filters, by)
    # Everything shown is 0 or at least k, and true.
    for value, count in shown.cells.items():
        if count is not None:
            assert safe(count, K) and count == truth.get(value, 0)
    if shown.total is not None:
        assert safe(shown.total, K) and shown.total == sum(truth.values())
    # Where the total is shown, what is hidden adds up to 0 or at least k, so that the
    # total less the cells shown gives nothing away.
    hidden = sum(truth.get(v, 0) for v, c in shown.cells.items() if c is None)
    if shown.total is not None:
        assert safe(hidden, K)
    # Subtracting this view from any view with one filter fewer gives no small count.
    for left_out in filters:
        wider_filters = {d: v for d, v in filters.items() if d != left_out}
        wider = view(population, wider_filters, by)
        for value, count in shown.cells.items():
            other = wider.cells.get(value)
            if count is not None and other is not None:
                assert safe(other - count, K), (value, other, count)
        if shown.total is not None and wider.total is not None:
            assert safe(wider.total - shown.total, K)


@settings(max_examples=100, deadline=None)
@given(population=records)
def test_two_filters_against_each_single_one_and_none(population):
    """Every pair of views one filter apart, over all pairs of filter values."""
    for a, b in itertools.combinations(["country", "act", "gender"], 2):
        for va in DIMENSIONS[a]:
            for vb in DIMENSIONS[b]:
                narrow = view(population, {a: va, b: vb}, "year")
                for wider_filters in ({a: va}, {b: vb}):
                    wide = view(population, wider_filters, "year")
                    for year, count in narrow.cells.items():
                        other = wide.cells.get(year)
                        if count is not None and other is not None:
                            assert safe(other - count, K)

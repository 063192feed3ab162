"""Reporting periods: parsing, boundaries in Amsterdam time, stepping back."""

import datetime

import pytest

from veilignet.deadlines import AMSTERDAM
from veilignet.monitoring.periods import Period


@pytest.mark.parametrize(
    ("text", "first", "next_first"),
    [
        ("2025", datetime.date(2025, 1, 1), datetime.date(2026, 1, 1)),
        ("2025-H2", datetime.date(2025, 7, 1), datetime.date(2026, 1, 1)),
        ("2025-q3", datetime.date(2025, 7, 1), datetime.date(2025, 10, 1)),
        ("2025-Q4", datetime.date(2025, 10, 1), datetime.date(2026, 1, 1)),
    ],
)
def test_parse_and_boundaries(text, first, next_first):
    period = Period.parse(text)
    assert (period.first_day, period.next_first_day) == (first, next_first)
    assert period.start == datetime.datetime.combine(first, datetime.time(), AMSTERDAM)
    assert str(Period.parse(str(period))) == str(period)


@pytest.mark.parametrize("text", ["", "25", "2025-H3", "2025-Q0", "2025-M1", "2025-Q10"])
def test_invalid_periods_are_refused(text):
    with pytest.raises(ValueError):
        Period.parse(text)


def test_previous_periods_cross_the_year():
    assert [str(p) for p in Period.parse("2025-Q2").previous(4)] == [
        "2024-Q3",
        "2024-Q4",
        "2025-Q1",
        "2025-Q2",
    ]
    assert str(Period.parse("2025-H1").shifted(-1)) == "2024-H2"
    assert str(Period.containing(datetime.date(2025, 8, 15), "H")) == "2025-H2"

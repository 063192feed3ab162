"""Working days and the legal deadlines (seed 002, annex 1)."""

import datetime

import pytest
import time_machine

from veilignet import deadlines
from veilignet.deadlines import DeadlineStatus

D = datetime.date
AMS = deadlines.AMSTERDAM


def at(*args):
    return datetime.datetime(*args, tzinfo=AMS)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2026, 4, 24), True),  # Friday
        (D(2026, 4, 25), False),  # Saturday
        (D(2026, 4, 27), False),  # King's Day (Monday)
        (D(2026, 5, 14), False),  # Ascension Day
        (D(2026, 12, 25), False),  # Christmas
        (D(2026, 12, 28), True),
    ],
)
def test_is_working_day(day, expected):
    assert deadlines.is_working_day(day) is expected


def test_triage_deadline_skips_weekend_and_kings_day():
    # Friday 24 April 2026; Monday 27 April is King's Day: Tue, Wed, Thu, Fri, Mon 4 May.
    assert deadlines.triage_deadline(at(2026, 4, 24, 16, 30)) == D(2026, 5, 4)


def test_triage_deadline_around_christmas():
    # Wednesday 23 Dec 2026: Thu 24, (Fri 25, Sat 26, Sun 27), Mon 28 .. Thu 31.
    assert deadlines.triage_deadline(at(2026, 12, 23, 9)) == D(2026, 12, 31)
    # Thursday 24 Dec 2026 reaches into 2027, past New Year's Day.
    assert deadlines.triage_deadline(at(2026, 12, 24, 9)) == D(2027, 1, 4)


def test_triage_deadline_around_ascension():
    # Tuesday 12 May 2026: Wed 13, (Thu 14 Ascension), Fri 15, Mon 18, Tue 19, Wed 20.
    assert deadlines.triage_deadline(at(2026, 5, 12, 11)) == D(2026, 5, 20)


def test_triage_deadline_on_weekend_receipt():
    # Saturday 9 May 2026: Mon 11, Tue 12, Wed 13, Fri 15, Mon 18.
    assert deadlines.triage_deadline(at(2026, 5, 9, 22)) == D(2026, 5, 18)


def test_triage_deadline_uses_the_amsterdam_day():
    # 23:30 UTC on Friday is already Saturday in Amsterdam.
    late = datetime.datetime(2026, 5, 8, 23, 30, tzinfo=datetime.UTC)
    assert deadlines.triage_deadline(late) == deadlines.triage_deadline(at(2026, 5, 9, 10))


def test_completion_deadline_is_ten_weeks_after_the_decision():
    assert deadlines.completion_deadline(at(2026, 3, 2, 15)) == D(2026, 5, 11)


def test_completion_deadline_on_a_holiday_moves_to_the_next_working_day():
    # 10 weeks after Monday 16 Feb 2026 is King's Day, Monday 27 April.
    assert deadlines.completion_deadline(at(2026, 2, 16, 10)) == D(2026, 4, 28)


def test_add_working_days_zero_and_negative():
    assert deadlines.add_working_days(D(2026, 4, 25), 0) == D(2026, 4, 25)
    with pytest.raises(ValueError):
        deadlines.add_working_days(D(2026, 4, 25), -1)


@pytest.mark.parametrize(
    ("deadline", "expected"),
    [
        (D(2026, 4, 23), DeadlineStatus.OVERDUE),
        (D(2026, 4, 24), DeadlineStatus.DUE_SOON),
        (D(2026, 4, 28), DeadlineStatus.DUE_SOON),  # next working day after the weekend
        (D(2026, 4, 29), DeadlineStatus.ON_TIME),
    ],
)
def test_deadline_status(deadline, expected):
    assert deadlines.deadline_status(deadline, on=D(2026, 4, 24)) == expected


@time_machine.travel(at(2026, 4, 24, 12), tick=False)
def test_deadline_status_defaults_to_today_in_amsterdam():
    assert deadlines.today() == D(2026, 4, 24)
    assert deadlines.deadline_status(D(2026, 4, 23)) == DeadlineStatus.OVERDUE

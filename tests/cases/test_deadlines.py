import datetime

from veilignet.deadlines import add_working_days, is_working_day


def test_weekends_and_dutch_holidays_are_not_working_days():
    assert not is_working_day(datetime.date(2026, 4, 27))  # King's Day (Monday)
    assert not is_working_day(datetime.date(2026, 5, 2))  # Saturday
    assert is_working_day(datetime.date(2026, 4, 28))


def test_add_working_days_skips_weekend_and_holiday():
    # Thursday 23 April 2026 + 5 working days: Fri 24, (Mon 27 King's Day), Tue 28 .. Fri 1 May.
    assert add_working_days(datetime.date(2026, 4, 23), 5) == datetime.date(2026, 5, 1)

"""Working days and deadlines: the one place that knows the Dutch public holidays."""

from datetime import date, timedelta

import holidays

_NL_HOLIDAYS = holidays.country_holidays("NL")


def is_working_day(day: date) -> bool:
    """Monday to Friday and not a Dutch public holiday."""
    return day.weekday() < 5 and day not in _NL_HOLIDAYS


def add_working_days(start: date, days: int) -> date:
    """The date `days` working days after `start` (`start` itself does not count)."""
    current = start
    remaining = days
    while remaining > 0:
        current += timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current

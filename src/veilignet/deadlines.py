"""Working days and the front door's legal deadlines: the one place that computes them.

Working days are Monday to Friday minus the Dutch public holidays of the `holidays`
package's Netherlands calendar (Liberation Day only in the years it lists it). Dates are
local dates in Europe/Amsterdam, whatever the server's time zone.
"""

import datetime
import enum
from functools import cache
from zoneinfo import ZoneInfo

import holidays

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
TRIAGE_WORKING_DAYS = 5
COMPLETION_WEEKS = 10


@cache
def _holidays(year: int) -> frozenset[datetime.date]:
    """The Dutch public holidays of one year (computed once per year)."""
    return frozenset(holidays.country_holidays("NL", years=year))


def local_date(moment: datetime.datetime | datetime.date) -> datetime.date:
    """The Amsterdam calendar date of an aware datetime (a date is returned unchanged)."""
    if isinstance(moment, datetime.datetime):
        return moment.astimezone(AMSTERDAM).date()
    return moment


def today() -> datetime.date:
    """Today's date in Amsterdam."""
    return datetime.datetime.now(AMSTERDAM).date()


def is_working_day(day: datetime.date) -> bool:
    """Monday to Friday and not a Dutch public holiday."""
    return day.weekday() < 5 and day not in _holidays(day.year)


def add_working_days(day: datetime.date, n: int) -> datetime.date:
    """The n-th working day after `day` (n >= 0; n == 0 gives `day` itself)."""
    if n < 0:
        raise ValueError("n must not be negative")
    while n:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            n -= 1
    return day


def next_working_day(day: datetime.date) -> datetime.date:
    """`day` itself when it is a working day, otherwise the first working day after it."""
    while not is_working_day(day):
        day += datetime.timedelta(days=1)
    return day


def triage_deadline(received_at: datetime.datetime | datetime.date) -> datetime.date:
    """Triage is due on the 5th working day after the (Amsterdam) day of receipt."""
    return add_working_days(local_date(received_at), TRIAGE_WORKING_DAYS)


def completion_deadline(decided_at: datetime.datetime | datetime.date) -> datetime.date:
    """'Voorwaarden en vervolg' and investigation end 10 weeks after the decision
    (moved to the next working day when that day is a holiday)."""
    return next_working_day(local_date(decided_at) + datetime.timedelta(weeks=COMPLETION_WEEKS))


class DeadlineStatus(enum.StrEnum):
    ON_TIME = "on_time"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"


def deadline_status(deadline: datetime.date, on: datetime.date | None = None) -> DeadlineStatus:
    """Overdue after the deadline; due soon when it is at most 1 working day away."""
    on = on or today()
    if deadline < on:
        return DeadlineStatus.OVERDUE
    if deadline <= add_working_days(on, 1):
        return DeadlineStatus.DUE_SOON
    return DeadlineStatus.ON_TIME

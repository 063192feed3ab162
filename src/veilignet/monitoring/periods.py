"""Reporting periods: a year (`2025`), a half year (`2025-H1`) or a quarter (`2025-Q3`).

A period runs from midnight Amsterdam time on its first day up to (not including)
midnight on the first day of the next period.
"""

import datetime
import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from veilignet.deadlines import AMSTERDAM

PATTERN = re.compile(r"^(?P<year>\d{4})(?:-(?P<kind>[HQ])(?P<number>\d))?$")
MONTHS = {"Y": 12, "H": 6, "Q": 3}


@dataclass(frozen=True)
class Period:
    year: int
    kind: str = "Y"  # Y, H or Q
    number: int = 1

    @classmethod
    def parse(cls, text):
        """The period for `2025`, `2025-H1` or `2025-Q3`; ValueError otherwise."""
        match = PATTERN.match((text or "").strip().upper())
        if not match:
            raise ValueError(_("Give a period as 2025, 2025-H1 or 2025-Q3."))
        year, kind = int(match["year"]), match["kind"] or "Y"
        number = int(match["number"] or 1)
        if number < 1 or number > 12 // MONTHS[kind]:
            raise ValueError(_("Give a period as 2025, 2025-H1 or 2025-Q3."))
        return cls(year, kind, number)

    @classmethod
    def containing(cls, day, kind):
        """The period of the given kind that contains `day`."""
        return cls(day.year, kind, (day.month - 1) // MONTHS[kind] + 1)

    def __str__(self):
        return str(self.year) if self.kind == "Y" else f"{self.year}-{self.kind}{self.number}"

    @property
    def first_day(self):
        return datetime.date(self.year, (self.number - 1) * MONTHS[self.kind] + 1, 1)

    @property
    def next_first_day(self):
        month = self.first_day.month + MONTHS[self.kind]
        return datetime.date(self.year + (month > 12), (month - 1) % 12 + 1, 1)

    @property
    def start(self):
        """The first moment of the period (aware, Amsterdam)."""
        return datetime.datetime.combine(self.first_day, datetime.time(), AMSTERDAM)

    @property
    def end(self):
        """The first moment after the period (exclusive)."""
        return datetime.datetime.combine(self.next_first_day, datetime.time(), AMSTERDAM)

    def shifted(self, steps):
        """The period `steps` periods of the same kind later (earlier when negative)."""
        per_year = 12 // MONTHS[self.kind]
        index = self.year * per_year + self.number - 1 + steps
        return Period(index // per_year, self.kind, index % per_year + 1)

    def previous(self, count):
        """The `count` periods up to and including this one, oldest first."""
        return [self.shifted(-i) for i in range(count - 1, -1, -1)]

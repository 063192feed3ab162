"""Small-number protection: the ONE place that decides which figures may be shown.

Every page, CSV/XLSX export, PDF report and API answer goes through `protect()` before
it shows a count, so no count of persons or households between 1 and the threshold minus 1
(default 5, setting `MONITORING_SMALL_NUMBER_THRESHOLD`) ever leaves the server.

Rules, applied until nothing changes:
1. primary: a count c with 0 < c < threshold is suppressed (0 is shown: it reveals
   nobody);
2. complement: for a share, a shown numerator whose difference with its shown denominator
   is small is suppressed (else "all but 2" reveals the 2);
3. secondary, in a table whose rows add up to a total row (municipalities and the region,
   categories and their total): when the suppressed cells of a column could be derived
   from the total (exactly one suppressed, or suppressed cells summing to a small
   number), the smallest shown positive cell of that column is suppressed as well; when
   there is none, the total is suppressed.
Derivations across tables (a quarter from its half year) are not covered: pages show one
period at a time per table and the API answers one period per call.
"""

from django.conf import settings

TOTAL = "total"  # the row key of a table's total (region, country or categories)


def threshold():
    """Counts below this are never shown (default 5)."""
    return getattr(settings, "MONITORING_SMALL_NUMBER_THRESHOLD", 5)


def _small(value, limit):
    return value is not None and 0 < value < limit


def _secondary(column, hidden, limit):
    """Hide one more cell of an additive column if its hidden cells can be derived.
    Returns True if it hid something."""
    if TOTAL not in column or TOTAL in hidden:
        return False
    members = [row for row in column if row != TOTAL]
    hidden_members = [row for row in members if row in hidden]
    if not hidden_members:
        return False
    hidden_sum = sum(column[row] for row in hidden_members)
    if len(hidden_members) > 1 and not _small(hidden_sum, limit):
        return False
    visible = [row for row in members if row not in hidden and column[row] > 0]
    if visible:
        hidden.add(min(visible, key=lambda row: (column[row], str(row))))
    else:
        hidden.add(TOTAL)
    return True


class Protected(dict):
    """{measure name: {row: count or None}}; `small[name]` holds the rows suppressed
    because they are small themselves (shown as "<5"), the others were derivable."""

    def __init__(self, data, small):
        super().__init__(data)
        self.small = small


def protect(counts, pairs=(), public=()):
    """Suppress small numbers in a table of counts.

    `counts` is {measure name: {row: count}}; a column with a TOTAL row is additive.
    `pairs` are (numerator, denominator) names of shares; names in `public` (population)
    are never suppressed. Returns a `Protected` table with suppressed counts set to None.
    """
    limit = threshold()
    small = {
        name: {row for row, value in column.items() if _small(value, limit)}
        for name, column in counts.items()
        if name not in public
    }
    hidden = {name: set(rows) for name, rows in small.items()}
    changed = True
    while changed:
        changed = False
        for numerator, denominator in pairs:
            if numerator in public or denominator in public:
                continue
            for row, value in counts[numerator].items():
                if row in hidden[numerator] or row in hidden[denominator]:
                    continue
                if _small(counts[denominator][row] - value, limit):
                    hidden[numerator].add(row)
                    changed = True
        for name, rows in hidden.items():
            while _secondary(counts[name], rows, limit):
                changed = True
    data = {
        name: {row: None if row in hidden.get(name, ()) else value for row, value in column.items()}
        for name, column in counts.items()
    }
    return Protected(data, small)

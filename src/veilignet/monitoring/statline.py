"""Reading a CSV downloaded from CBS StatLine ("CSV, semicolon-separated").

Expected shape (tables such as 84849NED, reports by municipality, and 85361NED,
re-reports), first line the quoted column identifiers:

    "ID";"Perioden";"RegioS";"Adviezen_1";"Meldingen_2";"Hermeldingen_3";"Bevolking_4"
    0;"2025HJ01";"NL01  ";"   41230";"   69850";"  18700";"17942000"

- `Perioden`: `2025JJ00` (year), `2025HJ01`/`2025HJ02` (half year), `2025KW01`..`KW04`
  (quarter);
- `RegioS`: only the national rows (`NL01`) are read; municipality rows (`GM....`) are
  skipped, the region's own figures come from Veilignet;
- measure columns are recognised by their identifier without the `_<n>` suffix, see
  `COLUMNS`; others are ignored; a `.` or empty value (no figure) is skipped.
"""

import csv
import re

COLUMNS = {
    "Adviezen": "advice_requests",
    "Adviesvragen": "advice_requests",
    "Meldingen": "reports",
    "Hermeldingen": "re_reports",
    "Bevolking": "population",
    "BevolkingOp1Januari": "population",
}
PERIOD = re.compile(r"^(\d{4})(JJ00|HJ0([12])|KW0([1-4]))$")
NATIONAL = "NL01"


def period_code(code):
    """`2025HJ01` → `2025-H1`; None for a code that is not a year, half year or quarter."""
    match = PERIOD.match(code.strip())
    if not match:
        return None
    year, _kind, half, quarter = match.groups()
    if half:
        return f"{year}-H{half}"
    if quarter:
        return f"{year}-Q{quarter}"
    return year


def read(lines):
    """Yield (period, measure, value) for the national rows of a StatLine CSV."""
    reader = csv.DictReader(lines, delimiter=";")
    measures = {}
    for column in reader.fieldnames or ():
        name = COLUMNS.get(re.sub(r"_\d+$", "", column.strip()))
        if name:
            measures[column] = name
    if "Perioden" not in (reader.fieldnames or ()) or "RegioS" not in reader.fieldnames:
        raise ValueError("Not a StatLine CSV: the columns Perioden and RegioS are missing.")
    for row in reader:
        period = period_code(row["Perioden"])
        if period is None or row["RegioS"].strip() != NATIONAL:
            continue
        for column, name in measures.items():
            text = (row[column] or "").strip()
            if text and text != ".":
                yield period, name, int(text)

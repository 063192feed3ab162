"""CSV and XLSX files of any dashboard table: the same protected cells as on the page."""

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Font

from veilignet.monitoring.indicators import COUNT, PER_10K, RATIO, SHARE

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def to_csv(table):
    """Semicolon-separated (as Dutch spreadsheets expect), with a BOM for Excel."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";")
    writer.writerow([table.title])
    writer.writerow(table.columns)
    for row in table.rows:
        writer.writerow([cell.text for cell in row])
    return out.getvalue().encode()


NUMBER_FORMATS = {SHARE: "0.0%", PER_10K: "0.0", RATIO: "0.00", COUNT: "#,##0"}


def to_xlsx(table):
    """One sheet; numbers as numbers where shown, the page's text where suppressed."""
    book = Workbook()
    sheet = book.active
    sheet.title = table.key[:31]
    sheet.append([table.title])
    sheet["A1"].font = Font(bold=True)
    sheet.append(table.columns)
    for row in table.rows:
        sheet.append([cell.value if cell.unit else cell.text for cell in row])
        for cell, source in zip(sheet[sheet.max_row], row, strict=True):
            if source.unit:
                cell.number_format = NUMBER_FORMATS[source.unit]
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()

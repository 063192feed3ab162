"""Keep personal data out of bottleneck texts.

Bottlenecks are governance data: they are read by board members of many organisations,
so they must be anonymous. `find_personal_data` detects BSNs (nine digits passing the
eleven-test), dates (of birth), e-mail addresses and phone numbers; `strip_personal_data`
replaces them by a marker. Names cannot be detected reliably: the forms ask for an
anonymised example and the escalation hand-off sends no names.
"""

import re

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from veilignet.people.bsn import is_valid_bsn

_MONTHS = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
    "jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec|"
    "january|february|march|may|june|july|october"
)

# (kind, label, pattern); matched in this order so a BSN is not reported as a phone number.
PATTERNS = [
    (
        "email",
        _("e-mail address"),
        re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.IGNORECASE),
    ),
    (
        "date",
        _("date"),
        re.compile(
            r"\b(?:\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d{2})|\d{4}-\d{1,2}-\d{1,2}"
            rf"|\d{{1,2}}\s+(?:{_MONTHS})\.?\s+\d{{4}})\b",
            re.IGNORECASE,
        ),
    ),
    ("bsn", _("citizen service number"), re.compile(r"\b\d{4}[ .]?\d{2}[ .]?\d{3}\b")),
    (
        "phone",
        _("phone number"),
        re.compile(r"(?<![\w+])(?:\+31|0031|0)[ -]?(?:\(0\))?[ -]?(?:\d[ -]?){8}\d\b"),
    ),
]


def _matches(text):
    """(start, end, kind, label) of every personal-data match, without overlaps."""
    found = []
    taken = []
    for kind, label, pattern in PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if kind == "bsn" and not is_valid_bsn(re.sub(r"\D", "", match.group())):
                continue
            if any(start < t_end and t_start < end for t_start, t_end in taken):
                continue
            taken.append((start, end))
            found.append((start, end, kind, label))
    return sorted(found)


def find_personal_data(text: str) -> list[str]:
    """The kinds of personal data found in `text` (e.g. ["bsn", "email"]), each once."""
    return sorted({kind for _start, _end, kind, _label in _matches(text or "")})


def describe(kinds) -> str:
    """The readable names of the kinds, for form errors."""
    labels = {kind: label for kind, label, _pattern in PATTERNS}
    return ", ".join(str(labels[kind]) for kind in kinds)


def strip_personal_data(text: str) -> tuple[str, list[str]]:
    """`text` with every detected item replaced by a marker, and the kinds removed."""
    text = text or ""
    matches = _matches(text)
    pieces, position = [], 0
    for start, end, _kind, label in matches:
        pieces.append(text[position:start])
        pieces.append(gettext("[removed: %(kind)s]") % {"kind": label})
        position = end
    pieces.append(text[position:])
    return "".join(pieces), sorted({kind for _s, _e, kind, _l in matches})

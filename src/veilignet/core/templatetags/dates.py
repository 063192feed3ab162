"""Django's `date` filter, with each format looked up and split once per language.

Django's looks the format up in the language's format modules and splits it into its
codes on every call (some 35 µs; a case page shows two dozen dates). Here the parts of
each (format, language) are kept; the codes are still Django's `DateFormat` methods, so
the text is the same. Installed as a template builtin (settings.TEMPLATES), after
Django's filters, so it replaces `date` in every template; tests/core/test_dates.py.
"""

import datetime
import functools

from django import template
from django.template import defaultfilters
from django.utils import formats
from django.utils.dateformat import DateFormat, TimeFormat, re_escaped, re_formatchars
from django.utils.translation import get_language

register = template.Library()


@functools.cache
def _parts(format_, language):
    """The format's parts: (True, code) for a format code, (False, text) for the text
    between codes, as `Formatter.format` splits them; kept per (format or setting name,
    language)."""
    resolved = str(formats.get_format(format_ or "DATE_FORMAT", lang=language))
    return [
        (True, piece) if i % 2 else (False, re_escaped.sub(r"\1", piece))
        for i, piece in enumerate(re_formatchars.split(resolved))
        if i % 2 or piece
    ]


def format_date(value, format_=None):
    """`django.utils.formats.date_format(value, format_)`, from the kept parts."""
    parts = _parts(format_, get_language())
    formatter, time_codes_refused = DateFormat(value), type(value) is datetime.date
    pieces = []
    for is_code, piece in parts:
        if not is_code:
            pieces.append(piece)
            continue
        if time_codes_refused and hasattr(TimeFormat, piece):
            raise TypeError(
                f"The format for date objects may not contain time-related format "
                f"specifiers (found '{piece}')."
            )
        pieces.append(str(getattr(formatter, piece)()))
    return "".join(pieces)


@register.filter(expects_localtime=True, is_safe=False)
def date(value, arg=None):
    """Format a date according to the given format (as Django's `date` filter)."""
    if value in (None, ""):
        return ""
    try:
        return format_date(value, arg)
    except AttributeError:
        return defaultfilters.date(value, arg)  # not a date: Django's fallbacks

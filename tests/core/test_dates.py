"""The `date` filter gives Django's own text for every format and value
(core.templatetags.dates)."""

import datetime

import pytest
from django.template import Context, Template, defaultfilters
from django.utils import translation

from veilignet.core.templatetags import dates

VALUES = [
    datetime.date(2026, 3, 2),
    datetime.date(1999, 12, 31),
    datetime.datetime(2026, 3, 2, 9, 5, tzinfo=datetime.UTC),
    datetime.datetime(2026, 10, 25, 1, 30, tzinfo=datetime.UTC),  # the hour clocks go back
    datetime.datetime(2026, 7, 1, 23, 59),  # naive
]
FORMATS = [
    "j F Y",
    "j M Y H:i",
    "D d-m-Y",
    r"\d\e j\e F",
    "DATE_FORMAT",
    "SHORT_DATE_FORMAT",
    None,
    "",
]


def test_every_format_of_every_value_in_both_languages_equals_djangos():
    for language in ("nl", "en", "nl"):
        with translation.override(language):
            for value in VALUES:
                for format_ in FORMATS:
                    try:
                        expected = defaultfilters.date(value, format_)
                    except TypeError:  # a time code on a date: refused by both
                        with pytest.raises(TypeError):
                            dates.date(value, format_)
                        continue
                    assert dates.date(value, format_) == expected, (value, format_)


@pytest.mark.parametrize("value", [None, "", "2026-03-02", 5, datetime.time(10, 5)])
def test_values_that_are_no_dates_as_in_django(value):
    for format_ in ("j F Y", "H:i"):
        assert dates.date(value, format_) == defaultfilters.date(value, format_)


def test_the_templates_use_it():
    template = Template('{{ day|date:"j F Y" }}')
    assert template.nodelist[0].filter_expression.filters[0][0] is dates.date
    with translation.override("nl"):
        assert template.render(Context({"day": datetime.date(2026, 3, 2)})) == "2 maart 2026"

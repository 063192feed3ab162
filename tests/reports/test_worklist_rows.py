"""The worklist row's own formatting equals Django's: dates as the `date` filter writes
them in every month and language, URLs as `reverse()` builds them."""

import datetime

import pytest
from django.template.defaultfilters import date
from django.urls import reverse
from django.utils import translation
from django.utils.timezone import localtime

from veilignet.reports.templatetags.worklist import _date_formats, _url_of


@pytest.mark.parametrize("language", ["nl", "en"])
def test_row_dates_equal_the_date_filter(language):
    with translation.override(language):
        day, moment = _date_formats()
        for month in range(1, 13):
            value = datetime.datetime(2026, month, month + 9, 23, 4 * month, tzinfo=datetime.UTC)
            assert moment(value) == date(localtime(value), "j M Y H:i")
            assert day(value.date()) == date(value.date(), "j M Y")
        assert day(datetime.date(987, 3, 1)) == date(datetime.date(987, 3, 1), "j M Y")


def test_row_urls_equal_reverse():
    for name in ("reports:detail", "reports:assign"):
        url_of = _url_of(name)
        for pk in (1, 7, 987654321, 10**12):
            assert url_of(pk) == reverse(name, args=[pk])

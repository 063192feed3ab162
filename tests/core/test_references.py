"""reference_number: the number in a reference as a user types it."""

import pytest

from veilignet.core.references import reference_number


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("VT-000123", 123),
        (" vt-12 ", 12),
        ("123", 123),
        ("CA-HH-7", 7),  # the prefixes in turn
        ("VT-", None),
        ("VT-0", None),
        ("VT-²", None),  # a digit to str.isdigit(), not to int()
        ("Jansen", None),
        ("9" * 18, int("9" * 18)),
        ("9" * 19, None),  # beyond any id column
        ("1" * 5000, None),  # int() refuses over 4,300 digits
    ],
)
def test_reference_number(text, number):
    assert reference_number(text, "CA-", "HH-", "VT-") == number

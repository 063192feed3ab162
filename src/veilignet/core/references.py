"""The number in a reference as a user types it ("VT-000123", "ca-12", "123")."""

# More digits than any id column holds (64 bits: 19); also keeps int() from the very long
# strings it refuses (over 4,300 digits).
MAX_DIGITS = 18


def reference_number(text, *prefixes):
    """The number of the reference `text`, after any of `prefixes` in turn (e.g. "VT-",
    in any case) and leading zeros; None when the rest is not a number of at most
    MAX_DIGITS digits. Checked with `str.isdecimal()`: `str.isdigit()` also accepts
    superscripts such as "²", which `int()` refuses."""
    number = text.strip().upper()
    for prefix in prefixes:
        number = number.removeprefix(prefix)
    number = number.lstrip("0")
    return int(number) if number.isdecimal() and len(number) <= MAX_DIGITS else None

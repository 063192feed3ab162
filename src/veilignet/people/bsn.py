"""The Dutch citizen service number (BSN): the eleven-test and masking."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def is_valid_bsn(value: str) -> bool:
    """True when `value` is nine digits (0-9) that pass the eleven-test (weights 9..2 and -1)."""
    if len(value) != 9 or not (value.isascii() and value.isdecimal()) or value == "000000000":
        return False
    weights = (9, 8, 7, 6, 5, 4, 3, 2, -1)
    return sum(int(digit) * weight for digit, weight in zip(value, weights, strict=True)) % 11 == 0


def validate_bsn(value: str) -> None:
    """Model/form validator with a Dutch message (via translation)."""
    if not is_valid_bsn(value):
        raise ValidationError(
            _("This is not a valid BSN: it must be nine digits and pass the eleven-test."),
            code="invalid_bsn",
        )


def mask_bsn(value: str) -> str:
    """Show only the last three digits, e.g. '******782'."""
    return f"******{value[-3:]}" if value else ""


def make_bsn(rng) -> str:
    """A random number that passes the eleven-test, for synthetic data (rng: random.Random)."""
    while True:
        digits = [rng.randint(0, 9) for _ in range(8)]
        check = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True)) % 11
        if check < 10 and digits[0] != 0:
            return "".join(map(str, digits)) + str(check)


def make_unique_bsn(rng, share, taken) -> str:
    """With probability `share` a `make_bsn()` number not in the set `taken` (and added to
    it), else "" (no BSN known); for the synthetic data generators."""
    if rng.random() >= share:
        return ""
    while True:
        bsn = make_bsn(rng)
        if bsn not in taken:
            taken.add(bsn)
            return bsn

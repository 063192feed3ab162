"""The BSN eleven-test, masking and the synthetic generator."""

import random

import pytest

from veilignet.people.bsn import is_valid_bsn, make_bsn, make_unique_bsn, mask_bsn


@pytest.mark.parametrize("value", ["111222333", "123456782", "999999990"])
def test_valid_bsns(value):
    # 1*9+1*8+1*7+2*6+2*5+2*4+3*3+3*2-3*1 = 66 = 6*11, and likewise for the others
    assert is_valid_bsn(value)


@pytest.mark.parametrize(
    "value",
    [
        "123456789",
        "111222334",
        "12345678",
        "1234567890",
        "12345678a",
        "000000000",
        "",
        "11122233³",  # a digit to str.isdigit(), not to int()
        "١١١٢٢٢٣٣٣",  # 111222333 in Arabic-Indic digits: decimal, but not 0-9
    ],
)
def test_invalid_bsns(value):
    assert not is_valid_bsn(value)


def test_mask_shows_only_last_three_digits():
    assert mask_bsn("123456782") == "******782"
    assert mask_bsn("") == ""


def test_generator_makes_valid_bsns():
    rng = random.Random(1)
    assert all(is_valid_bsn(make_bsn(rng)) for _ in range(200))


def test_unique_generator_skips_taken_numbers_and_leaves_some_blank():
    same = random.Random(2)
    same.random()  # the share draw
    first = make_bsn(same)  # what the first draw would give
    taken = {first}
    rng = random.Random(2)
    drawn = [make_unique_bsn(rng, 1.0, taken) for _ in range(50)]
    assert first not in drawn and len(set(drawn)) == 50 and all(map(is_valid_bsn, drawn))
    assert taken == {first, *drawn}
    assert make_unique_bsn(random.Random(2), 0.0, taken) == "" and len(taken) == 51

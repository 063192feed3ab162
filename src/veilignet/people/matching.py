"""Normalised keys for matching persons: tolerant of case, accents and spacing."""

import unicodedata


def name_key(value: str) -> str:
    """'  Van  den Berg-Öztürk ' -> 'vandenbergozturk'."""
    decomposed = unicodedata.normalize("NFKD", value or "")
    return "".join(ch for ch in decomposed if ch.isalnum()).casefold()

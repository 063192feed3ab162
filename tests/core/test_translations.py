"""The UI is Dutch: every translatable string of every app has a Dutch translation."""

from pathlib import Path

import pytest

import veilignet

APPS = sorted(p.parent for p in Path(veilignet.__file__).parent.glob("*/apps.py"))


def _entries(po_file):
    """(msgid, msgstr, fuzzy) per entry of a .po file, plural forms joined."""
    entries, current, fuzzy, field, context = [], None, False, None, ""
    for line in [*po_file.read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
        elif line.startswith("msgctxt "):
            context = line[8:].strip('"')
        elif line.startswith("msgid "):
            if current:
                entries.append(current)
            current = {
                "msgid": line[6:].strip('"'),
                "msgstr": [],
                "fuzzy": fuzzy,
                "context": context,
            }
            fuzzy, field, context = False, "msgid", ""
        elif line.startswith("msgstr"):
            field = "msgstr"
            current["msgstr"].append(line.split(" ", 1)[1].strip('"'))
        elif line.startswith('"') and current:
            if field == "msgid":
                current["msgid"] += line.strip('"')
            else:
                current["msgstr"][-1] += line.strip('"')
    if current:
        entries.append(current)
    return [e for e in entries if e["msgid"]]


@pytest.mark.parametrize("app", APPS, ids=lambda p: p.name)
def test_app_is_fully_translated(app):
    po_file = app / "locale" / "nl" / "LC_MESSAGES" / "django.po"
    mo_file = po_file.with_suffix(".mo")
    has_strings = any(
        "translate" in f.read_text(encoding="utf-8") or "gettext" in f.read_text(encoding="utf-8")
        for f in [*app.rglob("*.py"), *app.rglob("*.html"), *app.rglob("*.txt")]
        if "migrations" not in f.parts
    )
    if not has_strings:
        pytest.skip("no translatable strings")
    assert po_file.exists(), f"{app.name} has no Dutch translations"
    assert mo_file.exists() and mo_file.stat().st_size > 0
    untranslated = [e["msgid"] for e in _entries(po_file) if not all(e["msgstr"]) or e["fuzzy"]]
    assert untranslated == []


def test_the_same_text_is_translated_the_same_in_every_app():
    """Django merges all apps' catalogues; a clash would show one app the other's word.
    Where the meaning differs, the source uses a context (pgettext)."""
    translations = {}
    for po_file in Path(veilignet.__file__).parent.glob("*/locale/nl/LC_MESSAGES/django.po"):
        for entry in _entries(po_file):
            key = (entry["context"], entry["msgid"])
            translations.setdefault(key, set()).add(tuple(entry["msgstr"]))
    clashes = {key: values for key, values in translations.items() if len(values) > 1}
    assert clashes == {}

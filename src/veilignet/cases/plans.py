"""The safety plan as plain text, and the difference between two versions."""

import difflib

from django.utils.formats import date_format
from django.utils.translation import gettext as _


def plan_lines(version):
    """The plan as lines of plain text, in the order of the regional format."""
    lines = [_("Who is unsafe and why"), *version.unsafe_who_why.splitlines(), ""]
    lines.append(_("Safety conditions"))
    for number, condition in enumerate(version.conditions, start=1):
        lines += [
            f"{number}. {condition['what']}",
            "   " + _("Who is responsible: %(who)s") % {"who": condition["responsible"]},
            "   " + _("How it is checked: %(how)s") % {"how": condition["check"]},
        ]
    for title, text in (
        (_("Early-warning signs"), version.early_warning_signs),
        (_("Who to call when"), version.who_to_call),
        (_("Agreements with the family's network"), version.network_agreements),
    ):
        lines += ["", title, *(text.splitlines() or ["—"])]
    agreed = (
        _("Agreed on %(date)s by %(who)s")
        % {"date": date_format(version.agreed_on), "who": version.agreed_by or "—"}
        if version.agreed_on
        else _("Not yet agreed with the family (draft)")
    )
    return [*lines, "", agreed]


def plan_diff(old, new):
    """Changed lines between two versions as (marker, line) pairs: '+', '-' or ' '."""
    diff = difflib.ndiff(plan_lines(old), plan_lines(new))
    return [(line[0], line[2:]) for line in diff if line[0] in "+- "]

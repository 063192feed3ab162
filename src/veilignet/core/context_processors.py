"""Template context shared by every page: navigation derived from access policies."""

from functools import cache

from django.conf import settings
from django.urls import get_urlconf, resolve, reverse
from django.utils.translation import gettext_lazy as _

from veilignet.core.access import policy_of

NAVIGATION = [
    ("core:home", _("Home")),
    ("reports:worklist", _("Worklist")),
    ("people:household_list", _("Households")),
    ("cases:case_list", _("Cases")),
    ("cases:my_tasks", _("My tasks")),
    ("mda:overview", _("MDA++ team")),
    ("acute:shift", _("Crisis intake")),
    ("governance:overview", _("Governance")),
    ("monitoring:overview", _("Monitoring")),
    ("audit:search", _("Audit trail")),
    ("privacy:emergency_review_list", _("Privacy")),
]


@cache
def _menu(role, urlconf):
    """(url, label) of the menu items `role` may open: the same on every request."""
    items = []
    for name, label in NAVIGATION:
        url = reverse(name, urlconf)
        if policy_of(resolve(url, urlconf).func).allows_role(role):
            items.append((url, label))
    return items


def navigation(request):
    """Menu items the current user may open, in the order of NAVIGATION."""
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated or not user.is_verified():
        return {"navigation": []}
    items = [
        {"url": url, "label": label, "active": request.path.startswith(url)}
        for url, label in _menu(user.role, get_urlconf() or settings.ROOT_URLCONF)
    ]
    if items and items[0]["url"] == "/":
        items[0]["active"] = request.path == "/"
    return {"navigation": items}

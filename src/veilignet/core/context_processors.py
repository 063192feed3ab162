"""Template context shared by every page: navigation derived from access policies."""

from django.urls import resolve, reverse
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


def navigation(request):
    """Menu items the current user may open, in the order of NAVIGATION."""
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated or not user.is_verified():
        return {"navigation": []}
    items = []
    for name, label in NAVIGATION:
        url = reverse(name)
        if policy_of(resolve(url).func).allows_role(user.role):
            items.append({"url": url, "label": label, "active": request.path.startswith(url)})
    if items and items[0]["url"] == "/":
        items[0]["active"] = request.path == "/"
    return {"navigation": items}

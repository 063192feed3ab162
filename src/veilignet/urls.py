"""Root URL configuration: one include per app."""

from django.urls import include, path
from django.views.i18n import set_language

from veilignet.core.access import public

urlpatterns = [
    path("", include("veilignet.core.urls")),
    path("accounts/", include("veilignet.accounts.urls")),
    path("households/", include("veilignet.people.urls")),
    path("audit/", include("veilignet.audit.urls")),
    path("cases/", include("veilignet.cases.urls")),
    path("reports/", include("veilignet.reports.urls")),
    path("api/", include("veilignet.api.urls")),
    path("governance/", include("veilignet.governance.urls")),
    path("mda/", include("veilignet.mda.urls")),
    path("acute/", include("veilignet.acute.urls")),
    path("privacy/", include("veilignet.privacy.urls")),
    path("monitoring/", include("veilignet.monitoring.urls")),
    path("i18n/setlang/", public(set_language), name="set_language"),
]

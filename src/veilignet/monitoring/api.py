"""The indicators as the partner API serves them (`GET /api/v1/indicators/`)."""

from django.utils.translation import gettext as _
from rest_framework import exceptions

from veilignet.accounts.models import OrganisationType
from veilignet.monitoring import dashboard
from veilignet.monitoring.indicators import TOTAL, Scope
from veilignet.monitoring.periods import Period
from veilignet.regions.models import Region
from veilignet.reports.models import ViolenceForm

READERS = (OrganisationType.MUNICIPALITY, OrganisationType.VEILIG_THUIS)
POLICY = (
    "Readable with the token of a municipality (its policy officers) or of the Veilig "
    "Thuis of the region asked for; tokens of other regions or other kinds of "
    "organisation get 403. Figures are protected exactly as on the dashboard: a count "
    "below 5 and any figure it could be derived from in the region's municipality table "
    "are null, with `suppressed: true`."
)


def indicators_for(organisation, params):
    """[dict per indicator] for the region/municipality/period in `params`; raises
    PermissionDenied or ValidationError (DRF) for the API view."""
    region = Region.objects.filter(slug=params.get("region", "")).first()
    if region is None or region.pk != organisation.region_id or organisation.type not in READERS:
        raise exceptions.PermissionDenied(_("This token may not read this region's indicators."))
    try:
        period = Period.parse(params.get("period", ""))
    except ValueError as error:
        raise exceptions.ValidationError({"period": [str(error)]}) from error
    form = params.get("violence_form", "")
    if form and form not in ViolenceForm.values:
        raise exceptions.ValidationError({"violence_form": [_("Unknown form of violence.")]})
    municipalities = dict(region.municipalities.values_list("cbs_code", "pk"))
    code = params.get("municipality", "").strip().upper()
    if code and code not in municipalities:
        raise exceptions.ValidationError(
            {"municipality": [_("Not a municipality of this region: give its CBS code.")]}
        )
    table = dashboard.municipality_table(Scope(period, tuple(municipalities.values()), form))
    row = municipalities[code] if code else TOTAL
    return [figures[row].as_dict() for figures in table.values()]

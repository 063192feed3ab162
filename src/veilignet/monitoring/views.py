"""The monitoring dashboard for policy officers, board members, directors and team leads
of a region: overview, municipality comparison, trends, exports and the half-year report.

Indicators hold no personal data; every figure shown passed small-number protection.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from veilignet import deadlines
from veilignet.accounts.models import Role
from veilignet.core.access import allow
from veilignet.monitoring import exports, report, tables
from veilignet.monitoring.forms import FilterForm, default_period
from veilignet.monitoring.indicators import BREAKDOWNS, REGISTRY
from veilignet.monitoring.periods import Period
from veilignet.monitoring.suppression import threshold

MONITORING_ROLES = (Role.POLICY_OFFICER, Role.BOARD_MEMBER, Role.DIRECTOR, Role.TEAM_LEAD)
monitoring_roles = allow(*MONITORING_ROLES)


def _region(request):
    """The region of the user's organisation: the only one she sees figures of."""
    if request.user.organisation is None:
        raise PermissionDenied
    return request.user.organisation.region


def _selection(request):
    """The filter form and the selection it stands for (defaults where input is bad)."""
    region = _region(request)
    form = FilterForm(region, request.GET)
    data = form.cleaned_data if form.is_valid() else {}
    selection = tables.Selection(
        region=region,
        period=Period.parse(data["period"]) if data.get("period") else default_period(),
        municipality=data.get("municipality"),
        violence_form=data.get("violence_form", ""),
        indicator=data.get("indicator") or "reports_per_10k",
    )
    return form, selection


def _page(request, template, selection, form, tables_, **extra):
    context = {
        "form": form,
        "selection": selection,
        "tables": tables_,
        "query": request.GET.urlencode(),
        "threshold": threshold(),
        **extra,
    }
    return render(request, template, context)


@monitoring_roles
def overview(request):
    form, selection = _selection(request)
    found = [tables.build(k, selection) for k in ("overview", *BREAKDOWNS)]
    return _page(
        request,
        "monitoring/overview.html",
        selection,
        form,
        found,
        definitions=REGISTRY.values(),
    )


@monitoring_roles
def comparison(request):
    form, selection = _selection(request)
    found = [tables.build("comparison", selection)]
    indicator = REGISTRY[selection.indicator]
    return _page(request, "monitoring/comparison.html", selection, form, found, indicator=indicator)


@monitoring_roles
def trends(request):
    form, selection = _selection(request)
    found = [tables.build("trends", selection)]
    indicator = REGISTRY[selection.indicator]
    return _page(request, "monitoring/trends.html", selection, form, found, indicator=indicator)


@monitoring_roles
def export(request, key, fmt):
    """A dashboard table as CSV or XLSX, with the page's filters."""
    if fmt not in exports.CONTENT_TYPES or (key not in tables.TABLES and key not in BREAKDOWNS):
        raise Http404
    _form, selection = _selection(request)
    table = tables.build(key, selection)
    body = exports.to_csv(table) if fmt == "csv" else exports.to_xlsx(table)
    response = HttpResponse(body, content_type=exports.CONTENT_TYPES[fmt])
    filename = f"veilignet-{key}-{selection.period}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@monitoring_roles
def half_year_report(request):
    """The half-year report (PDF) for the user's region; `period` like 2025-H1."""
    try:
        period = Period.parse(request.GET.get("period", ""))
    except ValueError:
        period = Period.containing(deadlines.today(), "H").shifted(-1)
    period = Period.containing(period.first_day, "H")
    region = _region(request)
    response = HttpResponse(report.half_year_report(region, period), content_type="application/pdf")
    filename = _("half-year-report") + f"-{region.slug}-{period}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response

"""The auditor's search of the audit trail by person, user and period."""

import datetime

from django.shortcuts import render
from django.utils import timezone

from veilignet.accounts.models import Role
from veilignet.audit import events
from veilignet.audit.forms import AuditSearchForm
from veilignet.audit.models import AuditEntry
from veilignet.core.access import allow
from veilignet.core.pagination import paginate
from veilignet.people.models import Person


def _day_start(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


@allow(Role.AUDITOR)
def search(request):
    """Filter the trail; every search is itself recorded."""
    form = AuditSearchForm(request.GET or None)
    entries = AuditEntry.objects.order_by("-timestamp", "-pk")
    if form.is_valid():
        data = form.cleaned_data
        if data["person"]:
            entries = entries.filter(person_id=data["person"])
        if data["bsn"]:
            entries = entries.filter(person__in=Person.objects.filter(bsn=data["bsn"]))
        if data["username"]:
            entries = entries.filter(username=data["username"])
        if data["start"]:
            entries = entries.filter(timestamp__gte=_day_start(data["start"]))
        if data["end"]:
            entries = entries.filter(
                timestamp__lt=_day_start(data["end"] + datetime.timedelta(days=1))
            )
        events.audit_trail_searched(request.user, data)
    elif form.is_bound:
        entries = entries.none()
    page = paginate(request, entries)
    return render(request, "audit/search.html", {"form": form, "page": page})

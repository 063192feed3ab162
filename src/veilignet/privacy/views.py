"""Privacy pages: emergency access and its review, a person's rights (access export,
rectification, restriction) and the retention runs. Every page is audited."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from veilignet.accounts.models import Role
from veilignet.audit import events
from veilignet.cases.models import Case
from veilignet.core.access import allow, visible_or_404
from veilignet.core.pagination import paginate
from veilignet.people.forms import PERSON_FIELDS
from veilignet.privacy import export, forms, services
from veilignet.privacy.models import EmergencyAccess, Rectification, Restriction, RetentionRun

emergency_roles = allow(*services.EMERGENCY_ROLES)
privacy_officers = allow(Role.PRIVACY_OFFICER)


@emergency_roles
def emergency_open(request):
    """Break the glass: open a case of one's region that one is not a member of."""
    if not services.may_use_emergency_access(request.user):
        raise PermissionDenied
    form = forms.EmergencyAccessForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        region_id = request.user.organisation.region_id
        case = (
            Case.objects.filter(household__municipality__region_id=region_id)
            .select_related("household__municipality")
            .filter(pk=form.cleaned_data["case"])
            .first()
        )
        if case is None:
            form.add_error("case", _("There is no case with this reference in your region."))
        else:
            try:
                services.grant_emergency_access(request.user, case, form.cleaned_data["reason"])
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return redirect("cases:case_detail", pk=case.pk)
    hours = settings.VEILIGNET_EMERGENCY_ACCESS_HOURS
    return render(request, "privacy/emergency_open.html", {"form": form, "hours": hours})


@privacy_officers
def emergency_review_list(request):
    """Emergency accesses by staff of the officer's organisation; unreviewed ones until
    each is reviewed (all of them with ?all=1)."""
    grants = EmergencyAccess.objects.for_reviewer(request.user).select_related(
        "case", "user", "organisation", "reviewed_by"
    )
    show_all = request.GET.get("all") == "1"
    if not show_all:
        grants = grants.unreviewed()
    page = paginate(request, grants.order_by("reviewed_at", "-granted_at", "-pk"))
    events.emergency_access_list_viewed(request.user)
    return render(
        request,
        "privacy/emergency_review_list.html",
        {"page": page, "show_all": show_all, "form": forms.ReviewForm()},
    )


@privacy_officers
@require_POST
def emergency_review(request, pk):
    grant = visible_or_404(request, EmergencyAccess.objects.for_reviewer(request.user), pk)
    form = forms.ReviewForm(request.POST)
    if form.is_valid():
        try:
            services.review_emergency_access(request.user, grant, form.cleaned_data["note"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Review recorded."))
    else:
        messages.error(request, _("Write down what you concluded."))
    return redirect("privacy:emergency_review_list")


@privacy_officers
def person_search(request):
    """Find the person of an access request (POST, so no personal data in the URL)."""
    form = forms.PersonSearchForm(request.POST or None)
    results = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        results = export.persons_in_scope(request.user)
        if data["bsn"]:
            results = results.filter(bsn=data["bsn"])
        if data["last_name"]:
            results = results.filter(last_name__iexact=data["last_name"].strip())
        if data["date_of_birth"]:
            results = results.filter(date_of_birth=data["date_of_birth"])
        results = list(results.order_by("last_name", "first_name", "pk")[:50])
        events.privacy_person_searched(request.user, [k for k, v in data.items() if v])
    return render(request, "privacy/person_search.html", {"form": form, "results": results})


def _person(request, pk):
    return visible_or_404(request, export.persons_in_scope(request.user), pk)


@privacy_officers
def person_rights(request, pk):
    person = _person(request, pk)
    events.privacy_person_viewed(request.user, person)
    context = {
        "person": person,
        "restriction": Restriction.objects.active().filter(person=person).first(),
        "rectifications": Rectification.objects.filter(person=person).select_related("recorded_by"),
        "restriction_form": forms.RestrictionForm(),
    }
    return render(request, "privacy/person_rights.html", context)


def _download(content, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@privacy_officers
def export_json(request, pk):
    person = _person(request, pk)
    data = export.subject_access_data(person)
    events.subject_access_exported(request.user, person, "json")
    return _download(export.as_json(data), "application/json", f"inzage-persoon-{person.pk}.json")


@privacy_officers
def export_pdf(request, pk):
    person = _person(request, pk)
    data = export.subject_access_data(person)
    events.subject_access_exported(request.user, person, "pdf")
    title = _("Subject access export, person %(id)s") % {"id": person.pk}
    return _download(
        export.as_pdf(data, title), "application/pdf", f"inzage-persoon-{person.pk}.pdf"
    )


@privacy_officers
def rectify(request, pk):
    person = _person(request, pk)
    form = forms.RectificationForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in PERSON_FIELDS}
        person.refresh_from_db()
        try:
            services.rectify_person(
                request.user, person, form.cleaned_data["request_note"], **changes
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Rectification recorded."))
            return redirect("privacy:person_rights", pk=person.pk)
    return render(request, "privacy/rectify.html", {"form": form, "person": person})


@privacy_officers
@require_POST
def restrict(request, pk):
    person = _person(request, pk)
    form = forms.RestrictionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a reason for the restriction."))
    else:
        try:
            services.restrict_processing(request.user, person, form.cleaned_data["reason"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Processing is restricted."))
    return redirect("privacy:person_rights", pk=person.pk)


@privacy_officers
@require_POST
def lift(request, pk):
    person = _person(request, pk)
    try:
        services.lift_restriction(request.user, person)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The restriction is lifted."))
    return redirect("privacy:person_rights", pk=person.pk)


@allow(Role.PRIVACY_OFFICER, Role.FUNCTIONAL_ADMIN)
def retention_runs(request):
    """What each run of the retention job removed (counts only)."""
    page = paginate(request, RetentionRun.objects.all())
    return render(request, "privacy/retention_runs.html", {"page": page})

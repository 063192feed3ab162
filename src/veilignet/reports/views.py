"""The Veilig Thuis front door: worklist, intake, triage, decision and feedback.

Every page reads through Report.objects.for_user and writes the audit trail; every
change goes through reports.services.
"""

from django.contrib import messages
from django.core.cache import caches
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.cache import patch_vary_headers
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from veilignet import deadlines
from veilignet.accounts.models import HOUSEHOLD_ROLES, OrganisationType, User
from veilignet.audit import events
from veilignet.core.access import allow, visible_or_404
from veilignet.core.compiled import CompiledQuery, counted
from veilignet.core.expressions import Joined
from veilignet.core.pagination import LazyRows, paginate
from veilignet.core.references import reference_number
from veilignet.people.matching import name_key
from veilignet.reports import services
from veilignet.reports.forms import (
    AssessmentForm,
    CloseForm,
    DecisionForm,
    FeedbackForm,
    IntakeForm,
    ReportedPersonFormSet,
    WorklistFilterForm,
)
from veilignet.reports.models import (
    CURRENT_DEADLINE,
    OPEN_STATUSES,
    Kind,
    Report,
    ReportPerson,
    ReportViolence,
    Status,
    ViolenceForm,
)
from veilignet.reports.templatetags.assignment import colleague_options

handlers = allow(*HOUSEHOLD_ROLES)

FILTERS_CACHE_SECONDS = 60

# Badge class and label per deadline status.
DEADLINE_BADGES = {
    deadlines.DeadlineStatus.ON_TIME: "safe",
    deadlines.DeadlineStatus.DUE_SOON: "warning",
    deadlines.DeadlineStatus.OVERDUE: "danger",
}


def _colleagues(user):
    """Who can be assigned: case workers and team leads of the user's organisation."""
    return list(
        User.objects.filter(
            organisation_id=user.organisation_id, role__in=HOUSEHOLD_ROLES, is_active=True
        ).order_by("first_name", "last_name", "pk")
    )


def _visible_report(request, pk):
    reports = Report.objects.for_user(request.user).select_related(
        "municipality", "assigned_to", "household"
    )
    return visible_or_404(request, reports, pk)


def _with_deadline_status(reports):
    """Attach the running deadline's status (on time / due soon / overdue) to each row."""
    today = deadlines.today()
    for report in reports:
        deadline = report.current_deadline
        report.deadline_status = deadlines.deadline_status(deadline, today) if deadline else None
        report.deadline_badge = DEADLINE_BADGES.get(report.deadline_status, "neutral")
    return reports


# The columns a worklist row shows (reports.templatetags.worklist), read as tuples: a
# report row is some 40 columns and an account's a dozen more, and building Report,
# Municipality and User instances took two fifths of reading a page of 25 rows
# (docs/benchmarks.md, ninth session).
ROW_COLUMNS = (
    "pk",
    "kind",
    "received_at",
    "status",
    "is_re_report",
    "triage_deadline",
    "completion_deadline",
    "municipality__name",
    "assigned_to_id",
    "assigned_to__username",
    "assigned_to__first_name",
    "assigned_to__last_name",
    "violence_forms",
)


# A row's forms of violence ("form,form"), read with the row rather than by a query of
# their own per page.
VIOLENCE_FORMS = Subquery(
    ReportViolence.objects.filter(report=OuterRef("pk"))
    .order_by()
    .values("report")
    .annotate(forms=Joined("form"))
    .values("forms")
)


def _worklist_rows(queryset):
    """The ROW_COLUMNS of the reports of `queryset`, as tuples."""
    return queryset.annotate(violence_forms=VIOLENCE_FORMS).values_list(*ROW_COLUMNS)


class WorklistRow:
    """A worklist row: what it shows of a report, from a tuple of ROW_COLUMNS and the
    labels `_with_row_labels` adds. Where it reads as the report, it is the model's code:
    `reference` and `current_deadline` are Report's properties, and `_meta` is Report's
    (the audit entry of a listed row names the report)."""

    __slots__ = (
        "assigned_to",
        "assigned_to_id",
        "completion_deadline",
        "deadline_badge",
        "deadline_status",
        "is_re_report",
        "kind",
        "kind_label",
        "municipality",
        "pk",
        "received_at",
        "status",
        "status_label",
        "triage_deadline",
        "violence_forms",
        "violence_labels",
    )
    _meta = Report._meta
    reference = Report.reference
    current_deadline = Report.current_deadline

    def __init__(self, values, assignees):
        (
            self.pk,
            self.kind,
            self.received_at,
            self.status,
            self.is_re_report,
            self.triage_deadline,
            self.completion_deadline,
            self.municipality,
            self.assigned_to_id,
            username,
            first_name,
            last_name,
            self.violence_forms,
        ) = values
        if self.assigned_to_id is None:
            self.assigned_to = None
        elif self.assigned_to_id in assignees:
            self.assigned_to = assignees[self.assigned_to_id]
        else:  # her name as the account shows it (User.__str__)
            name = str(User(username=username, first_name=first_name, last_name=last_name))
            self.assigned_to = assignees[self.assigned_to_id] = name


def _with_row_labels(rows):
    """WorklistRows of the tuples `rows`, with the deadline status and the kind, status
    and violence labels, each label translated once per page; the forms of violence in
    the order of their values."""
    kinds, statuses, forms = (
        {value: str(label) for value, label in choices.choices}
        for choices in (Kind, Status, ViolenceForm)
    )
    assignees = {}
    reports = _with_deadline_status([WorklistRow(values, assignees) for values in rows])
    for report in reports:
        report.kind_label = kinds[report.kind]
        report.status_label = statuses[report.status]
        values = sorted(report.violence_forms.split(",")) if report.violence_forms else ()
        report.violence_labels = ", ".join(forms[value] for value in values)
    return reports


def _filter_form(user, data=None):
    return WorklistFilterForm(
        data,
        region=user.organisation.region_id if user.organisation else None,
        colleagues=_colleagues(user),
        statuses=[(s.value, s.label) for s in Status],
    )


def _filter_fields(form):
    return render_to_string("reports/_filters.html", {"form": form})


def _unfiltered_fields(user):
    """The empty filter form's fields, rendered at most once a minute per organisation,
    language and app process for all its users (the process's own cache, no query): the
    same for every colleague, and hundreds of options at a large Veilig Thuis. A renamed
    or new colleague shows within a minute."""
    key = f"reports:worklist-filters:{user.organisation_id}:{get_language()}"
    html = caches["local"].get_or_set(
        key, lambda: _filter_fields(_filter_form(user)), FILTERS_CACHE_SECONDS
    )
    return mark_safe(html)  # noqa: S308 (our own rendering, kept server-side)


def _worklist_reports(user, data):
    """The worklist's reports for the filter values `data` (none: the open items), the
    nearest deadline first."""
    reports = Report.objects.for_user(user)
    status = data.get("status")
    if status == "feedback":
        reports = reports.filter(feedback_due=True)
    elif status:
        reports = reports.filter(status=status)
    else:
        reports = reports.filter(status__in=OPEN_STATUSES)
    if data.get("kind"):
        reports = reports.filter(kind=data["kind"])
    if data.get("municipality"):
        reports = reports.filter(municipality=data["municipality"])
    if data.get("violence"):
        reports = reports.filter(
            Exists(ReportViolence.objects.filter(report=OuterRef("pk"), form=data["violence"]))
        )
    assignee = data.get("assignee")
    if assignee == "me":
        reports = reports.filter(assigned_to=user)
    elif assignee == "none":
        reports = reports.filter(assigned_to__isnull=True)
    elif assignee:
        reports = reports.filter(assigned_to_id=int(assignee))
    query = (data.get("q") or "").strip()
    if query:
        reference = reference_number(query, "VT-")
        match = Q(
            Exists(
                ReportPerson.objects.filter(
                    report=OuterRef("pk"), last_name_key__startswith=name_key(query)
                )
            )
        )
        if reference is not None:
            match |= Q(pk=reference)
        reports = reports.filter(match)
    return reports.annotate(due=CURRENT_DEADLINE).order_by(
        F("due").asc(nulls_last=True), "received_at", "pk"
    )


# The worklist without filters, as nearly every visit shows it: its pages, its count and
# the feedback count by compiled queries (core.compiled), the same SQL as the ORM's.
_open_items = CompiledQuery(lambda user: _worklist_rows(_worklist_reports(user, {})))
_open_count = CompiledQuery(lambda user: counted(_worklist_reports(user, {})))
_feedback_count = CompiledQuery(
    lambda user: counted(Report.objects.for_user(user).filter(feedback_due=True))
)


@handlers
def worklist(request):
    """Open items of the user's organisation, the nearest deadline first."""
    user = request.user
    filtered = any(name in request.GET for name in WorklistFilterForm.base_fields)
    # Pages of rows, counted without the rows' joins.
    if filtered:
        form = _filter_form(user, request.GET)
        reports = _worklist_reports(user, form.cleaned_data if form.is_valid() else {})
        items = LazyRows(lambda rows: _worklist_rows(reports)[rows], reports.count)
    else:
        items = LazyRows(lambda rows: _open_items(user, rows=rows), lambda: sum(_open_count(user)))
    page = paginate(request, items)
    page.object_list = _with_row_labels(page.object_list)
    events.report_list_viewed(user, page.object_list, events.purpose_of(user))
    feedback_outstanding = sum(_feedback_count(user))
    return render(
        request,
        "reports/worklist.html",
        {
            "page": page,
            "filters": _filter_fields(form) if filtered else _unfiltered_fields(user),
            "filtered": filtered and form.has_changed(),
            "feedback_outstanding": feedback_outstanding,
            "can_register": _can_register(user),
        },
    )


def _can_register(user):
    return user.organisation is not None and user.organisation.type == OrganisationType.VEILIG_THUIS


@handlers
@require_http_methods(["GET", "POST"])
def assign(request, pk):
    """GET: the assign form, for htmx the fragment a worklist row opens in place.
    POST: one click: assign to me, to a colleague or to nobody; htmx gets the new row."""
    report = _visible_report(request, pk)
    colleagues = {str(c.pk): c for c in _colleagues(request.user)}
    if request.method == "GET":
        template = "reports/_assign.html" if request.htmx else "reports/assign.html"
        context = {"report": report, "colleague_options": colleague_options(colleagues.values())}
        response = render(request, template, context)
        patch_vary_headers(response, ["HX-Request"])  # one URL, a fragment or a page
        return response
    choice = request.POST.get("assignee", "")
    if choice == "me":
        assignee = request.user
    elif choice in colleagues:
        assignee = colleagues[choice]
    elif choice == "":
        assignee = None
    else:
        raise PermissionDenied
    services.assign(request.user, report, assignee)
    if request.htmx:
        rows = _with_row_labels([_worklist_rows(Report.objects.filter(pk=report.pk)).get()])
        return render(request, "reports/_worklist_rows.html", {"rows": rows})
    messages.success(request, _("The assignment has been saved."))
    if request.POST.get("next") == "detail":
        return redirect(report)
    return redirect("reports:worklist")


@handlers
def create(request):
    """Register an advice request or a report; anonymous reporters and no BSN are fine."""
    user = request.user
    if not _can_register(user):
        raise PermissionDenied
    initial = {"kind": request.GET.get("kind", Kind.REPORT)}
    form = IntakeForm(request.POST or None, region=user.organisation.region_id, initial=initial)
    persons = ReportedPersonFormSet(request.POST or None, prefix="persons")
    if request.method == "POST" and form.is_valid() and persons.is_valid():
        report = services.register(
            user,
            handling_organisation=user.organisation,
            persons=persons.persons(),
            **form.service_kwargs(),
        )
        messages.success(request, _("Registered as %(ref)s.") % {"ref": report.reference})
        return redirect(report)
    return render(request, "reports/report_form.html", {"form": form, "persons": persons})


@handlers
def detail(request, pk):
    """Everything about one report, its history and the next step."""
    report = _visible_report(request, pk)
    reported = list(report.persons.select_related("person"))
    candidates = []
    if report.kind == Kind.REPORT and not report.household_id and report.is_open:
        candidates = services.find_candidates(report)
        if candidates:
            events.report_match_candidates_viewed(
                request.user, report, [c.household for c in candidates]
            )
    events.report_viewed(
        request.user,
        report,
        [r.person for r in reported if r.person],
        events.purpose_of(request.user),
    )
    assessments = list(report.assessments.select_related("assessed_by", "confirmed_by"))
    latest = assessments[-1] if assessments else None
    decision = getattr(report, "decision", None)
    _with_deadline_status([report])
    context = {
        "report": report,
        "reported": reported,
        "violence": list(report.violence.all()),
        "history": report.status_changes.select_related("changed_by"),
        "assessments": assessments,
        "latest": latest,
        "can_confirm": latest is not None
        and not latest.is_confirmed
        and latest.assessed_by_id != request.user.pk,
        "decision": decision,
        "feedback": list(report.feedback.select_related("recorded_by")),
        "candidates": candidates,
        "converted_from": report.converted_from,
        "converted_into": Report.objects.filter(converted_from=report).first(),
        "colleague_options": colleague_options(_colleagues(request.user)),
        "in_triage": report.kind == Kind.REPORT
        and report.status in (Status.REGISTERED, Status.IN_TRIAGE),
    }
    return render(request, "reports/report_detail.html", context)


def _refuse(request, error, report):
    """Show a rule the service refused as a message on the report page."""
    for message in error.messages:
        messages.error(request, message)
    return redirect(report)


@handlers
@require_POST
def link(request, pk):
    """Link the report to one of its candidate households (the worker decides)."""
    report = _visible_report(request, pk)
    candidates = {str(c.household.pk): c.household for c in services.find_candidates(report)}
    household = candidates.get(request.POST.get("household", ""))
    if household is None:
        raise Http404
    try:
        services.link_household(request.user, report, household)
    except ValidationError as error:
        return _refuse(request, error, report)
    messages.success(request, _("Linked to %(ref)s: a re-report.") % {"ref": household.reference})
    return redirect(report)


@handlers
@require_POST
def link_new(request, pk):
    """Register a new household for the report's persons."""
    report = _visible_report(request, pk)
    try:
        services.link_new_household(request.user, report)
    except ValidationError as error:
        return _refuse(request, error, report)
    messages.success(request, _("A new household has been registered for this report."))
    return redirect(report)


def _step(request, pk, form_class, action, *, title, submit, success):
    """A page with one form that performs one service action on the report."""
    report = _visible_report(request, pk)
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            action(request.user, report, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, success)
            return redirect(report)
    context = {"form": form, "report": report, "title": title, "submit": submit}
    return render(request, "reports/step_form.html", context)


@handlers
def assessment_create(request, pk):
    return _step(
        request,
        pk,
        AssessmentForm,
        services.record_assessment,
        title=_("Safety assessment"),
        submit=_("Record assessment"),
        success=_("The safety assessment has been recorded. A colleague must confirm it."),
    )


@handlers
def decide(request, pk):
    return _step(
        request,
        pk,
        DecisionForm,
        services.decide,
        title=_("Triage decision"),
        submit=_("Record decision"),
        success=_("The triage decision has been recorded."),
    )


@handlers
def feedback(request, pk):
    return _step(
        request,
        pk,
        FeedbackForm,
        services.record_feedback,
        title=_("Feedback to the reporter"),
        submit=_("Record feedback"),
        success=_("The feedback to the reporter has been recorded."),
    )


@handlers
def close(request, pk):
    return _step(
        request,
        pk,
        CloseForm,
        services.close,
        title=_("Close"),
        submit=_("Close"),
        success=_("Closed."),
    )


@handlers
@require_POST
def assessment_confirm(request, pk, assessment_pk):
    """The second professional confirms the latest safety assessment (four eyes)."""
    report = _visible_report(request, pk)
    assessment = report.assessments.filter(pk=assessment_pk).first()
    if assessment is None:
        raise Http404
    try:
        services.confirm_assessment(request.user, assessment)
    except ValidationError as error:
        return _refuse(request, error, report)
    messages.success(request, _("You have confirmed the safety assessment."))
    return redirect(report)


@handlers
def convert(request, pk):
    """Convert an advice request into a report, after confirmation."""
    report = _visible_report(request, pk)
    if request.method == "POST":
        try:
            new = services.convert_to_report(request.user, report)
        except ValidationError as error:
            return _refuse(request, error, report)
        messages.success(request, _("Converted into report %(ref)s.") % {"ref": new.reference})
        return redirect(new)
    return render(request, "reports/convert_confirm.html", {"report": report})

"""Case pages: every query goes through for_user, every page with personal data is
audited, every change goes through services. Non-members get a 404 and an audit entry."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from veilignet.accounts.models import HOUSEHOLD_ROLES, OrganisationType, Role
from veilignet.audit import events
from veilignet.cases import forms, services
from veilignet.cases.models import (
    Case,
    CaseEvent,
    CaseMember,
    CaseOrigin,
    CaseReportLink,
    CaseRole,
    CauseAnalysis,
    DeployedHelp,
    Escalation,
    EscalationLevel,
    EscalationStatus,
    FollowUpCheck,
    Handover,
    HandoverStatus,
    Notification,
    Phase,
    PhaseChange,
    RecoveryGoal,
    SafetyAssessment,
    SafetyPlanVersion,
)
from veilignet.cases.plans import plan_diff, plan_lines
from veilignet.core.access import allow, not_visible, visible_or_404
from veilignet.core.compiled import CompiledQuery
from veilignet.core.form_page import form_page
from veilignet.core.pagination import paginate
from veilignet.core.references import reference_number
from veilignet.core.relations import relations_with_rows, with_row_flags
from veilignet.people.models import HouseholdMember

case_roles = allow(*HOUSEHOLD_ROLES)
task_roles = allow(Role.CASE_WORKER, Role.TEAM_LEAD, Role.DIRECTOR)


@CompiledQuery
def _visible_cases(user, pk, now):
    """The case `pk` if `user` may open it at `now`: compiled once, as every case page
    starts with it."""
    visible = Case.objects.for_user(user, at=now).filter(pk=pk)
    return visible.select_related("household__municipality")


def _visible_case(request, pk, query=_visible_cases):
    found = query(request.user, pk, timezone.now())
    return found[0] if found else not_visible(request, Case, pk)


@CompiledQuery
def _members(household_id):
    """The household's members shown in normal views: persons under a restriction of
    processing are left out. In "pk" order, their model's order within one household,
    without joining the household to sort by it."""
    members = HouseholdMember.objects.filter(household_id=household_id).unrestricted()
    return members.select_related("person").order_by("pk")


@CompiledQuery
def _team(case_id):
    """The case's members, present and past, with their accounts and organisations."""
    members = CaseMember.objects.filter(case_id=case_id).select_related("user", "organisation")
    return members.order_by("left_at", "joined_at")


@case_roles
def case_list(request):
    """The cases this user may open, searchable by case or household reference."""
    visible = Case.objects.for_user(request.user)
    cases = visible.select_related("household__municipality").prefetch_related(
        Prefetch(
            "members",
            queryset=CaseMember.objects.active()
            .filter(case_role=CaseRole.COORDINATOR)
            .select_related("user", "organisation"),
            to_attr="coordinators",
        )
    )
    query = request.GET.get("q", "").strip()
    if query:
        number = reference_number(query, "CA-", "HH-")
        cases = (
            cases.filter(Q(pk=number) | Q(household_id=number))
            if number is not None
            else cases.none()
        )
    phase = request.GET.get("phase", "")
    if phase in Phase.values:
        cases = cases.filter(phase=phase)
    counts = dict(visible.values_list("phase").annotate(n=Count("pk")).values_list("phase", "n"))
    page = paginate(request, cases)
    events.case_list_viewed(request.user, page.object_list, events.purpose_of(request.user))
    phases = [(p.value, p.label, counts.get(p.value, 0)) for p in Phase]
    return render(
        request,
        "cases/case_list.html",
        {
            "page": page,
            "query": query,
            "phase": phase,
            "phases": phases,
            "can_open": _is_local_team(request.user),
        },
    )


def _is_local_team(user):
    return user.organisation is not None and user.organisation.type == OrganisationType.LOCAL_TEAM


@case_roles
def case_open(request):
    """A local team opens a case directly on its own signals."""
    if not _is_local_team(request.user):
        raise PermissionDenied
    form = forms.OpenCaseForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            case = services.open_case(
                request.user, form.cleaned_data["household"], CaseOrigin.OWN_SIGNALS
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("cases:case_detail", pk=case.pk)
    return render(request, "cases/case_open.html", {"form": form})


# The case page's optional sections: context name -> (relation of the case, the rows to
# show by case id, compiled once). Most cases have rows in a few of them. Rows of one case
# in the order of their model ("case", "pk") are in "pk" order: said so, the query need
# not join the case to sort by its ordering.
SECTIONS = {
    "assessment": (  # the latest only
        "assessments",
        CompiledQuery(
            lambda case_id: SafetyAssessment.objects.filter(case_id=case_id).select_related(
                "assessed_by"
            )[:1]
        ),
    ),
    "phase_changes": (
        "phase_changes",
        CompiledQuery(
            lambda case_id: PhaseChange.objects.filter(case_id=case_id).select_related(
                "assessment", "changed_by"
            )[:10]
        ),
    ),
    "causes": (
        "causes",
        CompiledQuery(
            lambda case_id: (
                CauseAnalysis.objects.filter(case_id=case_id)
                .select_related("person")
                .order_by("pk")
            )
        ),
    ),
    "goals": (
        "goals",
        CompiledQuery(lambda case_id: RecoveryGoal.objects.filter(case_id=case_id).order_by("pk")),
    ),
    "help": (
        "help",
        CompiledQuery(
            lambda case_id: (
                DeployedHelp.objects.filter(case_id=case_id).select_related("person").order_by("pk")
            )
        ),
    ),
    "handovers": (
        "handovers",
        CompiledQuery(
            lambda case_id: Handover.objects.filter(case_id=case_id).select_related(
                "to_organisation"
            )[:5]
        ),
    ),
    "escalations": (
        "escalations",
        CompiledQuery(
            lambda case_id: Escalation.objects.filter(case_id=case_id, status=EscalationStatus.OPEN)
        ),
    ),
    "checks": (
        "follow_up_checks",
        CompiledQuery(
            lambda case_id: FollowUpCheck.objects.filter(case_id=case_id).select_related(
                "organisation", "assessment"
            )
        ),
    ),
    # Only the reports' references (their ids) are shown.
    "report_links": (
        "report_links",
        CompiledQuery(
            lambda case_id: (
                CaseReportLink.objects.filter(case_id=case_id)
                .select_related("report")
                .only("linked_at", "report__id")
            )
        ),
    ),
}


SECTION_RELATIONS = [relation for relation, _rows in SECTIONS.values()]


@CompiledQuery
def _case_pages(user, pk, now):
    """The visible case `pk` with, per optional section, whether it has rows."""
    return with_row_flags(_visible_cases.build(user, pk, now), SECTION_RELATIONS)


def _sections(case):
    """The optional sections of the case page: the case's query found the relations with
    rows, and only those are read (docs/benchmarks.md, "Instructions per request")."""
    found = relations_with_rows(case, SECTION_RELATIONS)
    sections = {
        name: rows(case.pk) if relation in found else []
        for name, (relation, rows) in SECTIONS.items()
    }
    sections["assessment"] = next(iter(sections["assessment"]), None)
    return sections


@case_roles
def case_detail(request, pk):
    """The case on one page: household, members, phase, plan, recovery plan, handovers,
    escalations and follow-up; the timeline has its own page."""
    case = _visible_case(request, pk, _case_pages)
    members = _members(case.household_id)
    team = _team(case.pk)
    coordinator = next(
        (m for m in team if m.case_role == CaseRole.COORDINATOR and m.left_at is None), None
    )
    plan = services.current_plan(case.household)
    events.case_viewed(
        request.user, case, [m.person for m in members], events.purpose_of(request.user)
    )
    context = {
        "case": case,
        "members": members,
        "team": team,
        "coordinator": coordinator,
        "is_coordinator": coordinator is not None and coordinator.user_id == request.user.pk,
        "is_member": any(m.user_id == request.user.pk and m.left_at is None for m in team),
        "plan": plan,
        **_sections(case),
    }
    return render(request, "cases/case_detail.html", context)


@case_roles
def case_timeline(request, pk):
    case = _visible_case(request, pk)
    page = paginate(request, CaseEvent.objects.filter(case=case).select_related("actor"))
    events.case_viewed(request.user, case, [], events.purpose_of(request.user), "timeline")
    return render(request, "cases/case_timeline.html", {"case": case, "page": page})


def _form_page(request, case, form, action, title, submit, section, danger=False):
    """The shared form page (`core.form_page.form_page`) on a case: back to the case, and
    the case is audited as viewed (`section`) when the form is shown."""

    def audit():
        events.case_viewed(request.user, case, [], events.purpose_of(request.user), section)

    back = reverse("cases:case_detail", args=[case.pk])
    context = {"case": case, "title": title, "submit": submit}
    return form_page(
        request, form, action, back, "cases/case_form.html", context, danger=danger, on_show=audit
    )


@case_roles
def member_add(request, pk):
    case = _visible_case(request, pk)
    form = forms.MemberForm(request.POST or None, region=request.user.organisation.region)
    return _form_page(
        request,
        case,
        form,
        lambda d: services.add_member(request.user, case, d["user"], d["case_role"]),
        gettext_lazy("Add a partner to the case"),
        gettext_lazy("Add"),
        "member_add",
    )


@case_roles
def member_leave(request, pk):
    member = get_object_or_404(CaseMember.objects.active(), pk=pk)
    case = _visible_case(request, member.case_id)
    form = forms.LeaveForm(request.POST or None)
    return _form_page(
        request,
        case,
        form,
        lambda d: services.leave_case(request.user, member, d["reason"]),
        _("%(name)s leaves the case") % {"name": member.user},
        gettext_lazy("Leave the case"),
        "member_leave",
        danger=True,
    )


@case_roles
def phase_change(request, pk):
    case = _visible_case(request, pk)
    form = forms.PhaseForm(request.POST or None, case=case)
    return _form_page(
        request,
        case,
        form,
        lambda d: services.change_phase(
            request.user, case, d["to_phase"], d["judgement"], d["rationale"], d["reason"]
        ),
        gettext_lazy("Change phase"),
        gettext_lazy("Change phase"),
        "phase_change",
    )


@case_roles
def assessment_add(request, pk):
    case = _visible_case(request, pk)
    form = forms.AssessmentForm(request.POST or None)
    return _form_page(
        request,
        case,
        form,
        lambda d: services.record_assessment(request.user, case, d["judgement"], d["rationale"]),
        gettext_lazy("Record a safety assessment"),
        gettext_lazy("Save"),
        "assessment_add",
    )


@case_roles
def incident_add(request, pk):
    case = _visible_case(request, pk)
    form = forms.IncidentForm(request.POST or None)
    return _form_page(
        request,
        case,
        form,
        lambda d: services.record_incident(
            request.user, case, d["description"], d["judgement"], d["rationale"]
        ),
        gettext_lazy("Record a new incident"),
        gettext_lazy("Save"),
        "incident_add",
    )


@case_roles
def note_add(request, pk):
    case = _visible_case(request, pk)
    form = forms.NoteForm(request.POST or None)
    return _form_page(
        request,
        case,
        form,
        lambda d: services.add_note(request.user, case, d["text"]),
        gettext_lazy("Add a note"),
        gettext_lazy("Save"),
        "note_add",
    )


@case_roles
def cause_add(request, pk):
    case = _visible_case(request, pk)
    form = forms.CauseForm(request.POST or None, household=case.household)
    return _form_page(
        request,
        case,
        form,
        lambda d: services.add_cause(request.user, case, d["person"], d["causes"]),
        gettext_lazy("Causes of unsafety"),
        gettext_lazy("Save"),
        "cause_add",
    )


@case_roles
def goal_add(request, pk):
    case = _visible_case(request, pk)
    form = forms.GoalForm(request.POST or None)
    return _form_page(
        request,
        case,
        form,
        lambda d: services.add_goal(request.user, case, d["description"]),
        gettext_lazy("Add a goal"),
        gettext_lazy("Save"),
        "goal_add",
    )


@case_roles
def help_add(request, pk):
    case = _visible_case(request, pk)
    form = forms.HelpForm(request.POST or None, household=case.household)
    return _form_page(
        request,
        case,
        form,
        lambda d: services.add_help(request.user, case, **d),
        gettext_lazy("Deploy help"),
        gettext_lazy("Save"),
        "help_add",
    )


@case_roles
def help_status(request, pk):
    help_ = get_object_or_404(DeployedHelp, pk=pk)
    case = _visible_case(request, help_.case_id)
    form = forms.HelpStatusForm(request.POST or None, help_=help_)
    return _form_page(
        request,
        case,
        form,
        lambda d: services.change_help_status(request.user, help_, d["status"]),
        _("Status of %(help)s") % {"help": help_.get_kind_display()},
        gettext_lazy("Save"),
        "help_status",
    )


@case_roles
def case_close(request, pk):
    case = _visible_case(request, pk)
    form = forms.CloseForm(request.POST or None)
    return _form_page(
        request,
        case,
        form,
        lambda d: services.close_case(
            request.user, case, d["reason"], d["judgement"], d["rationale"], d["follow_up_months"]
        ),
        gettext_lazy("Close the case"),
        gettext_lazy("Close the case"),
        "case_close",
        danger=True,
    )


@case_roles
def escalation_add(request, pk):
    case = _visible_case(request, pk)
    form = forms.EscalationForm(request.POST or None)
    return _form_page(
        request,
        case,
        form,
        lambda d: services.escalate(
            request.user, case, d["reason"], d["help_asked"], d["help_asked_detail"]
        ),
        gettext_lazy("Escalate: the case is stuck"),
        gettext_lazy("Escalate to the team leads"),
        "escalation_add",
    )


@case_roles
def handover_propose(request, pk):
    case = _visible_case(request, pk)
    form = forms.HandoverForm(request.POST or None, region=request.user.organisation.region)
    return _form_page(
        request,
        case,
        form,
        lambda d: services.propose_handover(
            request.user, case, d["to_organisation"], d["summary"], d["to_user"]
        ),
        gettext_lazy("Propose a warm handover"),
        gettext_lazy("Propose handover"),
        "handover_propose",
    )


@case_roles
def plan_edit(request, pk):
    """A new version of the household's safety plan, starting from the current one."""
    case = _visible_case(request, pk)
    current = services.current_plan(case.household)
    initial = current.conditions if current else []
    form = forms.SafetyPlanForm(request.POST or None, instance=_copy(current))
    conditions = forms.ConditionFormSet(request.POST or None, initial=initial, prefix="c")
    if request.method == "POST" and form.is_valid() and conditions.is_valid():
        rows = [
            {k: c.cleaned_data[k] for k in ("what", "responsible", "check")}
            for c in conditions
            if c.cleaned_data and not c.cleaned_data.get("DELETE")
        ]
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            services.save_safety_plan(request.user, case, conditions=rows, **fields)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("cases:plan_history", pk=case.pk)
    elif request.method != "POST":
        events.case_viewed(request.user, case, [], events.purpose_of(request.user), "plan_edit")
    return render(
        request,
        "cases/plan_form.html",
        {"case": case, "form": form, "conditions": conditions, "current": current},
    )


def _copy(version):
    """An unsaved copy of `version` to prefill the form of the next version."""
    if version is None:
        return None
    version.pk = None
    return version


def _plan_versions(request, case):
    return SafetyPlanVersion.objects.for_user(request.user).filter(household=case.household)


@case_roles
def plan_history(request, pk):
    """All versions of the household's plan and the difference between two of them."""
    case = _visible_case(request, pk)
    versions = list(_plan_versions(request, case).select_related("created_by"))
    by_number = {v.number: v for v in versions}
    new = by_number.get(_int(request.GET.get("b"))) or (versions[0] if versions else None)
    old = by_number.get(_int(request.GET.get("a"))) or by_number.get(new.number - 1 if new else 0)
    diff = plan_diff(old, new) if old and new else None
    if new is not None:
        events.safety_plan_viewed(
            request.user,
            new,
            [m.person for m in _members(case.household_id)],
            events.purpose_of(request.user),
            "diff",
        )
    return render(
        request,
        "cases/plan_history.html",
        {
            "case": case,
            "versions": versions,
            "old": old,
            "new": new,
            "diff": diff,
            "lines": plan_lines(new) if new and not old else None,
        },
    )


def _int(value):
    return int(value) if value and value.isdecimal() else None


@case_roles
def plan_print(request, pk):
    """The plan in plain Dutch for the family to take home."""
    version = visible_or_404(
        request, SafetyPlanVersion.objects.for_user(request.user).select_related("household"), pk
    )
    members = _members(version.household_id)
    events.safety_plan_viewed(
        request.user, version, [m.person for m in members], events.purpose_of(request.user), "print"
    )
    return render(request, "cases/plan_print.html", {"version": version, "members": members})


@case_roles
def handover_detail(request, pk):
    """The receiver reads the summary and accepts or declines; others see the status."""
    handover = visible_or_404(
        request,
        Handover.objects.for_user(request.user).select_related(
            "case", "to_organisation", "to_user", "proposed_by", "answered_by"
        ),
        pk,
    )
    can_answer = handover.status == HandoverStatus.PROPOSED and services.can_answer_handover(
        request.user, handover
    )
    form = forms.HandoverAnswerForm(request.POST or None) if can_answer else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            if form.cleaned_data["decision"] == "accept":
                services.accept_handover(request.user, handover)
                return redirect("cases:case_detail", pk=handover.case_id)
            services.decline_handover(request.user, handover, form.cleaned_data["reason"])
            return redirect("cases:my_tasks")
        except ValidationError as error:
            form.add_error(None, error)
    events.handover_viewed(request.user, handover, events.purpose_of(request.user))
    return render(request, "cases/handover_detail.html", {"handover": handover, "form": form})


def _escalation_actions(request, escalation):
    if escalation.status != EscalationStatus.OPEN:
        return []
    responder = services.can_respond(request.user, escalation)
    member = escalation.case.members.active().filter(user=request.user).exists()
    actions = []
    if responder:
        actions.append(("resolve", _("Resolve: record what was decided")))
    if (responder or member) and escalation.level < EscalationLevel.GOVERNANCE:
        actions.append(("raise", _("Raise to the next level")))
    if responder or member:
        actions.append(("de_escalate", _("De-escalate: back to case level")))
    return actions


@task_roles
def escalation_detail(request, pk):
    escalation = visible_or_404(
        request,
        Escalation.objects.for_user(request.user).select_related("case", "raised_by", "closed_by"),
        pk,
    )
    actions = _escalation_actions(request, escalation)
    form = forms.EscalationAnswerForm(request.POST or None, actions=actions) if actions else None
    if request.method == "POST" and form is not None and form.is_valid():
        action = {
            "resolve": services.resolve_escalation,
            "raise": services.raise_escalation,
            "de_escalate": services.de_escalate,
        }[form.cleaned_data["action"]]
        try:
            action(request.user, escalation, form.cleaned_data["text"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("cases:my_tasks")
    events.escalation_viewed(request.user, escalation, events.purpose_of(request.user))
    history = Escalation.objects.filter(
        case_id=escalation.case_id, raised_at__lt=escalation.raised_at
    ).select_related("raised_by", "closed_by")
    return render(
        request,
        "cases/escalation_detail.html",
        {"escalation": escalation, "form": form, "history": history},
    )


@case_roles
def follow_up_check(request, pk):
    """Record a follow-up check (a task of the last coordinator's organisation)."""
    mine = FollowUpCheck.objects.filter(organisation_id=request.user.organisation_id)
    check = visible_or_404(request, mine.select_related("case"), pk)
    form = forms.FollowUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_follow_up_check(
                request.user,
                check,
                data["contact_made"],
                data["judgement"],
                data["rationale"],
                data["reopen"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("cases:my_tasks")
    return render(request, "cases/follow_up_form.html", {"check": check, "form": form})


@task_roles
def my_tasks(request):
    """Handovers to answer, escalations to answer, follow-up checks due, own deadlines
    and notifications. Shows case references only (no personal data)."""
    user = request.user
    today = timezone.localdate()
    to_answer = Handover.objects.answerable_by(user).filter(status=HandoverStatus.PROPOSED)
    proposed = Handover.objects.for_user(user).filter(
        status=HandoverStatus.PROPOSED, proposed_by=user
    )
    escalations = Escalation.objects.to_answer_by(user).select_related("case")
    raised = (
        Escalation.objects.for_user(user)
        .filter(raised_by=user, status=EscalationStatus.OPEN)
        .select_related("case")
    )
    checks = (
        FollowUpCheck.objects.filter(
            organisation_id=user.organisation_id,
            done_at__isnull=True,
            case__phase__in=[Phase.CLOSED, Phase.FOLLOW_UP],
        ).select_related("case")
        if user.role in HOUSEHOLD_ROLES
        else FollowUpCheck.objects.none()
    )
    notifications = Notification.objects.filter(user=user, read_at__isnull=True).select_related(
        "case"
    )[:20]
    return render(
        request,
        "cases/my_tasks.html",
        {
            "to_answer": paginate(
                request,
                to_answer.select_related("case").order_by("answer_due", "pk"),
                param="handovers",
            ),
            "proposed": proposed.select_related("case", "to_organisation"),
            "escalations": paginate(
                request, escalations.order_by("respond_by", "pk"), param="escalations"
            ),
            "raised": raised,
            "checks": paginate(request, checks, param="checks"),
            "notifications": notifications,
            "today": today,
        },
    )


@task_roles
def notification_open(request, pk):
    """Mark one of the user's notifications read and go to its task."""
    notification = get_object_or_404(Notification, pk=pk, user=request.user)
    if request.method == "POST":
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=timezone.now()
        )
    return redirect(notification.path)

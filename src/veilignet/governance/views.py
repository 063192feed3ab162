"""Governance pages. Board members, policy officers and directors run governance in their
region; every verified user can submit bottlenecks, follow her own submissions and actions,
read her networks' onboarding pages and minutes, and answer evaluations she is invited to."""

from django.contrib import messages
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Subquery
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from veilignet.core.access import allow
from veilignet.core.pagination import paginate
from veilignet.governance import forms, queries, services
from veilignet.governance.models import (
    ACTION_TRANSITIONS,
    ACTIVE_ACTION_STATUSES,
    GOVERNANCE_ROLES,
    Action,
    ActionStatus,
    AgendaItem,
    Bottleneck,
    BottleneckStatus,
    Evaluation,
    Invitation,
    Meeting,
    Membership,
    Network,
    NetworkKind,
    Notification,
    Objective,
    ObjectiveAssessment,
    Priority,
    Questionnaire,
    Response,
    region_id_of,
    runs_governance,
)
from veilignet.governance.services import GovernanceError

governance_roles = allow(*GOVERNANCE_ROLES)
everyone = allow()


def _get(queryset, pk):
    obj = queryset.filter(pk=pk).first()
    if obj is None:
        raise Http404
    return obj


def _attempt(form, call):
    """Run a service; a refused business rule becomes a form error. Returns (ok, result)."""
    try:
        return True, call()
    except GovernanceError as error:
        for message in error.messages:
            form.add_error(None, message)
        return False, None


def _form_page(request, form, *, title, back, submit, intro=""):
    context = {"form": form, "title": title, "back": back, "submit": submit, "intro": intro}
    return render(request, "governance/form.html", context)


def _latest_assessment():
    latest = ObjectiveAssessment.objects.filter(objective=OuterRef("pk")).order_by(
        "-assessed_at", "-pk"
    )
    return Subquery(latest.values("assessment")[:1])


# Overview and notifications ---------------------------------------------------------------


@everyone
def overview(request):
    """The platform's dashboard for governance roles; for everyone her own items."""
    user = request.user
    today = timezone.localdate()
    context = {
        "my_bottlenecks": Bottleneck.objects.filter(followers__user=user)
        .select_related("network")
        .order_by("-submitted_at")[:10],
        "my_actions": Action.objects.filter(owner=user)
        .active()
        .select_related("network")
        .order_by("due_date")[:10],
        "my_networks": Membership.objects.current()
        .of_user(user)
        .select_related("network", "organisation"),
        "open_invitations": Invitation.objects.filter(user=user, evaluation__closes_on__gte=today)
        .exclude(
            Exists(Response.objects.filter(evaluation=OuterRef("evaluation"), respondent=user))
        )
        .select_related("evaluation__questionnaire"),
        "unread": Notification.objects.for_user(user).unread().count(),
        "today": today,
    }
    if runs_governance(user):
        region_id = region_id_of(user)
        region_bottlenecks = Bottleneck.objects.for_user(user)
        context.update(
            governance=True,
            networks=queries.networks_overview(region_id, today),
            ownerless=region_bottlenecks.high_priority_without_owned_action().select_related(
                "network"
            ),
            awaiting_triage=region_bottlenecks.filter(status=BottleneckStatus.SUBMITTED).count(),
            overdue=Action.objects.for_user(user)
            .overdue(today)
            .select_related("network", "owner", "owner_organisation"),
            not_onboarded=Membership.objects.for_user(user)
            .current()
            .with_onboarding_seen()
            .filter(onboarding_seen=False)
            .select_related("network", "organisation", "representative"),
        )
    return render(request, "governance/overview.html", context)


@everyone
def notifications(request):
    items = Notification.objects.for_user(request.user)
    if request.method == "POST":
        services.mark_notifications_read(request.user)
        return redirect("governance:notifications")
    return render(request, "governance/notifications.html", {"page": paginate(request, items)})


# Networks, members and onboarding ---------------------------------------------------------


@governance_roles
def network_create(request):
    form = forms.NetworkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        ok, network = _attempt(
            form,
            lambda: services.create_network(
                request.user, region=request.user.organisation.region, **data
            ),
        )
        if ok:
            return redirect("governance:network_detail", pk=network.pk)
    return _form_page(
        request, form, title=_("New network"), back="governance:overview", submit=_("Create")
    )


@governance_roles
def network_edit(request, pk):
    network = _get(Network.objects.for_user(request.user), pk)
    form = forms.NetworkForm(request.POST or None, instance=Network.objects.get(pk=network.pk))
    if request.method == "POST" and form.is_valid():
        services.update_network(request.user, network, **form.cleaned_data)
        return redirect("governance:network_detail", pk=network.pk)
    return _form_page(
        request,
        form,
        title=_("Edit %(network)s") % {"network": network},
        back="governance:overview",
        submit=_("Save"),
    )


@governance_roles
def network_detail(request, pk):
    network = _get(Network.objects.for_user(request.user), pk)
    today = timezone.localdate()
    members = (
        network.memberships.current()
        .with_onboarding_seen()
        .select_related("organisation", "representative", "deputy")
    )
    context = {
        "network": network,
        "members": members,
        "meetings": paginate(
            request,
            network.meetings.annotate(items=Count("agenda_items")).order_by("-date", "-pk"),
        ),
        "meetings_this_year": network.meetings.filter(date__year=today.year).count(),
        "objectives": network.objectives.annotate(latest=_latest_assessment()).select_related(
            "owner"
        ),
        "bottlenecks": network.bottlenecks.open(),
        "actions": network.actions.active().select_related("owner", "owner_organisation"),
        "ownerless": network.bottlenecks.high_priority_without_owned_action(),
        "today": today,
    }
    return render(request, "governance/network_detail.html", context)


@governance_roles
def member_add(request, pk):
    network = _get(Network.objects.for_user(request.user), pk)
    form = forms.MemberForm(request.POST or None, region_id=network.region_id)
    if request.method == "POST" and form.is_valid():
        ok, _membership = _attempt(
            form, lambda: services.add_member(request.user, network, **form.cleaned_data)
        )
        if ok:
            return redirect("governance:network_detail", pk=network.pk)
    return _form_page(
        request,
        form,
        title=_("Add member to %(network)s") % {"network": network},
        back="governance:overview",
        submit=_("Add member"),
    )


@governance_roles
def member_end(request, pk):
    """Confirm, then end a membership."""
    membership = _get(Membership.objects.for_user(request.user).current(), pk)
    if request.method == "POST":
        services.end_membership(request.user, membership)
        messages.success(request, _("The membership has ended."))
        return redirect("governance:network_detail", pk=membership.network_id)
    return render(
        request,
        "governance/confirm.html",
        {
            "title": _("End membership"),
            "question": _("End the membership of %(org)s in %(network)s?")
            % {"org": membership.organisation, "network": membership.network},
            "submit": _("End membership"),
            "cancel_url": reverse("governance:network_detail", args=[membership.network_id]),
        },
    )


@everyone
def onboarding(request, pk):
    """What a new member needs to know: ambition, principles, objectives, agreements, the
    work agenda and the open actions of her organisation. Visits by members are recorded."""
    network = _get(Network.objects.for_user(request.user), pk)
    is_member = Membership.objects.current().of_user(request.user).filter(network=network).exists()
    if not (is_member or runs_governance(request.user)):
        raise Http404
    if is_member:
        services.record_onboarding_visit(request.user, network)
    year = timezone.localdate().year
    platform = Network.objects.filter(
        region_id=network.region_id, kind=NetworkKind.PLATFORM
    ).first()
    scope = [n for n in (network, platform) if n is not None]
    context = {
        "network": network,
        "platform": platform if platform != network else None,
        "objectives": Objective.objects.filter(network__in=scope)
        .active_in(year)
        .select_related("network", "owner"),
        "work_agenda": Action.objects.filter(network=network)
        .active()
        .select_related("owner", "owner_organisation"),
        "own_actions": Action.objects.filter(
            network__in=scope, owner_organisation_id=request.user.organisation_id
        )
        .active()
        .select_related("owner", "owner_organisation"),
        "year": year,
    }
    return render(request, "governance/onboarding.html", context)


# Bottlenecks -------------------------------------------------------------------------------


@everyone
def bottleneck_list(request):
    """Governance roles: the region's bottlenecks with filters; others: their own."""
    bottlenecks = Bottleneck.objects.for_user(request.user).select_related("network")
    filters = {name: request.GET.get(name, "") for name in ("status", "priority", "network")}
    if filters["status"] in BottleneckStatus.values:
        bottlenecks = bottlenecks.filter(status=filters["status"])
    if filters["priority"] in Priority.values:
        bottlenecks = bottlenecks.filter(priority=filters["priority"])
    if filters["network"].isdecimal():
        bottlenecks = bottlenecks.filter(network_id=int(filters["network"]))
    bottlenecks = bottlenecks.annotate(
        open_actions=Count("actions", filter=Q(actions__status__in=ACTIVE_ACTION_STATUSES)),
        owned_actions=Count("actions", filter=~Q(actions__status=ActionStatus.STOPPED)),
    ).order_by("-submitted_at", "-pk")
    context = {
        "page": paginate(request, bottlenecks),
        "filters": filters,
        "statuses": BottleneckStatus.choices,
        "priorities": Priority.choices,
        "networks": Network.objects.for_user(request.user),
        "governance": runs_governance(request.user),
    }
    return render(request, "governance/bottleneck_list.html", context)


@everyone
def bottleneck_create(request):
    form = forms.BottleneckForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        bottleneck = services.submit_bottleneck(
            request.user,
            source="practitioner",
            title=data["title"],
            description=data["description"],
            example=data["example"],
            requested=data["requested"],
            theme=data["theme"],
            organisations=data["organisations"],
            region=request.user.organisation.region,
        )
        messages.success(request, _("Thank you. You will get feedback when it is handled."))
        return redirect("governance:bottleneck_detail", pk=bottleneck.pk)
    return _form_page(
        request,
        form,
        title=_("Report a bottleneck"),
        back="governance:bottleneck_list",
        submit=_("Submit"),
        intro=_(
            "Something in the cooperation hinders your work? Tell the network. Describe it "
            "without personal data: the board members of all partners will read it."
        ),
    )


@everyone
def bottleneck_detail(request, pk):
    bottleneck = _get(
        Bottleneck.objects.for_user(request.user).select_related("network", "submitted_by"), pk
    )
    governance = runs_governance(request.user)
    context = {
        "bottleneck": bottleneck,
        "organisations": bottleneck.organisations.all(),
        "events": bottleneck.events.select_related("actor", "meeting__network"),
        "actions": bottleneck.actions.select_related("owner", "owner_organisation"),
        "closures": bottleneck.closures.select_related("closed_by"),
        "decisions": bottleneck.decisions.select_related("meeting__network"),
        "governance": governance,
    }
    if governance:
        context["triage_form"] = forms.TriageForm(
            initial={"priority": bottleneck.priority, "network": bottleneck.network_id},
            region_id=bottleneck.region_id,
        )
    return render(request, "governance/bottleneck_detail.html", context)


def _bottleneck_step(request, pk, form_class, call, *, title, submit, **form_kwargs):
    bottleneck = _get(Bottleneck.objects.for_user(request.user), pk)
    form = form_class(request.POST or None, **form_kwargs)
    if request.method == "POST" and form.is_valid():
        ok, _result = _attempt(form, lambda: call(bottleneck, form.cleaned_data))
        if ok:
            return redirect("governance:bottleneck_detail", pk=bottleneck.pk)
    return _form_page(
        request,
        form,
        title=f"{title}: {bottleneck}",
        back="governance:bottleneck_list",
        submit=submit,
    )


@governance_roles
def bottleneck_triage(request, pk):
    return _bottleneck_step(
        request,
        pk,
        forms.TriageForm,
        lambda b, data: services.triage_bottleneck(request.user, b, **data),
        title=_("Triage"),
        submit=_("Save priority"),
        region_id=region_id_of(request.user),
    )


@governance_roles
def bottleneck_close(request, pk):
    return _bottleneck_step(
        request,
        pk,
        forms.CloseForm,
        lambda b, data: services.close_bottleneck(request.user, b, **data),
        title=_("Close"),
        submit=_("Close and send feedback"),
    )


@governance_roles
def bottleneck_reopen(request, pk):
    return _bottleneck_step(
        request,
        pk,
        forms.ReopenForm,
        lambda b, data: services.reopen_bottleneck(request.user, b, **data),
        title=_("Reopen"),
        submit=_("Reopen"),
    )


# Actions ----------------------------------------------------------------------------------


@governance_roles
def action_create(request):
    """A new action for a bottleneck, an objective or a meeting (given in the query)."""
    source = request.GET
    bottleneck = objective = meeting = None
    if source.get("bottleneck", "").isdecimal():
        bottleneck = _get(Bottleneck.objects.for_user(request.user), source["bottleneck"])
        network = bottleneck.network
    elif source.get("objective", "").isdecimal():
        objective = _get(Objective.objects.for_user(request.user), source["objective"])
        network = objective.network
    elif source.get("meeting", "").isdecimal():
        meeting = _get(Meeting.objects.for_user(request.user), source["meeting"])
        network = meeting.network
    else:
        raise Http404
    if network is None:
        messages.error(request, _("Triage the bottleneck to a network first."))
        return redirect("governance:bottleneck_detail", pk=bottleneck.pk)
    form = forms.ActionForm(request.POST or None, region_id=network.region_id)
    if request.method == "POST" and form.is_valid():
        ok, action = _attempt(
            form,
            lambda: services.add_action(
                request.user,
                network=network,
                bottleneck=bottleneck,
                objective=objective,
                meeting=meeting,
                **form.cleaned_data,
            ),
        )
        if ok:
            return redirect("governance:action_detail", pk=action.pk)
    context_obj = bottleneck or objective or meeting
    return _form_page(
        request,
        form,
        title=_("New action for %(item)s") % {"item": context_obj},
        back="governance:action_list",
        submit=_("Create action"),
    )


@everyone
def action_list(request):
    today = timezone.localdate()
    actions = Action.objects.for_user(request.user).select_related(
        "network", "owner", "owner_organisation", "bottleneck"
    )
    show = request.GET.get("show", "open")
    if show == "overdue":
        actions = actions.overdue(today)
    elif show == "check":
        actions = actions.due_for_check()
    elif show == "open":
        actions = actions.active()
    filters = [
        ("open", _("Open")),
        ("overdue", _("Overdue")),
        ("check", _("Due for check")),
        ("all", _("All")),
    ]
    return render(
        request,
        "governance/action_list.html",
        {"page": paginate(request, actions), "show": show, "filters": filters},
    )


def _may_work_on(user, action):
    return runs_governance(user) or action.owner_id == user.pk


@everyone
def action_detail(request, pk):
    action = _get(
        Action.objects.for_user(request.user).select_related(
            "network", "owner", "owner_organisation", "bottleneck", "objective", "meeting"
        ),
        pk,
    )
    may_work = _may_work_on(request.user, action)
    moves = [s for s in ACTION_TRANSITIONS[action.status] if s != ActionStatus.DONE]
    context = {
        "action": action,
        "history": action.status_changes.select_related("actor"),
        "checks": action.checks.select_related("checked_by"),
        "decisions": action.decisions.select_related("meeting__network"),
        "overdue": action.is_overdue(),
        "may_work": may_work,
        "may_decide": runs_governance(request.user),
    }
    if may_work and action.status in (ActionStatus.PLAN, ActionStatus.DO):
        context["move_form"] = forms.MoveForm(choices=moves)
    if may_work and action.status == ActionStatus.CHECK:
        context["check_form"] = forms.CheckForm()
        context["decide_form"] = forms.DecideForm()
        context["checked"] = action.checks.filter(cycle=action.cycle).exists()
    return render(request, "governance/action_detail.html", context)


@everyone
def action_move(request, pk):
    action = _get(Action.objects.for_user(request.user), pk)
    if not _may_work_on(request.user, action):
        raise Http404
    moves = [s for s in ACTION_TRANSITIONS[action.status] if s != ActionStatus.DONE]
    form = forms.MoveForm(request.POST or None, choices=moves)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        ok, _result = _attempt(
            form,
            lambda: services.move_action(request.user, action, data["status"], note=data["note"]),
        )
        if ok:
            return redirect("governance:action_detail", pk=action.pk)
    return _form_page(
        request,
        form,
        title=_("Next step: %(action)s") % {"action": action},
        back="governance:action_list",
        submit=_("Save"),
    )


@everyone
def action_check(request, pk):
    action = _get(Action.objects.for_user(request.user), pk)
    if not _may_work_on(request.user, action):
        raise Http404
    form = forms.CheckForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ok, _result = _attempt(
            form, lambda: services.record_check(request.user, action, **form.cleaned_data)
        )
        if ok:
            return redirect("governance:action_detail", pk=action.pk)
    return _form_page(
        request,
        form,
        title=_("Check: %(action)s") % {"action": action},
        back="governance:action_list",
        submit=_("Record check"),
    )


@governance_roles
def action_decide(request, pk):
    action = _get(Action.objects.for_user(request.user), pk)
    form = forms.DecideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ok, _result = _attempt(
            form, lambda: services.decide_action(request.user, action, **form.cleaned_data)
        )
        if ok:
            return redirect("governance:action_detail", pk=action.pk)
    return _form_page(
        request,
        form,
        title=_("Act: %(action)s") % {"action": action},
        back="governance:action_list",
        submit=_("Save decision"),
    )


# Objectives and agendas ------------------------------------------------------------------


@governance_roles
def objective_list(request):
    """The multi-year agenda: all objectives of the platform and networks by period."""
    objectives = (
        Objective.objects.for_user(request.user)
        .annotate(latest=_latest_assessment(), open_actions=Count("actions"))
        .select_related("network", "owner")
        .prefetch_related("evaluation_moments")
        .order_by("start_year", "end_year", "network__kind", "network__name", "pk")
    )
    return render(
        request, "governance/objective_list.html", {"page": paginate(request, objectives)}
    )


@governance_roles
def objective_create(request):
    form = forms.ObjectiveForm(request.POST or None, region_id=region_id_of(request.user))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        moments = [d for d in (data.pop("first_moment"), data.pop("second_moment")) if d]
        ok, objective = _attempt(
            form,
            lambda: services.create_objective(request.user, evaluation_moments=moments, **data),
        )
        if ok:
            return redirect("governance:objective_detail", pk=objective.pk)
    return _form_page(
        request,
        form,
        title=_("New objective"),
        back="governance:objective_list",
        submit=_("Create objective"),
    )


@governance_roles
def objective_detail(request, pk):
    objective = _get(
        Objective.objects.for_user(request.user).select_related("network", "owner"), pk
    )
    context = {
        "objective": objective,
        "moments": objective.evaluation_moments.all(),
        "assessments": objective.assessments.select_related("assessed_by"),
        "actions": objective.actions.select_related("owner", "owner_organisation"),
        "moment_form": forms.MomentForm(),
        "assess_form": forms.AssessForm(),
    }
    return render(request, "governance/objective_detail.html", context)


@governance_roles
@require_POST
def objective_moment_add(request, pk):
    objective = _get(Objective.objects.for_user(request.user), pk)
    form = forms.MomentForm(request.POST)
    if form.is_valid():
        services.add_evaluation_moment(request.user, objective, form.cleaned_data["planned_for"])
    else:
        messages.error(request, _("Enter a valid date for the evaluation moment."))
    return redirect("governance:objective_detail", pk=objective.pk)


@governance_roles
def objective_assess(request, pk):
    objective = _get(Objective.objects.for_user(request.user), pk)
    form = forms.AssessForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.assess_objective(request.user, objective, **form.cleaned_data)
        return redirect("governance:objective_detail", pk=objective.pk)
    return _form_page(
        request,
        form,
        title=_("Evaluate: %(objective)s") % {"objective": objective},
        back="governance:objective_list",
        submit=_("Save evaluation"),
    )


@governance_roles
def work_agenda(request):
    """The yearly work agenda: per network the objectives of the year, the actions due that
    year or serving those objectives, and their status."""
    today = timezone.localdate()
    year = int(request.GET["year"]) if request.GET.get("year", "").isdecimal() else today.year
    objectives = (
        Objective.objects.for_user(request.user)
        .active_in(year)
        .annotate(latest=_latest_assessment())
        .select_related("owner")
    )
    actions = Action.objects.for_user(request.user).filter(
        Q(due_date__year=year) | Q(objective__in=objectives)
    )
    networks = Network.objects.for_user(request.user).prefetch_related(
        Prefetch("objectives", queryset=objectives, to_attr="year_objectives"),
        Prefetch(
            "actions",
            queryset=actions.select_related("owner", "owner_organisation", "objective"),
            to_attr="year_actions",
        ),
    )
    return render(
        request,
        "governance/work_agenda.html",
        {"networks": networks, "year": year, "years": range(year - 1, year + 3), "today": today},
    )


# Meetings ---------------------------------------------------------------------------------


@governance_roles
def meeting_create(request, pk):
    network = _get(Network.objects.for_user(request.user), pk)
    form = forms.MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        meeting = services.schedule_meeting(request.user, network, **form.cleaned_data)
        return redirect("governance:meeting_detail", pk=meeting.pk)
    return _form_page(
        request,
        form,
        title=_("Plan a meeting of %(network)s") % {"network": network},
        back="governance:overview",
        submit=_("Plan meeting"),
        intro=_(
            "The agenda is generated from open high-priority bottlenecks, overdue actions and "
            "actions due for check; you can edit it afterwards."
        ),
    )


def _visible_meeting(request, pk):
    meeting = _get(Meeting.objects.for_user(request.user).select_related("network"), pk)
    if not runs_governance(request.user) and meeting.minutes_published_at is None:
        raise Http404
    return meeting


@everyone
def meeting_detail(request, pk):
    meeting = _visible_meeting(request, pk)
    governance = runs_governance(request.user)
    members = meeting.network.memberships.current().select_related("organisation", "representative")
    context = {
        "meeting": meeting,
        "items": meeting.agenda_items.select_related("bottleneck", "action"),
        "attendance": meeting.attendance.select_related("membership__organisation", "attendee"),
        "decisions": meeting.decisions.select_related("bottleneck", "action"),
        "new_actions": meeting.new_actions.select_related("owner", "owner_organisation"),
        "governance": governance,
    }
    if governance:
        present = meeting.attendance.values_list("membership_id", flat=True)
        context.update(
            item_form=forms.AgendaItemForm(),
            attendance_form=forms.AttendanceForm(
                initial={"memberships": list(present)}, memberships=members
            ),
            decision_form=forms.DecisionForm(network=meeting.network),
            minutes_form=forms.MinutesForm(initial={"minutes": meeting.minutes}),
        )
    return render(request, "governance/meeting_detail.html", context)


def _meeting_post(request, pk, form_class, call, **form_kwargs):
    """A form posted from the meeting page; errors are shown as a message."""
    meeting = _get(Meeting.objects.for_user(request.user), pk)
    form = form_class(request.POST, **{k: v(meeting) for k, v in form_kwargs.items()})
    if form.is_valid():
        ok, _result = _attempt(form, lambda: call(meeting, form.cleaned_data))
        if ok:
            return redirect("governance:meeting_detail", pk=meeting.pk)
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)
    return redirect("governance:meeting_detail", pk=meeting.pk)


@governance_roles
@require_POST
def meeting_generate(request, pk):
    meeting = _get(Meeting.objects.for_user(request.user), pk)
    services.generate_agenda(request.user, meeting)
    messages.success(request, _("The agenda was generated again; items added by hand stay."))
    return redirect("governance:meeting_detail", pk=meeting.pk)


@governance_roles
@require_POST
def agenda_add(request, pk):
    return _meeting_post(
        request,
        pk,
        forms.AgendaItemForm,
        lambda m, data: services.add_agenda_item(request.user, m, data["title"]),
    )


@governance_roles
def agenda_remove(request, pk):
    item = _get(AgendaItem.objects.filter(meeting__in=Meeting.objects.for_user(request.user)), pk)
    if request.method == "POST":
        services.remove_agenda_item(request.user, item)
        return redirect("governance:meeting_detail", pk=item.meeting_id)
    return render(
        request,
        "governance/confirm.html",
        {
            "title": _("Remove agenda item"),
            "question": _("Remove '%(item)s' from the agenda?") % {"item": item.title},
            "submit": _("Remove"),
            "cancel_url": reverse("governance:meeting_detail", args=[item.meeting_id]),
        },
    )


@governance_roles
@require_POST
def meeting_attendance(request, pk):
    return _meeting_post(
        request,
        pk,
        forms.AttendanceForm,
        lambda m, data: services.record_attendance(request.user, m, data["memberships"]),
        memberships=lambda m: m.network.memberships.current(),
    )


@governance_roles
@require_POST
def meeting_decision(request, pk):
    return _meeting_post(
        request,
        pk,
        forms.DecisionForm,
        lambda m, data: services.record_decision(request.user, m, **data),
        network=lambda m: m.network,
    )


@governance_roles
@require_POST
def meeting_minutes(request, pk):
    return _meeting_post(
        request,
        pk,
        forms.MinutesForm,
        lambda m, data: services.save_minutes(request.user, m, data["minutes"]),
    )


@governance_roles
def meeting_publish(request, pk):
    """Confirm, then publish the minutes to all members."""
    meeting = _get(Meeting.objects.for_user(request.user).select_related("network"), pk)
    if request.method == "POST":
        try:
            services.publish_minutes(request.user, meeting)
            messages.success(request, _("The minutes were published to the members."))
        except GovernanceError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("governance:meeting_detail", pk=meeting.pk)
    return render(
        request,
        "governance/confirm.html",
        {
            "title": _("Publish minutes"),
            "question": _(
                "Publish the minutes of %(meeting)s to all members? They cannot be changed "
                "afterwards."
            )
            % {"meeting": meeting},
            "submit": _("Publish"),
            "cancel_url": reverse("governance:meeting_detail", args=[meeting.pk]),
        },
    )


# Evaluations ------------------------------------------------------------------------------


@governance_roles
def evaluation_list(request):
    questionnaires = (
        Questionnaire.objects.for_user(request.user)
        .annotate(question_count=Count("questions"))
        .order_by("title")
    )
    evaluations = (
        Evaluation.objects.for_user(request.user)
        .select_related("questionnaire", "network")
        .annotate(
            invited=Count("invitations", distinct=True),
            answered=Count("responses", distinct=True),
        )
        .order_by("-sent_at", "-pk")
    )
    return render(
        request,
        "governance/evaluation_list.html",
        {"questionnaires": questionnaires, "page": paginate(request, evaluations)},
    )


@governance_roles
def questionnaire_create(request):
    form = forms.QuestionnaireForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.create_questionnaire(
            request.user, region=request.user.organisation.region, **form.cleaned_data
        )
        return redirect("governance:evaluation_list")
    return _form_page(
        request,
        form,
        title=_("New questionnaire"),
        back="governance:evaluation_list",
        submit=_("Create questionnaire"),
    )


@governance_roles
def evaluation_send(request):
    form = forms.SendEvaluationForm(
        request.POST or None,
        questionnaires=Questionnaire.objects.for_user(request.user),
        networks=Network.objects.for_user(request.user),
    )
    if request.method == "POST" and form.is_valid():
        ok, evaluation = _attempt(
            form, lambda: services.send_evaluation(request.user, **form.cleaned_data)
        )
        if ok:
            return redirect("governance:evaluation_report", pk=evaluation.pk)
    return _form_page(
        request,
        form,
        title=_("Send an evaluation"),
        back="governance:evaluation_list",
        submit=_("Send to members"),
    )


@governance_roles
def evaluation_report(request, pk):
    evaluation = _get(
        Evaluation.objects.for_user(request.user).select_related("questionnaire", "network"), pk
    )
    context = {
        "evaluation": evaluation,
        "reports": queries.evaluation_report(evaluation),
        "invited": evaluation.invitations.count(),
        "answered": evaluation.responses.count(),
    }
    return render(request, "governance/evaluation_report.html", context)


@everyone
def evaluation_respond(request, pk):
    evaluation = _get(Evaluation.objects.filter(invitations__user=request.user), pk)
    questions = list(evaluation.questionnaire.questions.all())
    form = forms.ResponseForm(request.POST or None, questions=questions)
    if request.method == "POST" and form.is_valid():
        ok, _response = _attempt(
            form, lambda: services.submit_response(request.user, evaluation, form.answers())
        )
        if ok:
            messages.success(request, _("Thank you for your answers."))
            return redirect("governance:overview")
    return _form_page(
        request,
        form,
        title=str(evaluation.questionnaire),
        back="governance:overview",
        submit=_("Send answers"),
        intro=evaluation.questionnaire.introduction,
    )

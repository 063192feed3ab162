"""MDA++ pages: every query goes through for_user, every page with personal data is
audited, every change goes through services. Outside her need-to-know a user gets a 404
and the attempt is audited."""

import csv

from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from veilignet import deadlines
from veilignet.accounts.models import HOUSEHOLD_ROLES
from veilignet.audit import events
from veilignet.cases.models import Case
from veilignet.core.access import allow, visible_or_404
from veilignet.core.form_page import form_page
from veilignet.core.pagination import paginate
from veilignet.core.redirects import next_url
from veilignet.mda import forms, queries, services
from veilignet.mda.models import (
    Action,
    Conference,
    MinutesRecipient,
    Referral,
    ReferralStatus,
    Team,
    TeamMembership,
)

mda_roles = allow(*HOUSEHOLD_ROLES)


def _referral(request, pk):
    queryset = Referral.objects.for_user(request.user).select_related(
        "team", "case__household__municipality", "coordinator", "referred_by"
    )
    return visible_or_404(request, queryset, pk)


def _team_referral(request, pk):
    """A referral of one of the user's teams (team-only pages)."""
    referral = _referral(request, pk)
    if not services.is_member(request.user, referral.team):
        events.access_denied(request.user, referral)
        raise Http404
    return referral


def _agenda_referral(request, conference, referral_pk):
    """A referral on the agenda of `conference` (404 for any other referral)."""
    referral = _team_referral(request, referral_pk)
    if not conference.items.filter(referral=referral).exists():
        raise Http404
    return referral


def _conference(request, pk):
    queryset = Conference.objects.for_user(request.user).select_related("team")
    return visible_or_404(request, queryset, pk)


def _form_page(request, form, action, title, submit, back, danger=False):
    """The shared form page (`core.form_page.form_page`) in the MDA++ layout."""
    context = {"title": title, "submit": submit, "back": back}
    return form_page(request, form, action, back, "mda/form.html", context, danger=danger)


@mda_roles
def overview(request):
    """The user's MDA++ teams: capacity per coordinator, conferences, minutes sent to her."""
    teams = (
        Team.objects.for_user(request.user)
        .select_related("region")
        .annotate(waiting=Count("referrals", filter=Q(referrals__status=ReferralStatus.REFERRED)))
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=queries.with_caseload(TeamMembership.objects.all()),
                to_attr="coordinators",
            ),
            Prefetch("conferences", queryset=Conference.objects.all()[:6], to_attr="recent"),
        )
    )
    teams = [
        {
            "team": team,
            "coordinators": team.coordinators,
            "full": queries.is_full(team.coordinators),
            "waiting": team.waiting,
            "conferences": team.recent,
        }
        for team in teams
    ]
    minutes = MinutesRecipient.objects.filter(user=request.user).select_related("conference__team")[
        :10
    ]
    return render(request, "mda/overview.html", {"teams": teams, "minutes": minutes})


def _referrals(request):
    referrals = (
        Referral.objects.for_user(request.user)
        .select_related("team", "case__household__municipality", "coordinator")
        .annotate(justice=queries.justice_status(request.user))
    )
    form = forms.ReferralFilterForm(request.GET or None)
    if form.is_valid() and form.cleaned_data["status"]:
        referrals = referrals.filter(status=form.cleaned_data["status"])
    return referrals, form


@mda_roles
def referral_list(request):
    """Referrals of the user's teams and of her cases; the justice status column is filled
    only for the team's members."""
    referrals, form = _referrals(request)
    page = paginate(request, referrals)
    events.mda_referral_list_viewed(request.user, page.object_list)
    return render(request, "mda/referral_list.html", {"page": page, "form": form})


@mda_roles
def referral_export(request):
    """The same list as CSV (references, statuses, justice status for team members)."""
    referrals, _form = _referrals(request)
    referrals = list(referrals[:5000])
    events.mda_referrals_exported(request.user, referrals)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="mda-referrals.csv"'
    writer = csv.writer(response)
    writer.writerow(
        [_("Referral"), _("Case"), _("Team"), _("Status"), _("Coordinator"), _("Justice status")]
    )
    for r in referrals:
        writer.writerow(
            [
                r.reference,
                r.case.reference,
                r.team.name,
                r.get_status_display(),
                str(r.coordinator or ""),
                r.justice or "",
            ]
        )
    return response


@mda_roles
def referral_new(request, case_pk):
    """Veilig Thuis refers one of its cases to the team."""
    case = visible_or_404(
        request, Case.objects.for_user(request.user).select_related("household"), case_pk
    )
    form = forms.ReferralForm(request.POST or None, region=request.user.organisation.region)

    def action(data):
        criteria = {k: v for k, v in data.items() if k not in ("team", "motivation")}
        referral = services.refer(
            request.user, case, data["team"], motivation=data["motivation"], **criteria
        )
        return _back(referral)

    return _form_page(
        request,
        form,
        action,
        _("Refer case %(ref)s to the MDA++ team") % {"ref": case.reference},
        gettext_lazy("Refer"),
        reverse("cases:case_detail", args=[case.pk]),
    )


@mda_roles
def referral_detail(request, pk):
    """The structured case view: household, phase, risks, justice status (team only),
    scenario and open actions; the team's decision."""
    referral = _referral(request, pk)
    member = services.is_member(request.user, referral.team)
    [view] = queries.case_views(request.user, [referral])
    events.mda_referral_viewed(request.user, referral, view.persons)
    context = {
        "referral": referral,
        "view": view,
        "is_member": member,
        "can_hand_over": services.may_propose_handover(request.user, referral),
        "history": referral.changes.select_related("changed_by"),
        "today": deadlines.today(),
    }
    return render(request, "mda/referral_detail.html", context)


def _back(referral):
    return reverse("mda:referral_detail", args=[referral.pk])


@mda_roles
def referral_accept(request, pk):
    referral = _team_referral(request, pk)
    form = forms.AcceptForm(request.POST or None, coordinators=queries.capacity(referral.team))
    return _form_page(
        request,
        form,
        lambda d: services.accept_referral(request.user, referral, d["coordinator"].user),
        _("Accept %(ref)s") % {"ref": referral.reference},
        gettext_lazy("Accept"),
        _back(referral),
    )


@mda_roles
def referral_decline(request, pk):
    referral = _team_referral(request, pk)
    form = forms.DeclineForm(request.POST or None)
    return _form_page(
        request,
        form,
        lambda d: services.decline_referral(request.user, referral, d["advice"]),
        _("Decline %(ref)s with advice") % {"ref": referral.reference},
        gettext_lazy("Decline"),
        _back(referral),
        danger=True,
    )


@mda_roles
def justice_add(request, pk):
    referral = _team_referral(request, pk)
    form = forms.JusticeInfoForm(request.POST or None)
    return _form_page(
        request,
        form,
        lambda d: services.record_justice_info(request.user, referral, **d),
        gettext_lazy("Share justice information with the team"),
        gettext_lazy("Save"),
        _back(referral),
    )


@mda_roles
def action_add(request, pk):
    referral = _team_referral(request, pk)
    form = forms.ActionForm(request.POST or None, team=referral.team)
    return _form_page(
        request,
        form,
        lambda d: services.add_action(request.user, referral, **d),
        gettext_lazy("Add an action"),
        gettext_lazy("Save"),
        _back(referral),
    )


@mda_roles
@require_POST
def action_done(request, pk):
    action = visible_or_404(request, Action.objects.for_user(request.user), pk)
    if not action.is_done:
        services.complete_action(request.user, action)
    return redirect(next_url(request, _back(action.referral)))


@mda_roles
def referral_handover(request, pk):
    """The case's coordinator hands coordination over to the team's coordinator."""
    referral = _referral(request, pk)
    if not services.may_propose_handover(request.user, referral):
        events.access_denied(request.user, referral)
        raise Http404
    form = forms.HandoverForm(request.POST or None)
    return _form_page(
        request,
        form,
        lambda d: services.propose_coordinator_handover(request.user, referral, d["summary"]),
        _("Hand over coordination to %(name)s") % {"name": referral.coordinator},
        gettext_lazy("Propose handover"),
        _back(referral),
    )


# The weekly conference -------------------------------------------------------------------


@mda_roles
def conference_new(request, team_pk):
    team = visible_or_404(request, Team.objects.for_user(request.user), team_pk)
    form = forms.ConferenceForm(request.POST or None)

    def action(data):
        conference = services.schedule_conference(request.user, team, data["date"])
        return reverse("mda:conference_detail", args=[conference.pk])

    return _form_page(
        request,
        form,
        action,
        _("Plan a conference of %(team)s") % {"team": team},
        gettext_lazy("Plan"),
        reverse("mda:overview"),
    )


@mda_roles
def conference_detail(request, pk):
    """The agenda with a short structured view per case, attendance and minutes."""
    conference = _conference(request, pk)
    items = list(
        conference.items.select_related(
            "referral__case__household__municipality", "referral__coordinator", "referral__team"
        )
    )
    views = queries.case_views(request.user, [item.referral for item in items])
    persons = [person for view in views for person in view.persons]
    events.mda_conference_viewed(request.user, conference, persons)
    context = {
        "conference": conference,
        "agenda": list(zip(items, views, strict=True)),
        "attendance": conference.attendance.select_related(
            "membership__user", "membership__organisation"
        ),
        "minutes_status": conference.minutes_status(),
        "recipients": conference.recipients.select_related("user"),
        "today": deadlines.today(),
    }
    return render(request, "mda/conference_detail.html", context)


def _conference_back(conference):
    return reverse("mda:conference_detail", args=[conference.pk])


@mda_roles
@require_POST
def conference_agenda(request, pk):
    conference = _conference(request, pk)
    services.generate_agenda(request.user, conference)
    return redirect(_conference_back(conference))


@mda_roles
def conference_attendance(request, pk):
    conference = _conference(request, pk)
    initial = {"memberships": [a.membership_id for a in conference.attendance.all()]}
    form = forms.AttendanceForm(request.POST or None, initial=initial, team=conference.team)
    return _form_page(
        request,
        form,
        lambda d: services.record_attendance(request.user, conference, d["memberships"]),
        gettext_lazy("Who attended"),
        gettext_lazy("Save"),
        _conference_back(conference),
    )


@mda_roles
def conference_scenario(request, pk, referral_pk):
    conference = _conference(request, pk)
    referral = _agenda_referral(request, conference, referral_pk)
    form = forms.ScenarioForm(request.POST or None)
    return _form_page(
        request,
        form,
        lambda d: services.agree_scenario(request.user, conference, referral, **d),
        _("Scenario for %(ref)s") % {"ref": referral.reference},
        gettext_lazy("Save"),
        _conference_back(conference),
    )


@mda_roles
def conference_action(request, pk, referral_pk):
    conference = _conference(request, pk)
    referral = _agenda_referral(request, conference, referral_pk)
    form = forms.ActionForm(request.POST or None, team=conference.team)
    return _form_page(
        request,
        form,
        lambda d: services.add_action(request.user, referral, conference=conference, **d),
        _("Action for %(ref)s") % {"ref": referral.reference},
        gettext_lazy("Save"),
        _conference_back(conference),
    )


@mda_roles
def conference_decide(request, pk, referral_pk, decision):
    """Accept or decline a new referral during the conference."""
    if decision not in ("accept", "decline"):
        raise Http404
    conference = _conference(request, pk)
    referral = _agenda_referral(request, conference, referral_pk)
    back = _conference_back(conference)
    if decision == "accept":
        form = forms.AcceptForm(
            request.POST or None, coordinators=queries.capacity(conference.team)
        )
        return _form_page(
            request,
            form,
            lambda d: services.accept_referral(
                request.user, referral, d["coordinator"].user, conference
            ),
            _("Accept %(ref)s") % {"ref": referral.reference},
            gettext_lazy("Accept"),
            back,
        )
    form = forms.DeclineForm(request.POST or None)
    return _form_page(
        request,
        form,
        lambda d: services.decline_referral(request.user, referral, d["advice"], conference),
        _("Decline %(ref)s with advice") % {"ref": referral.reference},
        gettext_lazy("Decline"),
        back,
        danger=True,
    )


@mda_roles
def conference_minutes(request, pk):
    conference = _conference(request, pk)
    form = forms.MinutesForm(request.POST or None, initial={"minutes": conference.minutes})
    return _form_page(
        request,
        form,
        lambda d: services.save_minutes(request.user, conference, d["minutes"]),
        gettext_lazy("Minutes"),
        gettext_lazy("Save"),
        _conference_back(conference),
    )


@mda_roles
@require_POST
def conference_send(request, pk):
    conference = _conference(request, pk)
    try:
        services.send_minutes(request.user, conference)
    except ValidationError as error:
        return render(
            request,
            "mda/form.html",
            {
                "form": None,
                "errors": error.messages,
                "title": _("Send the minutes"),
                "back": _conference_back(conference),
            },
            status=400,
        )
    return redirect(_conference_back(conference))

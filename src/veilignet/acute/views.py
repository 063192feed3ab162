"""Acute-help pages: the shift overview, crisis intake and warm handover, figures, the
hospital one-stop shop and Handle with Care. Every query goes through for_user, every page
with personal data is audited, every change goes through services."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from veilignet.accounts.models import HOUSEHOLD_ROLES, OrganisationType
from veilignet.acute import forms, queries, services
from veilignet.acute.models import (
    CrisisForward,
    CrisisIntake,
    ForwardStatus,
    HandleWithCareNotice,
    HospitalRegistration,
    IntakeStatus,
    SafeHome,
)
from veilignet.audit import events
from veilignet.core.access import allow, visible_or_404
from veilignet.core.form_page import form_page
from veilignet.core.pagination import paginate

acute_roles = allow(*HOUSEHOLD_ROLES)


def _intake(request, pk):
    queryset = CrisisIntake.objects.for_user(request.user).select_related(
        "municipality", "intake_organisation", "registered_by"
    )
    return visible_or_404(request, queryset, pk)


def _form_page(request, form, action, title, submit, back):
    """The shared form page (`core.form_page.form_page`) in the acute-help layout."""
    context = {"title": title, "submit": submit, "back": back}
    return form_page(request, form, action, back, "acute/form.html", context)


@acute_roles
def shift(request):
    """The shift overview: open intakes of the user's organisation, handovers awaiting
    acceptance (the intake keeps "regie"), unaccepted ones escalated to the receiving team
    lead, handovers to the user's organisation and Handle with Care notices for her."""
    user = request.user
    now = timezone.now()
    own = CrisisIntake.objects.for_user(user).filter(intake_organisation_id=user.organisation_id)
    open_intakes = own.exclude(status=IntakeStatus.CLOSED).select_related("municipality")
    page = paginate(request, open_intakes)
    forwards = (
        CrisisForward.objects.for_user(user).pending().select_related("intake", "to_organisation")
    )
    outgoing = list(forwards.filter(intake__intake_organisation_id=user.organisation_id))
    incoming = list(forwards.filter(to_organisation_id=user.organisation_id))
    notices = HandleWithCareNotice.objects.for_user(user).filter(
        contact=user, acknowledged_at__isnull=True
    )
    events.crisis_intake_list_viewed(user, page.object_list)
    context = {
        "page": page,
        "outgoing": outgoing,
        "incoming": incoming,
        "escalated": [f for f in outgoing + incoming if f.escalated_at],
        "notices": list(notices),
        "now": now,
        "is_hospital": user.organisation.type == OrganisationType.HOSPITAL,
    }
    return render(request, "acute/shift.html", context)


@acute_roles
def intake_new(request):
    form = forms.IntakeForm(request.POST or None, region=request.user.organisation.region)
    return _form_page(
        request,
        form,
        lambda d: reverse(
            "acute:intake_detail", args=[services.register_intake(request.user, **d).pk]
        ),
        gettext_lazy("New crisis intake"),
        gettext_lazy("Register"),
        reverse("acute:shift"),
    )


@acute_roles
def intake_detail(request, pk):
    intake = _intake(request, pk)
    events.crisis_intake_viewed(request.user, intake)
    forwards = intake.forwards.select_related("to_organisation", "proposed_by", "answered_by")
    accepted = next((f for f in forwards if f.status == ForwardStatus.ACCEPTED), None)
    context = {
        "intake": intake,
        "forwards": forwards,
        "regie": accepted.to_organisation if accepted else intake.intake_organisation,
        "is_intake_team": request.user.organisation_id == intake.intake_organisation_id,
        "notices": intake.notices.select_related("school", "contact"),
        "history": intake.changes.select_related("changed_by"),
        "now": timezone.now(),
    }
    return render(request, "acute/intake_detail.html", context)


def _intake_action(request, pk, form_class, action, title, submit, **form_kwargs):
    """A form on the intake for its own organisation; the receiver of a handover only
    reads the intake (404, audited)."""
    intake = _intake(request, pk)
    if request.user.organisation_id != intake.intake_organisation_id:
        events.access_denied(request.user, intake)
        raise Http404
    back = reverse("acute:intake_detail", args=[intake.pk])
    form = form_class(request.POST or None, **form_kwargs)
    return _form_page(request, form, lambda d: action(intake, d), title, submit, back)


@acute_roles
def intake_triage(request, pk):
    return _intake_action(
        request,
        pk,
        forms.TriageForm,
        lambda intake, d: services.triage(request.user, intake, d["urgency"]),
        gettext_lazy("Triage: acute or not acute"),
        gettext_lazy("Save"),
    )


@acute_roles
def intake_conclude(request, pk):
    return _intake_action(
        request,
        pk,
        forms.ConcludeForm,
        lambda intake, d: services.conclude(request.user, intake, d["outcome"]),
        gettext_lazy("Outcome of the intake"),
        gettext_lazy("Save"),
    )


@acute_roles
def intake_forward(request, pk):
    return _intake_action(
        request,
        pk,
        forms.ForwardForm,
        lambda intake, d: services.forward(
            request.user, intake, d["to_organisation"], d["target"], d["summary"]
        ),
        gettext_lazy("Forward with a warm handover"),
        gettext_lazy("Forward"),
        region=request.user.organisation.region,
    )


@acute_roles
def forward_detail(request, pk):
    """The receiving organisation reads the intake and accepts or declines."""
    queryset = CrisisForward.objects.for_user(request.user).select_related(
        "intake__municipality", "to_organisation", "proposed_by"
    )
    handover = visible_or_404(request, queryset, pk)
    events.crisis_forward_viewed(request.user, handover)
    can_answer = services.can_answer(request.user, handover)
    form = forms.AnswerForm(request.POST or None) if can_answer else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            if form.cleaned_data["accept"]:
                services.accept_forward(request.user, handover)
            else:
                services.decline_forward(request.user, handover, form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("acute:shift")
    context = {"handover": handover, "intake": handover.intake, "form": form, "now": timezone.now()}
    return render(request, "acute/forward_detail.html", context)


@acute_roles
def figures(request):
    """Concerns per month, share outside office hours, share leading to crisis
    intervention and time to an accepted handover (aggregates only)."""
    intakes = CrisisIntake.objects.for_user(request.user).filter(
        intake_organisation_id=request.user.organisation_id
    )
    context = {"months": queries.monthly_figures(intakes), "totals": queries.totals(intakes)}
    return render(request, "acute/figures.html", context)


# Hospital one-stop shop ------------------------------------------------------------------


@acute_roles
def hospital_new(request):
    if request.user.organisation.type != OrganisationType.HOSPITAL:
        raise PermissionDenied
    form = forms.HospitalForm(request.POST or None, region=request.user.organisation.region)

    def action(d):
        victim = {k: d[k] for k in ("first_name", "last_name", "date_of_birth", "bsn")}
        registration = services.register_at_hospital(
            request.user,
            veilig_thuis=d["veilig_thuis"],
            municipality=d["municipality"],
            victim=victim,
            violence_forms=d["violence_forms"],
            story=d["story"],
            injuries=d["injuries"],
            safe_home=SafeHome(d["safe_home"]),
            forensic_examination=d["forensic_examination"],
            wants_police_report=d["wants_police_report"],
        )
        return reverse("acute:hospital_detail", args=[registration.pk])

    return _form_page(
        request,
        form,
        action,
        gettext_lazy("Register a victim of violence (one-stop shop)"),
        gettext_lazy("Register and report to Veilig Thuis"),
        reverse("acute:shift"),
    )


@acute_roles
def hospital_detail(request, pk):
    """The same story for the hospital, Veilig Thuis and the case team."""
    queryset = HospitalRegistration.objects.for_user(request.user).select_related(
        "hospital", "registered_by", "report__household", "report__handling_organisation"
    )
    registration = visible_or_404(request, queryset, pk)
    persons = list(registration.report.persons.all())
    events.hospital_registration_viewed(
        request.user, registration, [p.person_id for p in persons if p.person_id]
    )
    context = {"registration": registration, "report": registration.report, "persons": persons}
    return render(request, "acute/hospital_detail.html", context)


# Handle with Care --------------------------------------------------------------------------


@acute_roles
def notice_new(request, pk):
    return _intake_action(
        request,
        pk,
        forms.NoticeForm,
        lambda intake, d: reverse(
            "acute:notice_detail",
            args=[services.send_handle_with_care(request.user, intake, **d).pk],
        ),
        gettext_lazy("Handle with Care: notify the school"),
        gettext_lazy("Send the notice"),
        region=request.user.organisation.region,
    )


@acute_roles
def notice_detail(request, pk):
    """The notice as the school reads it: the child, the date, "give extra attention"."""
    queryset = HandleWithCareNotice.objects.for_user(request.user).select_related(
        "school", "contact", "sent_by"
    )
    notice = visible_or_404(request, queryset, pk)
    events.handle_with_care_viewed(request.user, notice)
    context = {"notice": notice, "is_contact": notice.contact_id == request.user.pk}
    return render(request, "acute/notice_detail.html", context)


@acute_roles
@require_POST
def notice_acknowledge(request, pk):
    """Only the addressed contact acknowledges; the sender's colleagues get 404 (audited)."""
    queryset = HandleWithCareNotice.objects.for_user(request.user).filter(contact=request.user)
    notice = visible_or_404(request, queryset, pk)
    if notice.acknowledged_at is None:
        services.acknowledge_notice(request.user, notice)
    return redirect("acute:notice_detail", pk=notice.pk)

"""Forms for the case pages; business rules are checked again in services."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from veilignet.accounts.models import HOUSEHOLD_ROLES, Organisation, User
from veilignet.cases.models import (
    HELP_TRANSITIONS,
    OPEN_PHASES,
    PHASE_TRANSITIONS,
    CaseRole,
    HelpAsked,
    HelpKind,
    HelpStatus,
    LeaveReason,
    Phase,
    SafetyJudgement,
    SafetyPlanVersion,
)
from veilignet.core.forms import StyledForm, StyledModelForm
from veilignet.people.models import Household, Person


class AssessmentForm(StyledForm):
    judgement = forms.ChoiceField(
        label=_("Safety assessment"), choices=SafetyJudgement.choices, widget=forms.RadioSelect
    )
    rationale = forms.CharField(label=_("Rationale of the assessment"), widget=forms.Textarea)


class OpenCaseForm(StyledForm):
    household = forms.ModelChoiceField(label=_("Household"), queryset=Household.objects.none())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["household"].queryset = Household.objects.for_user(user)


def professionals(region):
    """Users of the region's partners who can take part in a case."""
    return (
        User.objects.filter(organisation__region=region, role__in=HOUSEHOLD_ROLES, is_active=True)
        .select_related("organisation")
        .order_by("organisation__name", "last_name", "first_name")
    )


class ProfessionalChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj} ({obj.organisation})"


class MemberForm(StyledForm):
    user = ProfessionalChoiceField(label=_("Professional"), queryset=User.objects.none())
    case_role = forms.ChoiceField(
        label=_("Case role"), choices=[c for c in CaseRole.choices if c[0] != CaseRole.COORDINATOR]
    )

    def __init__(self, *args, region, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = professionals(region)


class LeaveForm(StyledForm):
    reason = forms.ChoiceField(
        label=_("Reason for leaving"),
        choices=[c for c in LeaveReason.choices if c[0] != LeaveReason.HANDED_OVER],
    )


class PhaseForm(AssessmentForm):
    to_phase = forms.ChoiceField(label=_("New phase"), choices=())
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea, required=False)
    field_order = ["to_phase", "judgement", "rationale", "reason"]

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = PHASE_TRANSITIONS[case.phase]
        self.fields["to_phase"].choices = [
            (p.value, p.label) for p in Phase if p in allowed and p in OPEN_PHASES
        ]


class IncidentForm(AssessmentForm):
    description = forms.CharField(label=_("What happened"), widget=forms.Textarea)
    field_order = ["description", "judgement", "rationale"]


class NoteForm(StyledForm):
    text = forms.CharField(label=_("Note"), widget=forms.Textarea)


class SafetyPlanForm(StyledModelForm):
    class Meta:
        model = SafetyPlanVersion
        fields = [
            "unsafe_who_why",
            "early_warning_signs",
            "who_to_call",
            "network_agreements",
            "agreed_on",
            "agreed_by",
        ]
        widgets = {"agreed_on": forms.DateInput}
        help_texts = {
            "unsafe_who_why": _("Short and factual."),
            "agreed_on": _("Leave empty while the plan is a draft."),
            "agreed_by": _("Who of the family agreed to the plan."),
        }


class ConditionForm(StyledForm):
    what = forms.CharField(label=_("What must or must not happen"), widget=forms.Textarea)
    responsible = forms.CharField(label=_("Who is responsible"), max_length=200)
    check = forms.CharField(label=_("How it is checked"), max_length=300)


ConditionFormSet = forms.formset_factory(ConditionForm, extra=2, can_delete=True)


class CauseForm(StyledForm):
    person = forms.ModelChoiceField(label=_("Person"), queryset=Person.objects.none())
    causes = forms.CharField(label=_("Causes of unsafety"), widget=forms.Textarea)

    def __init__(self, *args, household, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(memberships__household=household)


class GoalForm(StyledForm):
    description = forms.CharField(label=_("Goal"), widget=forms.Textarea)


class HelpForm(StyledForm):
    kind = forms.ChoiceField(label=_("Kind of help"), choices=HelpKind.choices)
    provider = forms.CharField(label=_("Provider"), max_length=200)
    person = forms.ModelChoiceField(label=_("For"), queryset=Person.objects.none(), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[(s.value, s.label) for s in (HelpStatus.WAITING, HelpStatus.ACTIVE)],
    )
    starts_on = forms.DateField(label=_("Start"), required=False, widget=forms.DateInput)
    ends_on = forms.DateField(label=_("End"), required=False, widget=forms.DateInput)

    def __init__(self, *args, household, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(memberships__household=household)


class HelpStatusForm(StyledForm):
    status = forms.ChoiceField(label=_("New status"), choices=())

    def __init__(self, *args, help_, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            (s.value, s.label) for s in HelpStatus if s in HELP_TRANSITIONS[help_.status]
        ]


class HandoverForm(StyledForm):
    to_organisation = forms.ModelChoiceField(
        label=_("Receiving organisation"), queryset=Organisation.objects.none()
    )
    to_user = ProfessionalChoiceField(
        label=_("Receiving professional"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("Leave empty to let the organisation's team lead assign someone."),
    )
    summary = forms.CharField(label=_("Summary for the receiver"), widget=forms.Textarea)

    def __init__(self, *args, region, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_organisation"].queryset = Organisation.objects.filter(region=region)
        self.fields["to_user"].queryset = professionals(region)

    def clean(self):
        data = super().clean()
        user, organisation = data.get("to_user"), data.get("to_organisation")
        if user and organisation and user.organisation_id != organisation.pk:
            self.add_error("to_user", _("This professional does not work for that organisation."))
        return data


class HandoverAnswerForm(StyledForm):
    decision = forms.ChoiceField(
        label=_("Your answer"),
        choices=[("accept", _("Accept: I become coordinator")), ("decline", _("Decline"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label=_("Reason for declining"), widget=forms.Textarea, required=False)

    def clean(self):
        data = super().clean()
        if data.get("decision") == "decline" and not data.get("reason", "").strip():
            self.add_error("reason", _("Give a reason when you decline."))
        return data


class EscalationForm(StyledForm):
    reason = forms.CharField(label=_("Why the case is stuck"), widget=forms.Textarea)
    help_asked = forms.ChoiceField(label=_("Kind of help asked"), choices=HelpAsked.choices)
    help_asked_detail = forms.CharField(label=_("Help asked, explained"), widget=forms.Textarea)


class EscalationAnswerForm(StyledForm):
    action = forms.ChoiceField(label=_("Action"), choices=(), widget=forms.RadioSelect)
    text = forms.CharField(label=_("What was decided, or why"), widget=forms.Textarea)

    def __init__(self, *args, actions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = actions


def parse_months(value):
    months = [part.strip() for part in value.split(",") if part.strip()]
    if not all(m.isdecimal() and 0 < int(m) <= 120 for m in months):
        raise forms.ValidationError(_("Give whole months between 1 and 120, separated by commas."))
    return [int(m) for m in months]


class CloseForm(AssessmentForm):
    reason = forms.CharField(label=_("Reason for closing"), widget=forms.Textarea)
    follow_up_months = forms.CharField(
        label=_("Follow-up checks (months after closure)"),
        help_text=_("Separated by commas. Leave empty for no follow-up checks."),
        required=False,
    )
    field_order = ["reason", "judgement", "rationale", "follow_up_months"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["follow_up_months"].initial = ", ".join(
            str(m) for m in settings.VEILIGNET_FOLLOW_UP_MONTHS
        )

    def clean_follow_up_months(self):
        return parse_months(self.cleaned_data["follow_up_months"])


class FollowUpForm(AssessmentForm):
    contact_made = forms.TypedChoiceField(
        label=_("Was there contact with the family?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    reopen = forms.BooleanField(label=_("Reopen the case"), required=False)
    field_order = ["contact_made", "judgement", "rationale", "reopen"]

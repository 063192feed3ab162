"""Forms of the MDA++ pages; the business rules are checked again in services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from veilignet.accounts.models import User
from veilignet.core.forms import StyledForm
from veilignet.mda.models import CRITERIA, JusticeKind, Referral, Team, TeamMembership


class ReferralForm(StyledForm):
    team = forms.ModelChoiceField(label=_("MDA++ team"), queryset=Team.objects.none())
    motivation = forms.CharField(label=_("Why the team is needed"), widget=forms.Textarea)

    def __init__(self, *args, region, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = Team.objects.filter(region=region)
        for name, label in CRITERIA:
            self.fields[name] = forms.BooleanField(label=label, required=False)
        self.order_fields(["team", *(name for name, _label in CRITERIA), "motivation"])


class CoordinatorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return _("%(name)s (%(organisation)s): %(load)s of %(max)s cases") % {
            "name": obj.user,
            "organisation": obj.organisation,
            "load": obj.caseload,
            "max": obj.max_cases,
        }


class AcceptForm(StyledForm):
    coordinator = CoordinatorChoiceField(
        label=_("Long-term case coordinator"), queryset=TeamMembership.objects.none()
    )

    def __init__(self, *args, coordinators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coordinator"].queryset = coordinators


class DeclineForm(StyledForm):
    advice = forms.CharField(
        label=_("Advice to the referrer"),
        help_text=_("What should happen instead? The referrer reads this."),
        widget=forms.Textarea,
    )


class JusticeInfoForm(StyledForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=JusticeKind.choices)
    status = forms.CharField(label=_("Justice status"), max_length=200)
    details = forms.CharField(label=_("Details"), widget=forms.Textarea, required=False)


class HandoverForm(StyledForm):
    summary = forms.CharField(label=_("Summary for the new coordinator"), widget=forms.Textarea)


class ConferenceForm(StyledForm):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput)


class AttendanceForm(StyledForm):
    memberships = forms.ModelMultipleChoiceField(
        label=_("Present"),
        queryset=TeamMembership.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, team, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["memberships"].queryset = team.memberships.active().select_related(
            "user", "organisation"
        )


class ScenarioForm(StyledForm):
    care_steps = forms.CharField(label=_("What the care partners do"), widget=forms.Textarea)
    justice_steps = forms.CharField(label=_("What the justice partners do"), widget=forms.Textarea)
    sequence = forms.CharField(label=_("In which order"), widget=forms.Textarea)


class ActionForm(StyledForm):
    description = forms.CharField(label=_("Action"), max_length=300)
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=User.objects.none())
    due_on = forms.DateField(label=_("Due on"), widget=forms.DateInput)

    def __init__(self, *args, team, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = User.objects.filter(
            mda_memberships__team=team, mda_memberships__left_at__isnull=True
        ).order_by("last_name", "first_name")


class MinutesForm(StyledForm):
    minutes = forms.CharField(label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 12}))


class ReferralFilterForm(StyledForm):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("All statuses")), *Referral._meta.get_field("status").choices],
        required=False,
    )

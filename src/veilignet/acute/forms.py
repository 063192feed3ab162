"""Forms of the acute-help pages; the business rules are checked again in services."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from veilignet.accounts.models import Organisation, OrganisationType, User
from veilignet.acute.models import ForwardTarget, IntakeChannel, IntakeOutcome, SafeHome, Urgency
from veilignet.core.forms import StyledForm
from veilignet.people.bsn import validate_bsn
from veilignet.regions.models import Municipality
from veilignet.reports.models import ViolenceForm


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class IntakeForm(StyledForm):
    received_at = forms.DateTimeField(
        label=_("Received at"), widget=DateTimeLocalInput(), initial=timezone.localtime
    )
    channel = forms.ChoiceField(label=_("Channel"), choices=IntakeChannel.choices)
    caller = forms.CharField(label=_("Who called"), max_length=200, required=False)
    first_name = forms.CharField(label=_("First name"), max_length=100, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    date_of_birth = forms.DateField(
        label=_("Date of birth"), widget=forms.DateInput, required=False
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=Municipality.objects.none()
    )
    concern = forms.CharField(label=_("Concern"), widget=forms.Textarea)

    def __init__(self, *args, region, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.filter(region=region)


class TriageForm(StyledForm):
    urgency = forms.ChoiceField(
        label=_("Urgency"), choices=Urgency.choices, widget=forms.RadioSelect
    )


class ConcludeForm(StyledForm):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[c for c in IntakeOutcome.choices if c[0] != IntakeOutcome.FORWARDED],
        widget=forms.RadioSelect,
    )


class ForwardForm(StyledForm):
    target = forms.ChoiceField(label=_("Forward to"), choices=ForwardTarget.choices)
    to_organisation = forms.ModelChoiceField(
        label=_("Receiving organisation"), queryset=Organisation.objects.none()
    )
    summary = forms.CharField(label=_("Summary for the receiver"), widget=forms.Textarea)

    def __init__(self, *args, region, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_organisation"].queryset = Organisation.objects.filter(region=region)


class AnswerForm(StyledForm):
    accept = forms.TypedChoiceField(
        label=_("Your answer"),
        choices=[("yes", _("Accept: we take over")), ("no", _("Decline"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label=_("Reason for declining"), widget=forms.Textarea, required=False)

    def clean(self):
        data = super().clean()
        if data.get("accept") is False and not data.get("reason", "").strip():
            self.add_error("reason", _("Give a reason for declining."))
        return data


class HospitalForm(StyledForm):
    veilig_thuis = forms.ModelChoiceField(
        label=_("Veilig Thuis"), queryset=Organisation.objects.none()
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality where the victim lives"), queryset=Municipality.objects.none()
    )
    first_name = forms.CharField(label=_("First name"), max_length=100, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    date_of_birth = forms.DateField(
        label=_("Date of birth"), widget=forms.DateInput, required=False
    )
    bsn = forms.CharField(label=_("BSN"), max_length=9, required=False, validators=[validate_bsn])
    violence_forms = forms.MultipleChoiceField(
        label=_("Forms of violence"),
        choices=ViolenceForm.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    story = forms.CharField(label=_("What happened, in the victim's words"), widget=forms.Textarea)
    injuries = forms.CharField(label=_("Injuries"), widget=forms.Textarea)
    safe_home = forms.ChoiceField(
        label=_("Can you go home safely?"), choices=SafeHome.choices, widget=forms.RadioSelect
    )
    forensic_examination = forms.BooleanField(label=_("Forensic examination done"), required=False)
    wants_police_report = forms.BooleanField(
        label=_("The victim wishes to report to the police"), required=False
    )

    def __init__(self, *args, region, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["veilig_thuis"].queryset = Organisation.objects.filter(
            region=region, type=OrganisationType.VEILIG_THUIS
        )
        self.fields["municipality"].queryset = Municipality.objects.filter(region=region)


class ContactChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj} ({obj.organisation})"


class NoticeForm(StyledForm):
    child_first_name = forms.CharField(label=_("Child's first name"), max_length=100)
    child_last_name = forms.CharField(label=_("Child's last name"), max_length=150)
    child_date_of_birth = forms.DateField(label=_("Child's date of birth"), widget=forms.DateInput)
    contact = ContactChoiceField(label=_("School contact person"), queryset=User.objects.none())

    def __init__(self, *args, region, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact"].queryset = (
            User.objects.filter(school_contacts__school__region=region)
            .distinct()
            .select_related("organisation")
            .order_by("organisation__name", "last_name")
        )

"""Forms for intake, triage, decision, feedback and assignment (Dutch labels via i18n)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from veilignet.core.forms import LongSelect, StyledForm
from veilignet.people.models import MemberRole
from veilignet.regions.models import Municipality
from veilignet.reports import validation
from veilignet.reports.models import (
    Channel,
    Judgement,
    Kind,
    Outcome,
    RiskFactor,
    Sector,
    ViolenceForm,
)


class LocalDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


def _now_minute():
    return timezone.localtime().replace(second=0, microsecond=0)


class IntakeForm(StyledForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices, widget=forms.RadioSelect)
    received_at = forms.DateTimeField(
        label=_("Received at"), widget=LocalDateTimeInput, initial=_now_minute
    )
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=Municipality.objects.none()
    )
    reporter_sector = forms.ChoiceField(label=_("Reporter's sector"), choices=Sector.choices)
    reporter_anonymous = forms.BooleanField(label=_("The reporter is anonymous"), required=False)
    reporter_name = forms.CharField(label=_("Reporter's name"), max_length=200, required=False)
    reporter_organisation = forms.CharField(
        label=_("Reporter's organisation"), max_length=200, required=False
    )
    reporter_phone = forms.CharField(label=_("Reporter's phone"), max_length=32, required=False)
    reporter_email = forms.EmailField(label=_("Reporter's e-mail"), required=False)
    reporter_wants_feedback = forms.BooleanField(
        label=_("The reporter wants feedback"), required=False
    )
    violence_forms = forms.MultipleChoiceField(
        label=_("Forms of violence"),
        choices=ViolenceForm.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    complex_divorce = forms.BooleanField(label=_("Complex divorce"), required=False)
    concern = forms.CharField(label=_("The concern"), widget=forms.Textarea)

    def __init__(self, *args, region=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.filter(region=region)

    def clean(self):
        data = super().clean()
        if data.get("received_at"):
            error = validation.received_at_error(data["received_at"])
            if error:
                self.add_error("received_at", error)
        reporter = self.reporter()
        for name, message in validation.reporter_errors(**reporter).items():
            self.add_error(f"reporter_{name}", message)
        return data

    def reporter(self):
        prefix = "reporter_"
        return {
            name.removeprefix(prefix): value
            for name, value in self.cleaned_data.items()
            if name.startswith(prefix)
        }

    def service_kwargs(self):
        """The registration data in the shape services.register() takes."""
        data = {k: v for k, v in self.cleaned_data.items() if not k.startswith("reporter_")}
        return {**data, "reporter": self.reporter()}


class ReportedPersonForm(StyledForm):
    """One person in the report; an entirely empty row is ignored."""

    role = forms.ChoiceField(
        label=_("Role"), choices=[("", "—"), *MemberRole.choices], required=False
    )
    first_name = forms.CharField(label=_("First name"), max_length=100, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    date_of_birth = forms.DateField(
        label=_("Date of birth"), required=False, widget=forms.DateInput
    )
    bsn = forms.CharField(
        label=_("BSN"),
        max_length=9,
        required=False,
        help_text=_("Optional. Nine digits; leave empty when unknown."),
    )

    def clean_bsn(self):
        value = self.cleaned_data["bsn"].strip()
        error = validation.bsn_error(value)
        if error:
            raise ValidationError(error)
        return value

    def clean(self):
        data = super().clean()
        filled = any(data.get(name) for name in ("first_name", "last_name", "date_of_birth", "bsn"))
        if filled and not data.get("role"):
            self.add_error("role", _("Choose the person's role."))
        return data

    @property
    def is_blank(self):
        return not any(self.cleaned_data.get(name) for name in self.fields)


class BaseReportedPersonFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        rows = [form.cleaned_data for form in self.forms]
        for position in validation.duplicate_bsn_positions(rows):
            self.forms[position].add_error("bsn", validation.DUPLICATE_BSN)

    def persons(self):
        return [form.cleaned_data for form in self.forms if not form.is_blank]


ReportedPersonFormSet = forms.formset_factory(
    ReportedPersonForm, formset=BaseReportedPersonFormSet, extra=4, max_num=12
)


class AssessmentForm(StyledForm):
    immediate_danger = forms.BooleanField(label=_("There is immediate danger"), required=False)
    risk_factors = forms.MultipleChoiceField(
        label=_("Risk factors"),
        choices=RiskFactor.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    children_present = forms.BooleanField(label=_("Children are present"), required=False)
    judgement = forms.ChoiceField(
        label=_("Overall judgement"), choices=Judgement.choices, widget=forms.RadioSelect
    )
    rationale = forms.CharField(label=_("Rationale"), widget=forms.Textarea)


class DecisionForm(StyledForm):
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=Outcome.choices, widget=forms.RadioSelect
    )
    rationale = forms.CharField(label=_("Rationale"), widget=forms.Textarea)


class FeedbackForm(StyledForm):
    given_at = forms.DateTimeField(
        label=_("Fed back at"), widget=LocalDateTimeInput, initial=_now_minute
    )
    summary = forms.CharField(label=_("What was fed back"), widget=forms.Textarea)

    def clean_given_at(self):
        value = self.cleaned_data["given_at"]
        if value > timezone.now():
            raise ValidationError(_("This moment cannot be in the future."))
        return value


class CloseForm(StyledForm):
    note = forms.CharField(label=_("Closing note"), max_length=255)


class WorklistFilterForm(StyledForm):
    """Filters of the worklist; every field is optional."""

    q = forms.CharField(label=_("Search by reference or surname"), required=False)
    # Every select renders its options in Python (LongSelect): the form is on every
    # worklist page, and a template include per option costs more than the rows.
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[("", _("All")), *Kind.choices],
        required=False,
        widget=LongSelect,
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.none(),
        required=False,
        empty_label=_("All"),
        widget=LongSelect,
    )
    violence = forms.ChoiceField(
        label=_("Form of violence"),
        choices=[("", _("All")), *ViolenceForm.choices],
        required=False,
        widget=LongSelect,
    )
    assignee = forms.ChoiceField(label=_("Assigned to"), required=False, widget=LongSelect)
    status = forms.ChoiceField(label=_("Status"), required=False, widget=LongSelect)

    def __init__(self, *args, region=None, colleagues=(), statuses=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.filter(region=region)
        self.fields["assignee"].choices = [
            ("", _("Anyone")),
            ("me", _("Me")),
            ("none", _("Nobody")),
            *[(str(user.pk), str(user)) for user in colleagues],
        ]
        self.fields["status"].choices = [
            ("", _("All open")),
            ("feedback", _("Feedback to the reporter outstanding")),
            *statuses,
        ]

"""Forms for emergency access, its review and a person's rights."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from veilignet.core.forms import StyledForm, StyledModelForm
from veilignet.core.references import reference_number
from veilignet.people.bsn import validate_bsn
from veilignet.people.forms import PERSON_FIELDS
from veilignet.people.models import Person


class EmergencyAccessForm(StyledForm):
    case = forms.CharField(
        label=_("Case reference"), max_length=20, help_text=_("For example CA-000123.")
    )
    reason = forms.CharField(
        label=_("Why do you need this case now?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Your reason is shown to the case coordinator and the privacy officer."),
    )

    def clean_case(self):
        number = reference_number(self.cleaned_data["case"], "CA-")
        if number is None or number >= 10**12:  # at most 12 digits
            raise forms.ValidationError(_("Enter a case reference such as CA-000123."))
        return number

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        minimum = settings.VEILIGNET_EMERGENCY_REASON_MIN_LENGTH
        if len(reason) < minimum:
            raise forms.ValidationError(
                _("Explain the emergency in at least %(count)d characters.") % {"count": minimum}
            )
        return reason


class ReviewForm(StyledForm):
    note = forms.CharField(
        label=_("Review"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class PersonSearchForm(StyledForm):
    bsn = forms.CharField(label=_("BSN"), required=False, max_length=9, validators=[validate_bsn])
    last_name = forms.CharField(label=_("Last name"), required=False, max_length=150)
    date_of_birth = forms.DateField(label=_("Date of birth"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date_of_birth"].widget.input_type = "date"

    def clean(self):
        data = super().clean()
        if not data.get("bsn") and not data.get("last_name"):
            raise forms.ValidationError(_("Enter a BSN or a last name."))
        return data


class RestrictionForm(StyledForm):
    reason = forms.CharField(
        label=_("Reason for the restriction"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )


class RectificationForm(StyledModelForm):
    request_note = forms.CharField(
        label=_("What did the person ask to correct?"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )

    class Meta:
        model = Person
        fields = PERSON_FIELDS
        widgets = {"date_of_birth": forms.DateInput}

"""The auditor's search form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from veilignet.core.forms import StyledForm
from veilignet.people.bsn import validate_bsn


class AuditSearchForm(StyledForm):
    person = forms.IntegerField(label=_("Person number"), required=False, min_value=1)
    bsn = forms.CharField(label=_("BSN of the person"), required=False, validators=[validate_bsn])
    username = forms.CharField(label=_("Username of the user"), required=False, max_length=150)
    start = forms.DateField(label=_("From"), required=False, widget=forms.DateInput)
    end = forms.DateField(label=_("Up to and including"), required=False, widget=forms.DateInput)

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            self.add_error("end", _("The end date lies before the start date."))
        return data

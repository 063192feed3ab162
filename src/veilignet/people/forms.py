"""Forms for households and persons."""

from django import forms
from django.utils.translation import gettext_lazy as _

from veilignet.core.forms import StyledForm, StyledModelForm
from veilignet.people.models import MemberRole, Person
from veilignet.regions.models import Municipality


class HouseholdForm(StyledForm):
    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=Municipality.objects.none()
    )

    def __init__(self, *args, region=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.filter(region=region)


PERSON_FIELDS = [
    "first_name",
    "last_name",
    "date_of_birth",
    "gender",
    "bsn",
    "address",
    "postcode",
    "city",
]


class PersonForm(StyledModelForm):
    class Meta:
        model = Person
        fields = PERSON_FIELDS
        widgets = {"date_of_birth": forms.DateInput}
        help_texts = {"bsn": _("Optional. Nine digits; leave empty when unknown.")}


class MemberForm(PersonForm):
    role = forms.ChoiceField(label=_("Role in the household"), choices=MemberRole.choices)

    class Meta(PersonForm.Meta):
        fields = ["role", *PERSON_FIELDS]

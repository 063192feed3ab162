"""The dashboard's filter form (GET): period, municipality, form of violence, indicator."""

from django import forms
from django.utils.translation import gettext_lazy as _

from veilignet import deadlines
from veilignet.core.forms import StyledForm
from veilignet.monitoring.indicators import REGISTRY
from veilignet.monitoring.periods import Period
from veilignet.reports.models import ViolenceForm


def period_choices(today=None):
    """The last 12 quarters, 6 half years and 5 years, newest first."""
    today = today or deadlines.today()
    choices = []
    for kind, count, label in (
        ("Q", 12, _("Quarters")),
        ("H", 6, _("Half years")),
        ("Y", 5, _("Years")),
    ):
        periods = Period.containing(today, kind).previous(count)
        choices.append((label, [(str(p), str(p)) for p in reversed(periods)]))
    return choices


def default_period(today=None):
    """The last complete quarter."""
    return Period.containing(today or deadlines.today(), "Q").shifted(-1)


class FilterForm(StyledForm):
    period = forms.ChoiceField(label=_("Period"))
    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=None, required=False, empty_label=_("Whole region")
    )
    violence_form = forms.ChoiceField(
        label=_("Form of violence"),
        choices=[("", _("All forms")), *ViolenceForm.choices],
        required=False,
    )
    indicator = forms.ChoiceField(
        label=_("Indicator for comparison and trend"),
        choices=[(key, ind.label) for key, ind in REGISTRY.items()],
        required=False,
    )

    def __init__(self, region, data=None):
        data = data.copy() if data is not None else {}
        data.setdefault("period", str(default_period()))
        super().__init__(data)
        self.fields["period"].choices = period_choices()
        self.fields["municipality"].queryset = region.municipalities.all()

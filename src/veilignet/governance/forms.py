"""Forms of governance; choices are always limited to the user's region."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from veilignet.accounts.models import Organisation, User
from veilignet.core.forms import StyledForm, StyledModelForm, style_widgets
from veilignet.governance import privacy
from veilignet.governance.models import (
    ActDecision,
    ActionStatus,
    Assessment,
    ClosureOutcome,
    Direction,
    LeadRole,
    Network,
    NetworkKind,
    Priority,
    QuestionKind,
    region_id_of,
)


def _region_users(region_id):
    return User.objects.filter(organisation__region_id=region_id, is_active=True).select_related(
        "organisation"
    )


class UserChoiceField(forms.ModelChoiceField):
    """A professional, shown with her organisation."""

    def label_from_instance(self, obj):
        return f"{obj} ({obj.organisation})"


class NetworkForm(StyledModelForm):
    class Meta:
        model = Network
        fields = [
            "kind",
            "name",
            "description",
            "ambition",
            "guiding_principles",
            "working_agreements",
            "meetings_per_year",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "ambition": forms.Textarea(attrs={"rows": 4}),
            "guiding_principles": forms.Textarea(attrs={"rows": 6}),
            "working_agreements": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {"guiding_principles": _("One principle per line.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["kind"]
        else:
            self.fields["kind"].initial = NetworkKind.THEMED


class MemberForm(StyledForm):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none()
    )
    representative = UserChoiceField(label=_("Representative"), queryset=User.objects.none())
    deputy = UserChoiceField(label=_("Deputy"), queryset=User.objects.none(), required=False)
    lead_role = forms.ChoiceField(label=_("Lead role"), choices=LeadRole.choices)

    def __init__(self, *args, region_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(region_id=region_id)
        self.fields["representative"].queryset = _region_users(region_id)
        self.fields["deputy"].queryset = _region_users(region_id)


class BottleneckForm(StyledForm):
    """The simple form for practitioners; refuses texts that contain personal data."""

    title = forms.CharField(label=_("What goes wrong? (one line)"), max_length=200)
    description = forms.CharField(
        label=_("Describe the problem and where it hinders"),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    example = forms.CharField(
        label=_("An anonymised example"),
        help_text=_("No names, dates of birth, BSNs, addresses, phone numbers or e-mail."),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    requested = forms.CharField(
        label=_("What do you ask of the network?"), widget=forms.Textarea(attrs={"rows": 3})
    )
    theme = forms.ModelChoiceField(
        label=_("Theme"),
        queryset=Network.objects.none(),
        required=False,
        empty_label=_("I don't know (the platform decides)"),
    )
    organisations = forms.ModelMultipleChoiceField(
        label=_("Organisations involved"),
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        region_id = region_id_of(user)
        self.fields["theme"].queryset = Network.objects.filter(
            region_id=region_id, kind=NetworkKind.THEMED
        )
        self.fields["organisations"].queryset = Organisation.objects.filter(region_id=region_id)

    def clean(self):
        cleaned = super().clean()
        for name in ("title", "description", "example", "requested"):
            kinds = privacy.find_personal_data(cleaned.get(name, ""))
            if kinds:
                self.add_error(
                    name,
                    _("Remove personal data from this text (found: %(kinds)s).")
                    % {"kinds": privacy.describe(kinds)},
                )
        return cleaned


class TriageForm(StyledForm):
    priority = forms.ChoiceField(
        label=_("Priority"), choices=Priority.choices, widget=forms.RadioSelect
    )
    network = forms.ModelChoiceField(label=_("Network"), queryset=Network.objects.none())
    note = forms.CharField(
        label=_("Rationale"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, region_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["network"].queryset = Network.objects.filter(region_id=region_id)


class CloseForm(StyledForm):
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=ClosureOutcome.choices, widget=forms.RadioSelect
    )
    check_evidence = forms.CharField(
        label=_("Check: how do we know it is solved, or why do we accept it?"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    feedback = forms.CharField(
        label=_("Feedback to practice"),
        help_text=_("Sent to the submitter and the practitioners it came from."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ReopenForm(StyledForm):
    note = forms.CharField(
        label=_("Why is it not solved?"), widget=forms.Textarea(attrs={"rows": 3})
    )


class ActionForm(StyledForm):
    title = forms.CharField(label=_("Action"), max_length=200)
    owner = UserChoiceField(
        label=_("Owner"),
        queryset=User.objects.none(),
        help_text=_("The owner's organisation is recorded with the action."),
    )
    due_date = forms.DateField(label=_("Due date"), widget=forms.DateInput)
    expected_effect = forms.CharField(
        label=_("Expected effect"), widget=forms.Textarea(attrs={"rows": 3})
    )
    success_check = forms.CharField(
        label=_("How is success checked?"), widget=forms.Textarea(attrs={"rows": 3})
    )
    indicator_key = forms.CharField(
        label=_("Monitoring indicator (key)"),
        max_length=64,
        required=False,
        help_text=_("Optional, e.g. re_report_share."),
    )

    def __init__(self, *args, region_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = _region_users(region_id)


class MoveForm(StyledForm):
    status = forms.ChoiceField(label=_("Next step"), widget=forms.RadioSelect)
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [(c, ActionStatus(c).label) for c in choices]


class CheckForm(StyledForm):
    effect_reached = forms.TypedChoiceField(
        label=_("Was the expected effect reached?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    evidence = forms.CharField(label=_("Evidence"), widget=forms.Textarea(attrs={"rows": 4}))
    indicator_value = forms.DecimalField(
        label=_("Indicator value"), max_digits=10, decimal_places=2, required=False
    )


class DecideForm(StyledForm):
    decision = forms.ChoiceField(
        label=_("Act"), choices=ActDecision.choices, widget=forms.RadioSelect
    )
    new_due_date = forms.DateField(
        label=_("New due date (when adjusting)"), widget=forms.DateInput, required=False
    )
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


def _year_choices():
    year = timezone.localdate().year
    return [(y, y) for y in range(year - 2, year + 5)]


class ObjectiveForm(StyledForm):
    network = forms.ModelChoiceField(
        label=_("Platform or network"), queryset=Network.objects.none()
    )
    statement = forms.CharField(label=_("Objective"), max_length=300)
    measure = forms.CharField(
        label=_("Measure: how do we know it is reached?"), widget=forms.Textarea(attrs={"rows": 3})
    )
    indicator_key = forms.CharField(
        label=_("Monitoring indicator (key)"),
        max_length=64,
        required=False,
        help_text=_("Optional, e.g. re_report_share."),
    )
    target_value = forms.DecimalField(
        label=_("Target value"), max_digits=10, decimal_places=2, required=False
    )
    direction = forms.ChoiceField(
        label=_("Direction"), choices=[("", "—"), *Direction.choices], required=False
    )
    owner = UserChoiceField(label=_("Owner"), queryset=User.objects.none())
    start_year = forms.TypedChoiceField(label=_("From year"), coerce=int, choices=())
    end_year = forms.TypedChoiceField(label=_("Up to and including year"), coerce=int, choices=())
    first_moment = forms.DateField(label=_("First evaluation moment"), widget=forms.DateInput)
    second_moment = forms.DateField(
        label=_("Second evaluation moment"), widget=forms.DateInput, required=False
    )

    def __init__(self, *args, region_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["network"].queryset = Network.objects.filter(region_id=region_id)
        self.fields["owner"].queryset = _region_users(region_id)
        self.fields["start_year"].choices = _year_choices()
        self.fields["end_year"].choices = _year_choices()

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_year"), cleaned.get("end_year")
        if start and end and not start <= end <= start + 1:
            self.add_error("end_year", _("An objective runs for one or two years."))
        if cleaned.get("indicator_key") and not cleaned.get("direction"):
            self.add_error("direction", _("Say whether the indicator should rise or fall."))
        return cleaned


class MomentForm(StyledForm):
    planned_for = forms.DateField(label=_("Evaluation moment"), widget=forms.DateInput)


class AssessForm(StyledForm):
    assessment = forms.ChoiceField(
        label=_("Assessment"), choices=Assessment.choices, widget=forms.RadioSelect
    )
    indicator_value = forms.DecimalField(
        label=_("Measured value"), max_digits=10, decimal_places=2, required=False
    )
    note = forms.CharField(
        label=_("Explanation"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class MeetingForm(StyledForm):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput)
    location = forms.CharField(label=_("Location"), max_length=200, required=False)


class AgendaItemForm(StyledForm):
    title = forms.CharField(label=_("Agenda item"), max_length=300)


class AttendanceForm(StyledForm):
    memberships = forms.ModelMultipleChoiceField(
        label=_("Present"), queryset=None, widget=forms.CheckboxSelectMultiple, required=False
    )

    def __init__(self, *args, memberships=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["memberships"].queryset = memberships
        self.fields["memberships"].label_from_instance = lambda m: (
            f"{m.organisation} ({m.representative})"
        )


class DecisionForm(StyledForm):
    text = forms.CharField(label=_("Decision"), widget=forms.Textarea(attrs={"rows": 3}))
    bottleneck = forms.ModelChoiceField(
        label=_("Concerns bottleneck"), queryset=None, required=False
    )
    action = forms.ModelChoiceField(label=_("Concerns action"), queryset=None, required=False)

    def __init__(self, *args, network=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bottleneck"].queryset = network.bottlenecks.all()
        self.fields["action"].queryset = network.actions.all()


class MinutesForm(StyledForm):
    minutes = forms.CharField(label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 10}))


class QuestionnaireForm(StyledForm):
    """A custom questionnaire: one question per line; a closed question lists its options
    after a vertical bar, separated by semicolons."""

    title = forms.CharField(label=_("Title"), max_length=200)
    introduction = forms.CharField(
        label=_("Introduction"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    questions = forms.CharField(
        label=_("Questions"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "One question per line. For a closed question add the options after a | "
            "separated by ; (e.g. 'Do members know each other? | Yes; Partly; No')."
        ),
    )

    def clean_questions(self):
        parsed = []
        for line in self.cleaned_data["questions"].splitlines():
            if not line.strip():
                continue
            text, bar, options = line.partition("|")
            choices = [o.strip() for o in options.split(";") if o.strip()]
            if bar and len(choices) < 2:
                raise forms.ValidationError(_("A closed question needs at least two options."))
            kind = QuestionKind.CHOICE if choices else QuestionKind.OPEN
            parsed.append((text.strip(), kind, choices))
        if not parsed:
            raise forms.ValidationError(_("Add at least one question."))
        return parsed


class SendEvaluationForm(StyledForm):
    questionnaire = forms.ModelChoiceField(label=_("Questionnaire"), queryset=None)
    network = forms.ModelChoiceField(label=_("Send to the members of"), queryset=None)
    closes_on = forms.DateField(label=_("Answers until"), widget=forms.DateInput)

    def __init__(self, *args, questionnaires=None, networks=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["questionnaire"].queryset = questionnaires
        self.fields["network"].queryset = networks
        self.fields["closes_on"].initial = timezone.localdate() + datetime.timedelta(days=28)


class ResponseForm(StyledForm):
    """One field per question: a text area for open questions, radio buttons for closed."""

    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        for question in questions:
            label = f"{question.position}. {question.text}"
            if question.kind == QuestionKind.CHOICE:
                field = forms.ChoiceField(
                    label=label,
                    choices=[(o, o) for o in question.options],
                    widget=forms.RadioSelect,
                    required=False,
                )
            else:
                field = forms.CharField(
                    label=label, widget=forms.Textarea(attrs={"rows": 3}), required=False
                )
            self.fields[f"q{question.pk}"] = field
        style_widgets(self)

    def answers(self):
        return {int(name[1:]): value or "" for name, value in self.cleaned_data.items()}

"""Form rendering: choice groups list their options with a label beside each input."""

import re

import pytest
from django import forms

from veilignet.core.forms import LongSelect, StyledForm


class ChoiceForm(StyledForm):
    kind = forms.ChoiceField(choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)
    tags = forms.MultipleChoiceField(
        choices=[("x", "X"), ("y", "Y")], widget=forms.CheckboxSelectMultiple
    )
    agree = forms.BooleanField()


def test_choice_groups_keep_the_input_classes_off_their_wrapper():
    html = str(ChoiceForm())
    assert '<div id="id_kind" class="vn-choices">' in html
    assert '<div id="id_tags" class="vn-choices">' in html
    assert html.count('class="utrecht-radio-button utrecht-radio-button--html-input"') == 2
    label = '<label class="utrecht-form-label utrecht-form-label--{}" for="{}">{}</label>'
    assert label.format("radio", "id_kind_0", "A") in html
    assert html.count('class="utrecht-checkbox utrecht-checkbox--html-input"') == 3
    assert label.format("checkbox", "id_tags_1", "Y") in html


def test_only_a_single_checkbox_gets_the_checkbox_field_layout():
    html = str(ChoiceForm())
    assert html.count("utrecht-form-field--checkbox") == 1


@pytest.mark.parametrize("value", ["", "2", None])
def test_long_select_renders_like_djangos_select(value):
    choices = [("", "Iedereen"), ("1", "Anna <de Vries>"), ("2", "Bram & Co")]
    attrs = {"class": "utrecht-select", "id": "id_who"}
    fast = LongSelect(choices=choices).render("who", value, attrs)
    plain = forms.Select(choices=choices).render("who", value, attrs)
    assert fast == re.sub(r">\s+<", "><", plain.strip())
    assert fast.count(" selected") == 1  # None selects the empty choice, as in Django

"""Form rendering with NL Design System (Utrecht) components and inline errors."""

from django import forms
from django.forms.renderers import DjangoTemplates
from django.forms.utils import flatatt
from django.forms.widgets import Input
from django.utils.html import format_html, format_html_join

WIDGET_CLASSES = {
    forms.Textarea: "utrecht-textarea utrecht-textarea--html-textarea",
    forms.Select: "utrecht-select utrecht-select--html-select",
    forms.CheckboxInput: "utrecht-checkbox utrecht-checkbox--html-input",
    # Before RadioSelect, its base class: the first match wins.
    forms.CheckboxSelectMultiple: "utrecht-checkbox utrecht-checkbox--html-input",
    forms.RadioSelect: "utrecht-radio-button utrecht-radio-button--html-input",
    Input: "utrecht-textbox utrecht-textbox--html-input",
}


def option_tags(choices, chosen=frozenset()):
    """The <option>s of (value, label) `choices`, rendered in Python rather than through
    one template include each (~0.1 ms per option); values in `chosen` (str) selected."""
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((key, " selected" if str(key) in chosen else "", label) for key, label in choices),
    )


class LongSelect(forms.Select):
    """A select whose options come from `option_tags` (no template per option): for long
    lists (hundreds of colleagues) and forms on busy pages."""

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        options = option_tags(self.choices, set(self.format_value(value)))
        return format_html('<select name="{}"{}>{}</select>', name, flatatt(attrs), options)


class UtrechtFormRenderer(DjangoTemplates):
    """Render every form and field with the project's accessible templates."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"


class StyledForm(forms.Form):
    """A form whose widgets carry the Utrecht component classes and invalid state."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)

    def full_clean(self):
        super().full_clean()
        mark_invalid(self)


class StyledModelForm(forms.ModelForm):
    """A model form with the same styling as `StyledForm`."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)

    def full_clean(self):
        super().full_clean()
        mark_invalid(self)


def style_widgets(form):
    for field in form.fields.values():
        widget = field.widget
        for widget_type, css in WIDGET_CLASSES.items():
            if isinstance(widget, widget_type):
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()
                break
        if isinstance(widget, (forms.RadioSelect, forms.CheckboxSelectMultiple)):
            # Django's own template puts the input classes on the wrapper as well.
            widget.template_name = "forms/choices.html"
        if isinstance(widget, forms.DateInput):
            widget.input_type = "date"
            widget.format = "%Y-%m-%d"


def mark_invalid(form):
    for name in form.errors:
        if name in form.fields:
            widget = form.fields[name].widget
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} utrecht-textbox--invalid"

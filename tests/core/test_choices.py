"""Every choice field's `get_FOO_display()` gives Django's own label (core.choices)."""

import inspect

from django.apps import apps
from django.db.models import Model
from django.utils import translation

from veilignet.core.choices import display


def choice_fields():
    for model in apps.get_models():
        if model.__module__.startswith("veilignet."):
            for field in model._meta.fields:
                if field.choices:
                    yield model, field


def test_every_label_in_every_language_equals_djangos():
    fields = list(choice_fields())
    assert len(fields) > 40  # statuses, roles, kinds, ... of all apps
    for model, field in fields:
        name = f"get_{field.name}_display"
        assert inspect.getattr_static(model, name).func is display, (model, field)  # installed
        method = getattr(model, name)
        obj = model()
        for value in [value for value, _label in field.flatchoices] + ["no such choice", None]:
            setattr(obj, field.attname, value)
            for language in ("nl", "en"):
                with translation.override(language):
                    ours, djangos = method(obj), Model._get_FIELD_display(obj, field)
                assert ours == djangos and type(ours) is type(djangos), (field, value)


def test_a_label_is_translated_when_asked_not_when_installed():
    from veilignet.people.models import HouseholdMember

    member = HouseholdMember(role="child")
    with translation.override("nl"):
        assert member.get_role_display() == "Kind"
    with translation.override("en"):
        assert member.get_role_display() == "Child"

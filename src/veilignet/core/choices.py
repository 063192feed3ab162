"""`get_FOO_display()` of the project's models, translating one label per call.

Django's own builds a dict of all the field's choices on every call, hashing each lazy
label, which translates it: a status with seven choices costs seven translations (some
60 µs; a case page calls it a dozen times). `install()` (at start-up) gives the models a
version that builds the dict once per field and translates only the label it returns;
tests/core/test_choices.py shows both give the same for every choice of every field.
"""

import functools
from functools import partialmethod

from django.apps import apps
from django.db.models import Model
from django.utils.encoding import force_str


@functools.cache
def _labels(field):
    return dict(field.flatchoices)


def display(obj, field):
    """The label of `obj`'s value of the choice field `field` (the value if it has none)."""
    value = getattr(obj, field.attname)
    try:
        label = _labels(field).get(value, value)
    except TypeError:  # an unhashable value (none of ours): Django's own way
        return Model._get_FIELD_display(obj, field)
    return force_str(label, strings_only=True)


def install():
    """Replace Django's `get_FOO_display` of every choice field of the project's models
    (a model that defines its own keeps it)."""
    for model in apps.get_models():
        if not model.__module__.startswith("veilignet."):
            continue
        for field in model._meta.fields:
            name = f"get_{field.name}_display"
            method = model.__dict__.get(name)
            if isinstance(method, partialmethod) and method.func is Model._get_FIELD_display:
                setattr(model, name, partialmethod(display, field=field))

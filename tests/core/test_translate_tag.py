"""{% translate %} gives Django's own output, constant texts once per language
(core.templatetags.translations)."""

import pytest
from django.template import Context, Engine, Template
from django.templatetags.i18n import TranslateNode
from django.utils import translation

from veilignet.core.templatetags.translations import ConstantTranslateNode

DJANGOS = Engine(libraries={"i18n": "django.templatetags.i18n"})  # Django's own

SOURCES = [
    '{% translate "Add note" %}',
    '{% trans "Add note" %}',
    '{% translate "Log out" %} & {% translate "Add note" %}',
    '{% autoescape off %}{% translate "R&D <b>" %}{% endautoescape %}',
    '{% translate "R&D <b> 100%" %}',
    "{% translate text %}",
    '{% translate "Add note" noop %}',
    '{% translate "Add note" as label %}[{{ label }}]',
    '{% translate "May" context "month name" %}',
    '{% translate "add note"|upper %}',
]


@pytest.mark.parametrize("source", SOURCES)
def test_output_equals_djangos_in_every_language(source):
    ours, djangos = (
        Template("{% load i18n %}" + source),
        DJANGOS.from_string("{% load i18n %}" + source),
    )
    for language in ("nl", "en", "nl"):  # back to the first: the kept output is per language
        with translation.override(language):
            context = {"text": "Add note"}
            assert ours.render(Context(context)) == djangos.render(Context(context))


def test_only_constant_texts_are_kept():
    def node(source):
        return Template("{% load i18n %}" + source).nodelist[-1]

    assert type(node('{% translate "Add note" %}')) is ConstantTranslateNode
    for source in SOURCES[5:]:
        assert type(node(source.split("[")[0])) is TranslateNode, source
    with translation.override("nl"):
        assert Template('{% load i18n %}{% translate "Add note" %}').render(Context()) != "Add note"

"""Django's i18n template library, with a constant {% translate %} made once per language.

`{% translate "Text" %}` translates and escapes its text on every render (some 10 µs; a
case page has seventy). A constant one (no filters, `noop`, `context` or `as`) here keeps
its output per language and autoescape setting: the same text Django's node gives, since
the message catalogs do not change while the process runs. Every other tag and filter of
the library is Django's. Installed in settings.TEMPLATES under the name "i18n", so
`{% load i18n %}` loads it; tests/core/test_translate_tag.py.
"""

from django import template
from django.template.base import Variable
from django.templatetags import i18n
from django.utils.translation import get_language

register = template.Library()
register.tags.update(i18n.register.tags)
register.filters.update(i18n.register.filters)


class ConstantTranslateNode(i18n.TranslateNode):
    """A {% translate %} of a literal text: Django's output, made once per language."""

    def __init__(self, filter_expression):
        super().__init__(filter_expression, noop=False)
        self.outputs = {}

    def render(self, context):
        key = (get_language(), context.autoescape)
        try:
            return self.outputs[key]
        except KeyError:
            return self.outputs.setdefault(key, super().render(context))


@register.tag("translate")
@register.tag("trans")
def translate(parser, token):
    """{% translate %} as Django's (same syntax and output)."""
    node = i18n.do_translate(parser, token)
    expression = node.filter_expression
    constant = isinstance(expression.var, Variable) and expression.var.literal is not None
    if constant and not (node.noop or node.asvar or node.message_context or expression.filters):
        return ConstantTranslateNode(expression)
    return node

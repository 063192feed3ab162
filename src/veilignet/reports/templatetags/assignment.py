"""The assign select's options: rendered once per page, not once per worklist row."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from veilignet.core.forms import option_tags

register = template.Library()


def colleague_options(colleagues):
    """The <option>s of the assign select for `colleagues`, none selected."""
    return option_tags((c.pk, c) for c in colleagues)


@register.filter
def selecting(options, pk):
    """`options` (from colleague_options) with the option of `pk` selected."""
    if pk is None:
        return options
    chosen = format_html('<option value="{}">', pk)
    return mark_safe(options.replace(chosen, chosen[:-1] + " selected>", 1))  # noqa: S308

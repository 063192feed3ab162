"""The {% url %} tag gives Django's own URL for every pattern (core.templatetags.urls)."""

import pytest
from django.template import Context, Template
from django.urls import (
    NoReverseMatch,
    URLPattern,
    URLResolver,
    get_resolver,
    reverse,
    set_script_prefix,
)
from django.urls.converters import IntConverter
from django.utils import translation

from veilignet.core.templatetags.urls import URLNode, cached_reverse


def named_patterns(resolver=None, namespace=""):
    """(name with namespaces, number of int arguments) of every named pattern whose
    arguments are all ints."""
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from named_patterns(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            converters = getattr(entry.pattern, "converters", {})
            if all(isinstance(c, IntConverter) for c in converters.values()):
                yield f"{namespace}{entry.name}", len(converters)


def test_every_pattern_of_the_app_gives_reverses_url():
    patterns = list(named_patterns())
    assert len(patterns) > 100 and any(count == 2 for _name, count in patterns)
    for name, count in patterns:
        for args in ([0] * count, [7] * count, list(range(12345, 12345 + count))):
            for language in ("nl", "en"):
                with translation.override(language):
                    assert cached_reverse(name, args) == reverse(name, args=args), name


def test_the_script_prefix_is_part_of_the_url():
    try:
        set_script_prefix("/veilignet/")
        assert cached_reverse("cases:case_detail", [5]) == "/veilignet/cases/5/"
    finally:
        set_script_prefix("/")
    assert cached_reverse("cases:case_detail", [5]) == "/cases/5/"


def render(source, **context):
    return Template(source).render(Context(context))


def test_the_tag_renders_as_djangos():
    assert type(Template("{% url 'cases:case_list' %}").nodelist[0]) is URLNode  # a builtin
    assert render("{% url 'cases:case_detail' pk %}", pk=42) == "/cases/42/"
    assert render("{% url 'cases:case_list' %}") == reverse("cases:case_list")
    assert render("{% url 'cases:case_detail' pk as link %}[{{ link }}]", pk=3) == "[/cases/3/]"
    assert render("{% url 'cases:case_detail' pk=8 %}") == "/cases/8/"  # kwargs: Django's
    assert render("{% url 'cases:case_detail' '9' %}") == "/cases/9/"  # a string: Django's
    assert render("{% url 'cases:nonsense' 1 as link %}[{{ link }}]") == "[]"


@pytest.mark.parametrize("arg", [-1, True, "x"])
def test_arguments_no_pattern_takes_fail_as_in_django(arg):
    with pytest.raises(NoReverseMatch):
        reverse("cases:case_detail", args=[arg])
    with pytest.raises(NoReverseMatch):
        render("{% url 'cases:case_detail' arg %}", arg=arg)

"""Django's {% url %} tag, with each URL pattern reversed once per process.

Django's `reverse()` searches and checks the pattern on every call (some 60 µs; a case
page has two dozen links). For arguments that are non-negative ints, such as the pks of
nearly every link, the pattern is reversed once with stand-in numbers and a URL is the
result with the numbers in their places; anything else goes to `reverse()`. Installed as
a template builtin (settings.TEMPLATES), so it replaces the tag in every template;
tests/core/test_urls.py shows it gives `reverse()`'s URL for every pattern of the app.
"""

import functools

from django import template
from django.template import defaulttags
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.html import conditional_escape
from django.utils.translation import get_language

register = template.Library()

_STAND_INS = (987_654_300, 1)  # no pk reaches the first; stand-ins are these, +1, ...


def _split(view_name, stand_ins, current_app):
    """The URL of `view_name` for `stand_ins`, split around them, or None."""
    try:
        url = reverse(view_name, args=stand_ins, current_app=current_app)
    except NoReverseMatch:
        return None
    parts = []
    for stand_in in stand_ins:
        if url.count(stand_in) != 1:
            return None
        head, url = url.split(stand_in)
        parts.append(head)
    return [*parts, url]


def _parts(view_name, count, current_app):
    """The URL of `view_name` split around `count` int arguments, or None where a URL
    cannot be made that way: no pattern for ints, or a pattern that depends on the
    numbers (the same parts for long and short stand-ins, or none)."""
    long, short = ([str(first + i) for i in range(count)] for first in _STAND_INS)
    parts = _split(view_name, long, current_app)
    return parts if parts == _split(view_name, short, current_app) else None


@functools.cache
def _kept_parts(view_name, count, current_app, _urlconf, _prefix, _language):
    """`_parts()`, kept per process for each urlconf, script prefix and language, which
    `reverse()` reads from the current request and thread."""
    return _parts(view_name, count, current_app)


def url_parts(view_name, count, current_app=None):
    """The URL of `view_name` for `count` int arguments as the text around them (one
    more part than arguments), kept per process; None where it cannot be made so."""
    urlconf, prefix, language = get_urlconf(), get_script_prefix(), get_language()
    return _kept_parts(view_name, count, current_app, urlconf, prefix, language)


def cached_reverse(view_name, args, current_app=None):
    """`reverse(view_name, args=args, current_app=current_app)`, from the cached parts of
    the pattern when every argument is a non-negative int."""
    if not all(type(arg) is int and arg >= 0 for arg in args):
        return reverse(view_name, args=args, current_app=current_app)
    parts = url_parts(view_name, len(args), current_app)
    if parts is None:
        return reverse(view_name, args=args, current_app=current_app)
    url = parts[0]
    for arg, part in zip(args, parts[1:], strict=True):
        url += f"{arg}{part}"
    return url


class URLNode(defaulttags.URLNode):
    """Django's URLNode, reversing by `cached_reverse` where there are no kwargs."""

    def render(self, context):
        if self.kwargs:
            return super().render(context)
        args = [arg.resolve(context) for arg in self.args]
        view_name = self.view_name.resolve(context)
        try:
            current_app = context.request.current_app
        except AttributeError:
            try:
                current_app = context.request.resolver_match.namespace
            except AttributeError:
                current_app = None
        url = ""
        try:
            url = cached_reverse(view_name, args, current_app)
        except NoReverseMatch:
            if self.asvar is None:
                raise
        if self.asvar:
            context[self.asvar] = url
            return ""
        return conditional_escape(url) if context.autoescape else url


@register.tag
def url(parser, token):
    """{% url %} as Django's (same syntax and result)."""
    node = defaulttags.url(parser, token)
    return URLNode(node.view_name, node.args, node.kwargs, node.asvar)

"""Where to go after a form: a `next` URL only when it stays on this site."""

from django.utils.http import url_has_allowed_host_and_scheme


def next_url(request, default):
    """The posted (or queried) `next` URL if it points to this host, else `default`."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default

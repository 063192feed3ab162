"""Start page and health check."""

from django.http import HttpResponse
from django.shortcuts import render

from veilignet.core.access import allow, public


@allow()
def home(request):
    """The start page after login: what this user's role can do."""
    return render(request, "core/home.html")


@public
def health(request):
    """Liveness probe for load balancers; reveals nothing."""
    return HttpResponse("ok", content_type="text/plain")

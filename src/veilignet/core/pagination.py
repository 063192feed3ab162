"""One way to paginate lists."""

from django.conf import settings
from django.core.paginator import Paginator


def paginate(request, queryset, per_page=None):
    """Return the requested page of `queryset` (invalid page numbers give the nearest page)."""
    paginator = Paginator(queryset, per_page or settings.VEILIGNET_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    page.query_string = params.urlencode()
    return page

"""One way to paginate lists."""

from django.conf import settings
from django.core.paginator import Paginator


def paginate(request, queryset, per_page=None, param="page"):
    """Return the requested page of `queryset` (invalid page numbers give the nearest page).

    `param` names the query parameter, so one page can hold several paginated lists."""
    paginator = Paginator(queryset, per_page or settings.VEILIGNET_PAGE_SIZE)
    page = paginator.get_page(request.GET.get(param))
    params = request.GET.copy()
    params.pop(param, None)
    page.query_string = params.urlencode()
    page.param = param
    return page

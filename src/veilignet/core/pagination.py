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


class LazyRows:
    """A Paginator's object list given as two functions: `count()`, the number of rows,
    and `read(rows)`, the rows of the slice `rows`. For lists whose count comes from
    another query than their rows: a compiled one (core.compiled), or one without the
    joins that only the rows' columns need."""

    def __init__(self, read, count):
        self.read, self.counted = read, count

    def count(self):
        return self.counted()

    def __getitem__(self, rows):
        return self.read(rows)

"""The worklist's rows, rendered in Python.

As a template a row was some 30 nodes, each resolved and escaped on its own; here it is
one `str.format()` of parts made once per page (labels, URLs, month names, the "Assign
to me" form), with every text value of the row escaped: see docs/benchmarks.md,
"Instructions per request".
"""

from html import escape

from django import template
from django.template.defaultfilters import date
from django.urls import reverse
from django.utils.dates import MONTHS_3
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from veilignet.core.templatetags.urls import url_parts
from veilignet.deadlines import DeadlineStatus

register = template.Library()

LABELS = {
    DeadlineStatus.OVERDUE: _("Overdue"),
    DeadlineStatus.DUE_SOON: _("Due within 1 working day"),
    DeadlineStatus.ON_TIME: _("On time"),
}

ROW = """<tr class="utrecht-table__row" id="report-{pk}">
  <td class="utrecht-table__cell"><a class="utrecht-link vn-nowrap" href="{url}">{reference}</a>{re_report}</td>
  <td class="utrecht-table__cell">{kind}</td>
  <td class="utrecht-table__cell">{received}</td>
  <td class="utrecht-table__cell">{municipality}</td>
  <td class="utrecht-table__cell">{violence}</td>
  <td class="utrecht-table__cell">{deadline}</td>
  <td class="utrecht-table__cell">{status}</td>
  <td class="utrecht-table__cell">
    <div class="vn-assignee">{assignee} <a class="utrecht-link" href="{assign_url}" hx-get="{assign_url}" hx-target="closest td">{change}<span class="utrecht-visually-hidden"> {assignment}</span></a></div>
    {assign_to_me}
  </td>
</tr>
"""  # noqa: E501 (markup)

ASSIGN_TO_ME = """<form method="post" action="{url}"{htmx}>
  <input type="hidden" name="csrfmiddlewaretoken" value="{token}"><input type="hidden" name="assignee" value="me">{next}
  <button type="submit" class="utrecht-button utrecht-button--subtle">{label}</button>
</form>"""  # noqa: E501 (markup)

ROW_HTMX = ' hx-post="{}" hx-target="closest tr" hx-swap="outerHTML"'

DEADLINE = '{} <span class="utrecht-status-badge utrecht-status-badge--{}">{}</span>'


@register.filter
def deadline(report):
    """`report.current_deadline` with the badge of its status (set by the view), or a dash."""
    if not report.current_deadline:
        return "—"
    return format_html(
        DEADLINE,
        date(report.current_deadline, "j M Y"),
        report.deadline_badge,
        LABELS[report.deadline_status],
    )


@register.simple_tag(takes_context=True)
def assign_to_me(context, report, next_=""):
    """The "Assign to me" form of `report`, or nothing when it is the page's user's
    already. Without `next_` (in a worklist row) htmx swaps the row; else the page reloads."""
    if report.assigned_to_id == context["user"].pk:
        return ""
    url = reverse("reports:assign", args=[report.pk])
    return format_html(
        ASSIGN_TO_ME,
        url=url,
        htmx="" if next_ else format_html(ROW_HTMX, url),
        token=context["csrf_token"],
        next=format_html('<input type="hidden" name="next" value="{}">', next_) if next_ else "",
        label=gettext("Assign to me"),
    )


def _url_of(name):
    """pk -> URL of the view `name` with that pk: the pattern reversed once per process
    (core.templatetags.urls), not per row."""
    parts = url_parts(name, 1)
    if parts is None:
        return lambda pk: reverse(name, args=[pk])
    head, tail = parts
    return lambda pk: f"{head}{pk}{tail}"


def _date_formats():
    """Per-page formatters equal to the `date` filter's "j M Y" and "j M Y H:i", with the
    month names translated once (the filter translates them on every call)."""
    months = {number: str(name).title() for number, name in MONTHS_3.items()}

    def day(value):
        return f"{value.day} {months[value.month]} {value.year:04d}"

    def moment(value):
        value = localtime(value)
        return f"{day(value)} {value.hour:02d}:{value.minute:02d}"

    return day, moment


@register.simple_tag(takes_context=True)
def worklist_rows(context, rows):
    """The <tr>s of worklist reports, labelled by `reports.views._with_row_labels`.

    Every text value of a row goes through `escape()`; the rest are numbers and parts
    made here (and escaped here where they hold text)."""
    user = context["user"]
    detail_url, assign_url = _url_of("reports:detail"), _url_of("reports:assign")
    day, moment = _date_formats()
    re_report = format_html(
        '<br><span class="utrecht-status-badge utrecht-status-badge--neutral">{}</span>',
        gettext("Re-report"),
    )
    badge = {status: escape(str(label)) for status, label in LABELS.items()}
    nobody, change = escape(gettext("Nobody")), escape(gettext("Change"))
    assignment = gettext("(assignment of %(ref)s)")
    slot = "\0"  # the URL's place in the form
    assign_form = ASSIGN_TO_ME.format(
        url=slot,
        htmx=ROW_HTMX.format(slot),
        token=escape(str(context["csrf_token"])),
        next="",
        label=escape(gettext("Assign to me")),
    )

    def row(report):
        reference, due = report.reference, report.current_deadline
        url = assign_url(report.pk)
        return ROW.format(
            pk=report.pk,
            url=detail_url(report.pk),
            reference=reference,
            re_report=re_report if report.is_re_report else "",
            kind=escape(report.kind_label),
            received=moment(report.received_at),
            municipality=escape(str(report.municipality)),
            violence=escape(report.violence_labels or "—"),
            deadline=(
                DEADLINE.format(day(due), report.deadline_badge, badge[report.deadline_status])
                if due
                else "—"
            ),
            status=escape(report.status_label),
            assignee=nobody if report.assigned_to is None else escape(str(report.assigned_to)),
            assign_url=url,
            change=change,
            assignment=escape(assignment % {"ref": reference}),
            assign_to_me="" if report.assigned_to_id == user.pk else assign_form.replace(slot, url),
        )

    return mark_safe("".join(row(report) for report in rows))  # noqa: S308 (all escaped)

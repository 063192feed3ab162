"""The worklist's rows, rendered in Python.

As a template a row was some 30 nodes, each resolved and escaped on its own; here it is
one `format_html()` with its labels translated once per page: 14% fewer instructions
per worklist request (docs/benchmarks.md, "Instructions per request"). Every value goes
through `format_html()`, so it is escaped.
"""

from django import template
from django.template.defaultfilters import date
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

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


@register.filter
def deadline(report):
    """`report.current_deadline` with the badge of its status (set by the view), or a dash."""
    if not report.current_deadline:
        return "—"
    return format_html(
        '{} <span class="utrecht-status-badge utrecht-status-badge--{}">{}</span>',
        date(report.current_deadline, "j M Y"),
        report.deadline_badge,
        LABELS[report.deadline_status],
    )


def _assign_to_me(report, user, token, next_="", url=None):
    """The "Assign to me" button, or nothing when the report is the user's already. In a
    worklist row (no `next_`) htmx swaps the row; elsewhere the page reloads."""
    if report.assigned_to_id == user.pk:
        return ""
    url = url or reverse("reports:assign", args=[report.pk])
    return format_html(
        ASSIGN_TO_ME,
        url=url,
        htmx="" if next_ else format_html(ROW_HTMX, url),
        token=token,
        next=format_html('<input type="hidden" name="next" value="{}">', next_) if next_ else "",
        label=gettext("Assign to me"),
    )


@register.simple_tag(takes_context=True)
def assign_to_me(context, report, next_=""):
    """The "Assign to me" form of `report` for the page's user (see `_assign_to_me`)."""
    return _assign_to_me(report, context["user"], context["csrf_token"], next_)


@register.simple_tag(takes_context=True)
def worklist_rows(context, rows):
    """The <tr>s of worklist reports, labelled by `reports.views._with_row_labels`."""
    user, token = context["user"], context["csrf_token"]
    words = {
        "re_report": format_html(
            '<br><span class="utrecht-status-badge utrecht-status-badge--neutral">{}</span>',
            gettext("Re-report"),
        ),
        "nobody": gettext("Nobody"),
        "change": gettext("Change"),
        "assignment": gettext("(assignment of %(ref)s)"),
    }

    def row(report):
        reference = report.reference
        assign_url = reverse("reports:assign", args=[report.pk])
        return format_html(
            ROW,
            pk=report.pk,
            url=report.get_absolute_url(),
            reference=reference,
            re_report=words["re_report"] if report.is_re_report else "",
            kind=report.kind_label,
            received=date(localtime(report.received_at), "j M Y H:i"),
            municipality=report.municipality,
            violence=report.violence_labels or "—",
            deadline=deadline(report),
            status=report.status_label,
            assignee=report.assigned_to or words["nobody"],
            assign_url=assign_url,
            change=words["change"],
            assignment=words["assignment"] % {"ref": reference},
            assign_to_me=_assign_to_me(report, user, token, url=assign_url),
        )

    return mark_safe("".join(row(report) for report in rows))  # noqa: S308 (all escaped)

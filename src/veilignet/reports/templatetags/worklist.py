"""The running deadline of a report with its badge, rendered in Python: no template
include per worklist row."""

from django import template
from django.template.defaultfilters import date
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from veilignet.deadlines import DeadlineStatus

register = template.Library()

LABELS = {
    DeadlineStatus.OVERDUE: _("Overdue"),
    DeadlineStatus.DUE_SOON: _("Due within 1 working day"),
    DeadlineStatus.ON_TIME: _("On time"),
}


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

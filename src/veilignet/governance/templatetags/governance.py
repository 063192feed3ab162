"""Template helpers for governance pages."""

from django import template

from veilignet.governance.models import Assessment
from veilignet.governance.models import runs_governance as _runs_governance

register = template.Library()


@register.filter
def runs_governance(user):
    """{% if user|runs_governance %}: the user may run governance."""
    return _runs_governance(user)


@register.filter
def assessment_label(value):
    """The readable label of an annotated assessment value."""
    return Assessment(value).label if value else ""

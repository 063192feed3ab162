"""Helpers for report tests: Veilig Thuis organisations, workers and registered reports."""

import datetime

from django.db.models import F, Q
from django.utils import timezone

from tests.factories import OrganisationFactory, UserFactory
from veilignet.accounts.models import OrganisationType, Role
from veilignet.people.models import MemberRole
from veilignet.regions.models import Municipality
from veilignet.reports import services
from veilignet.reports.models import (
    REPORT_COPY_MODELS,
    Channel,
    Judgement,
    Kind,
    Sector,
    ViolenceForm,
)


def veilig_thuis(region_code="GM0855"):
    region = Municipality.objects.get(cbs_code=region_code).region
    return OrganisationFactory(type=OrganisationType.VEILIG_THUIS, region=region)


def worker(organisation, role=Role.CASE_WORKER):
    return UserFactory(organisation=organisation, role=role)


def register(actor, *, kind=Kind.REPORT, persons=(), received_at=None, **overrides):
    """Register a report at the actor's organisation through the service."""
    data = {
        "handling_organisation": actor.organisation,
        "kind": kind,
        "received_at": received_at or timezone.now() - datetime.timedelta(hours=1),
        "channel": Channel.PHONE,
        "municipality": Municipality.objects.get(cbs_code="GM0855"),
        "reporter": {"sector": Sector.CITIZEN, "anonymous": True},
        "violence_forms": [ViolenceForm.PARTNER],
        "complex_divorce": False,
        "persons": list(persons),
        "concern": "Buren horen 's nachts geschreeuw.",
    }
    data.update(overrides)
    return services.register(actor, **data)


def person(role=MemberRole.VICTIM, **data):
    return {"role": role, **data}


ASSESSMENT = {
    "immediate_danger": False,
    "risk_factors": ["escalation", "separation"],
    "children_present": True,
    "judgement": Judgement.UNSAFE,
    "rationale": "Escalerend geweld na aangekondigde scheiding.",
}


def assessed(report, assessor, confirmer=None):
    """Record a safety assessment and, when given, confirm it by a second professional.
    A report gets a (new) household first, as decisions that open a case require one."""
    if report.kind == Kind.REPORT and report.household_id is None:
        services.link_new_household(assessor, report)
    assessment = services.record_assessment(assessor, report, **ASSESSMENT)
    if confirmer is not None:
        services.confirm_assessment(confirmer, assessment)
    return assessment


def drifted_copies():
    """(model, pk) of every row whose copy of a report column differs from its report."""
    drifted = []
    for model in REPORT_COPY_MODELS:
        differs = Q()
        for copy, column in model.REPORT_COPIES.items():
            differs |= ~Q(**{copy: F(f"report__{column}")})
        drifted += [(model.__name__, pk) for pk in model.objects.filter(differs).values_list("pk")]
    return drifted

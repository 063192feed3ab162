"""Subject access (AVG art. 15): everything held about one person, and who accessed it.

`subject_access_data` gathers the data once (a fixed number of queries); `as_json` and
`as_pdf` render it. Only privacy officers use it, for persons of their own region.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils import timezone
from fpdf import FPDF

from veilignet.accounts.models import Role
from veilignet.audit.models import AuditEntry
from veilignet.cases.models import (
    Case,
    CaseEvent,
    CauseAnalysis,
    DeployedHelp,
    SafetyPlanVersion,
)
from veilignet.people.models import HouseholdMember, Person
from veilignet.privacy.models import Rectification, Restriction
from veilignet.reports.models import Report, ReportPerson

PERSON_FIELDS = [
    "first_name",
    "last_name",
    "date_of_birth",
    "gender",
    "bsn",
    "address",
    "postcode",
    "city",
    "created_at",
    "updated_at",
]
PLAN_FIELDS = [
    "unsafe_who_why",
    "conditions",
    "early_warning_signs",
    "who_to_call",
    "network_agreements",
    "agreed_on",
    "agreed_by",
]


def persons_in_scope(user):
    """Persons a privacy officer handles requests for: members of households in her
    region, or persons named in reports handled by an organisation of her region."""
    if getattr(user, "role", None) != Role.PRIVACY_OFFICER or user.organisation is None:
        return Person.objects.none()
    region_id = user.organisation.region_id
    in_household = HouseholdMember.objects.filter(
        person=OuterRef("pk"), household__municipality__region_id=region_id
    )
    in_report = ReportPerson.objects.filter(
        person=OuterRef("pk"), report__handling_organisation__region_id=region_id
    )
    return Person.objects.filter(Exists(in_household) | Exists(in_report))


def subject_access_data(person):
    """All data about `person` as plain values (dates as ISO strings in JSON)."""
    memberships = list(
        HouseholdMember.objects.filter(person=person).select_related("household__municipality")
    )
    household_ids = [m.household_id for m in memberships]
    mentions = ReportPerson.objects.filter(Q(person=person) | Q(bsn=person.bsn) & ~Q(bsn=""))
    reports = (
        Report.objects.filter(Q(household_id__in=household_ids) | Q(persons__in=mentions))
        .distinct()
        .select_related("municipality", "handling_organisation")
        .prefetch_related("violence", Prefetch("persons", queryset=mentions))
        .order_by("received_at", "pk")
    )
    cases = list(Case.objects.filter(household_id__in=household_ids).order_by("opened_at", "pk"))
    events_by_case = {}
    for event in CaseEvent.objects.filter(case__in=cases).order_by("at", "pk"):
        events_by_case.setdefault(event.case_id, []).append(
            {"at": event.at, "kind": event.get_kind_display(), "text": event.text}
        )
    return {
        "generated_at": timezone.now(),
        "person": {"id": person.pk, **{f: getattr(person, f) for f in PERSON_FIELDS}},
        "households": [
            {
                "reference": m.household.reference,
                "municipality": m.household.municipality.name,
                "role": m.get_role_display(),
                "since": m.added_at,
            }
            for m in memberships
        ],
        "reports": [_report(report) for report in reports],
        "cases": [
            {
                "reference": case.reference,
                "phase": case.get_phase_display(),
                "opened_at": case.opened_at,
                "closed_at": case.closed_at,
                "timeline": events_by_case.get(case.pk, []),
            }
            for case in cases
        ],
        "safety_plans": [
            {"household": plan.household.reference, "version": plan.number}
            | {f: getattr(plan, f) for f in PLAN_FIELDS}
            for plan in SafetyPlanVersion.objects.filter(household_id__in=household_ids)
            .select_related("household")
            .order_by("household", "number")
        ],
        "cause_analyses": list(
            CauseAnalysis.objects.filter(person=person).values("case_id", "causes", "created_at")
        ),
        "deployed_help": [
            {"case": h.case_id, "kind": h.get_kind_display(), "status": h.get_status_display()}
            for h in DeployedHelp.objects.filter(person=person)
        ],
        "rectifications": list(
            Rectification.objects.filter(person=person).values("recorded_at", "fields")
        ),
        "restrictions": list(
            Restriction.objects.filter(person=person).values("started_at", "lifted_at")
        ),
        "accessed_by": [
            {
                "when": entry.timestamp,
                "organisation": entry.organisation,
                "role": entry.role_label,
                "action": entry.get_action_display(),
                "purpose": entry.get_purpose_display(),
            }
            for entry in AuditEntry.objects.filter(person_id=person.pk).order_by("timestamp", "pk")
        ],
    }


def _report(report):
    return {
        "reference": report.reference,
        "kind": report.get_kind_display(),
        "handled_by": report.handling_organisation.name,
        "received_at": report.received_at,
        "municipality": report.municipality.name,
        "status": report.get_status_display(),
        "violence": [v.get_form_display() for v in report.violence.all()],
        "concern": report.concern,
        "as_named": [
            {
                "role": p.get_role_display(),
                "first_name": p.first_name,
                "last_name": p.last_name,
                "date_of_birth": p.date_of_birth,
                "bsn": p.bsn,
            }
            for p in report.persons.all()  # prefetched: only the mentions of this person
        ],
    }


def as_json(data):
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2, default=str)


def as_pdf(data, title):
    """A plain PDF listing every section; text outside Latin-1 is replaced."""
    pdf = FPDF()
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 14)
    pdf.multi_cell(0, 8, _latin1(title), new_x="LMARGIN", new_y="NEXT")
    for section, value in data.items():
        pdf.set_font("Helvetica", "B", 11)
        pdf.multi_cell(0, 7, _latin1(section.replace("_", " ")), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 9)
        for line in _lines(value):
            pdf.multi_cell(0, 5, _latin1(line), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _lines(value, indent=""):
    """Flatten nested dicts and lists into indented 'key: value' lines."""
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, dict | list):
                yield f"{indent}{key}:"
                yield from _lines(item, indent + "    ")
            else:
                yield f"{indent}{key}: {_text(item)}"
    elif isinstance(value, list):
        if not value:
            yield f"{indent}-"
        for item in value:
            yield from _lines(item, indent + "  ")
            if isinstance(item, dict):
                yield ""
    else:
        yield f"{indent}{_text(value)}"


def _text(value):
    if value is None or value == "":
        return "-"
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _latin1(text):
    return str(text).encode("latin-1", "replace").decode("latin-1")

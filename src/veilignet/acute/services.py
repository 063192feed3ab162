"""Business actions of acute help: each in a transaction, each audited.

The hospital one-stop shop registers its report through the reports app's intake services
(one report, one household) and links it to the household's case through the cases app.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from veilignet.accounts.models import OrganisationType, Role, User
from veilignet.acute.models import (
    FORWARD_TRANSITIONS,
    HANDOVER_HOURS,
    INTAKE_TRANSITIONS,
    SCHOOL_AGE,
    CrisisForward,
    CrisisIntake,
    ForwardStatus,
    ForwardTarget,
    HandleWithCareNotice,
    HospitalRegistration,
    IntakeChannel,
    IntakeOutcome,
    IntakeStatus,
    IntakeStatusChange,
    SchoolContact,
    is_office_hours,
)
from veilignet.audit import events
from veilignet.cases import services as cases
from veilignet.core.mail import mail_task_link
from veilignet.people.models import MemberRole
from veilignet.reports import services as reports
from veilignet.reports.models import Channel, Kind, Sector

# The kind of organisation each forward target must be (providers: any other care partner).
TARGET_TYPES = {
    ForwardTarget.LOCAL_TEAM: {OrganisationType.LOCAL_TEAM},
    ForwardTarget.VEILIG_THUIS: {OrganisationType.VEILIG_THUIS},
    ForwardTarget.PROVIDER: {
        OrganisationType.MENTAL_HEALTH,
        OrganisationType.ADDICTION_CARE,
        OrganisationType.SHELTER,
        OrganisationType.YOUTH_PROTECTION,
        OrganisationType.GP,
        OrganisationType.OTHER,
    },
}


def _change_status(actor, intake, status):
    if status not in INTAKE_TRANSITIONS[intake.status]:
        raise ValidationError(
            _("An intake with status “%(current)s” cannot become “%(new)s”.")
            % {"current": intake.get_status_display(), "new": IntakeStatus(status).label}
        )
    IntakeStatusChange.objects.create(intake=intake, status=status, changed_by=actor)
    intake.status = status
    intake.save(update_fields=["status", "urgency", "outcome"])
    events.crisis_intake_status_changed(actor, intake)


def _require_intake_team(actor, intake):
    if actor.organisation_id != intake.intake_organisation_id:
        raise ValidationError(_("Only the organisation that took the intake can do this."))


def _path(name, pk):
    return reverse(f"acute:{name}", args=[pk])


@transaction.atomic
def register_intake(actor, *, received_at, channel, municipality, concern, **person):
    """Take a concern, day or night; whether it came outside office hours is recorded."""
    intake = CrisisIntake.objects.create(
        intake_organisation_id=actor.organisation_id,
        received_at=received_at,
        channel=channel,
        outside_office_hours=not is_office_hours(received_at),
        municipality=municipality,
        concern=concern,
        registered_by=actor,
        **person,
    )
    IntakeStatusChange.objects.create(
        intake=intake, status=IntakeStatus.REGISTERED, changed_by=actor
    )
    events.crisis_intake_registered(actor, intake)
    return intake


@transaction.atomic
def triage(actor, intake, urgency):
    """Judge the concern acute or not acute."""
    _require_intake_team(actor, intake)
    intake.urgency = urgency
    _change_status(actor, intake, IntakeStatus.TRIAGED)
    events.crisis_intake_triaged(actor, intake)
    return intake


@transaction.atomic
def conclude(actor, intake, outcome):
    """Close a triaged intake with crisis intervention deployed or advice given."""
    _require_intake_team(actor, intake)
    if outcome == IntakeOutcome.FORWARDED:
        raise ValidationError(_("Forward the intake through a warm handover."))
    intake.outcome = outcome
    _change_status(actor, intake, IntakeStatus.CLOSED)
    return intake


@transaction.atomic
def forward(actor, intake, to_organisation, target, summary, now=None):
    """Forward as a warm handover: the receiver must accept within 24 hours; until then
    the intake keeps "regie" (and the status shows it)."""
    _require_intake_team(actor, intake)
    if to_organisation.type not in TARGET_TYPES[target]:
        raise ValidationError(
            _("%(organisation)s is not a %(target)s.")
            % {"organisation": to_organisation, "target": ForwardTarget(target).label.lower()}
        )
    if to_organisation.pk == intake.intake_organisation_id:
        raise ValidationError(_("Forward to another organisation."))
    now = now or timezone.now()
    intake.outcome = IntakeOutcome.FORWARDED
    _change_status(actor, intake, IntakeStatus.AWAITING_HANDOVER)
    handover = CrisisForward.objects.create(
        intake=intake,
        target=target,
        to_organisation=to_organisation,
        summary=summary,
        proposed_by=actor,
        proposed_at=now,
        accept_by=now + datetime.timedelta(hours=HANDOVER_HOURS),
    )
    events.crisis_forward_proposed(actor, handover)
    receivers = User.objects.filter(organisation=to_organisation, role=Role.TEAM_LEAD)
    mail_task_link(receivers, _path("forward_detail", handover.pk))
    return handover


def can_answer(user, handover):
    return (
        handover.status == ForwardStatus.PROPOSED
        and user.organisation_id == handover.to_organisation_id
        and user.role in (Role.CASE_WORKER, Role.TEAM_LEAD)
    )


def _answer(actor, handover, status):
    handover = CrisisForward.objects.select_for_update().get(pk=handover.pk)
    if not can_answer(actor, handover):
        raise ValidationError(_("Only the receiving organisation can answer this handover."))
    if status not in FORWARD_TRANSITIONS[handover.status]:
        raise ValidationError(_("This handover has already been answered."))
    handover.status, handover.answered_by = status, actor
    handover.answered_at = timezone.now()
    return handover


@transaction.atomic
def accept_forward(actor, handover):
    """The receiver accepts: "regie" moves, the intake is closed; the time it took is kept."""
    handover = _answer(actor, handover, ForwardStatus.ACCEPTED)
    elapsed = handover.answered_at - handover.proposed_at
    handover.minutes_to_accept = max(0, int(elapsed.total_seconds() // 60))
    handover.save(update_fields=["status", "answered_by", "answered_at", "minutes_to_accept"])
    events.crisis_forward_answered(actor, handover)
    _change_status(actor, handover.intake, IntakeStatus.CLOSED)
    mail_task_link([handover.proposed_by], _path("intake_detail", handover.intake_id))
    return handover


@transaction.atomic
def decline_forward(actor, handover, reason):
    """The receiver declines with a reason; the intake keeps "regie" and is triaged again."""
    if not reason.strip():
        raise ValidationError(_("Give a reason for declining."))
    handover = _answer(actor, handover, ForwardStatus.DECLINED)
    handover.decline_reason = reason
    handover.save(update_fields=["status", "answered_by", "answered_at", "decline_reason"])
    events.crisis_forward_answered(actor, handover)
    intake = handover.intake
    intake.outcome = ""
    _change_status(actor, intake, IntakeStatus.TRIAGED)
    mail_task_link([handover.proposed_by], _path("intake_detail", intake.pk))
    return handover


@transaction.atomic
def escalate_overdue_forwards(now=None):
    """Scheduled job (idempotent): forwards not accepted within 24 hours go, once, to the
    receiving organisation's team leads; the shift overview lists them. Returns a count."""
    now = now or timezone.now()
    overdue = list(
        CrisisForward.objects.select_for_update()
        .pending()
        .filter(escalated_at__isnull=True, accept_by__lt=now)
    )
    leads = User.objects.filter(
        role=Role.TEAM_LEAD,
        is_active=True,
        organisation_id__in={f.to_organisation_id for f in overdue},
    )
    by_organisation = {}
    for lead in leads:
        by_organisation.setdefault(lead.organisation_id, []).append(lead)
    for handover in overdue:
        handover.escalated_at = now
        mail_task_link(
            by_organisation.get(handover.to_organisation_id, []),
            _path("forward_detail", handover.pk),
        )
    CrisisForward.objects.bulk_update(overdue, ["escalated_at"])
    return len(overdue)


# Hospital one-stop shop --------------------------------------------------------------------


def _concern_text(story, injuries, safe_home, forensic_examination, wants_police_report):
    """The victim's story as the hospital wrote it, with the structured answers below it,
    so Veilig Thuis and the case team read the same story."""
    yes_no = {True: _("yes"), False: _("no")}
    return "\n".join(
        [
            story,
            "",
            _("Injuries: %(injuries)s") % {"injuries": injuries},
            _("Can you go home safely? %(answer)s") % {"answer": safe_home.label},
            _("Forensic examination: %(answer)s") % {"answer": yes_no[forensic_examination]},
            _("Wishes to report to the police: %(answer)s")
            % {"answer": yes_no[wants_police_report]},
        ]
    )


@transaction.atomic
def register_at_hospital(
    actor,
    *,
    veilig_thuis,
    municipality,
    victim,
    violence_forms,
    story,
    injuries,
    safe_home,
    forensic_examination,
    wants_police_report,
):
    """Register a victim once: exactly one Veilig Thuis report and one household (a
    known household when the BSN points to exactly one, else a new one). A case on that
    household gets the report linked, so the case team reads the same story."""
    if actor.organisation is None or actor.organisation.type != OrganisationType.HOSPITAL:
        raise ValidationError(_("Only a hospital registers here."))
    if veilig_thuis.type != OrganisationType.VEILIG_THUIS:
        raise ValidationError(_("Choose a Veilig Thuis organisation."))
    report = reports.register(
        actor,
        handling_organisation=veilig_thuis,
        kind=Kind.REPORT,
        received_at=timezone.now(),
        channel=Channel.IN_PERSON,
        municipality=municipality,
        reporter={
            "sector": Sector.HOSPITAL,
            "name": actor.get_full_name(),
            "organisation": actor.organisation.name,
            "email": actor.email,
            "wants_feedback": True,
        },
        violence_forms=violence_forms,
        complex_divorce=False,
        persons=[{**victim, "role": MemberRole.VICTIM}],
        concern=_concern_text(
            story, injuries, safe_home, forensic_examination, wants_police_report
        ),
    )
    if report.household_id is None:
        reports.link_new_household(actor, report)
    registration = HospitalRegistration.objects.create(
        hospital=actor.organisation,
        report=report,
        injuries=injuries,
        safe_home=safe_home,
        forensic_examination=forensic_examination,
        wants_police_report=wants_police_report,
        registered_by=actor,
    )
    events.hospital_registration_created(actor, registration)
    cases.register_new_report(report.household, report.pk, actor)
    return registration


# Handle with Care --------------------------------------------------------------------------


def age_on(born, day):
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


@transaction.atomic
def send_handle_with_care(
    actor, intake, *, child_first_name, child_last_name, child_date_of_birth, contact
):
    """After a police-reported incident, tell the child's school contact — the child, the
    date and "give extra attention", nothing about the incident."""
    _require_intake_team(actor, intake)
    if intake.channel != IntakeChannel.POLICE:
        raise ValidationError(_("Handle with Care follows an incident reported by the police."))
    incident_date = timezone.localdate(intake.received_at)
    low, high = SCHOOL_AGE
    if not low <= age_on(child_date_of_birth, incident_date) <= high:
        raise ValidationError(
            _("Handle with Care is for children aged %(low)s to %(high)s.")
            % {"low": low, "high": high}
        )
    school_contact = SchoolContact.objects.filter(user=contact).select_related("school").first()
    if school_contact is None:
        raise ValidationError(_("This person is not a school's contact person."))
    notice = HandleWithCareNotice.objects.create(
        intake=intake,
        child_first_name=child_first_name,
        child_last_name=child_last_name,
        child_date_of_birth=child_date_of_birth,
        incident_date=incident_date,
        school=school_contact.school,
        contact=contact,
        sent_by=actor,
    )
    events.handle_with_care_sent(actor, notice)
    mail_task_link([contact], _path("notice_detail", notice.pk))
    return notice


@transaction.atomic
def acknowledge_notice(actor, notice):
    """The school contact confirms she has read the notice."""
    if actor.pk != notice.contact_id:
        raise ValidationError(_("Only the addressed contact person acknowledges the notice."))
    if notice.acknowledged_at is not None:
        raise ValidationError(_("This notice has already been acknowledged."))
    notice.acknowledged_at = timezone.now()
    notice.save(update_fields=["acknowledged_at"])
    events.handle_with_care_acknowledged(actor, notice)
    return notice

"""Business actions of the MDA++ team: each in a transaction, each audited.

Refused actions raise `ValidationError` with a message for the user. Coordination of an
accepted case moves to the team's coordinator only through the cases app's warm handover.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from veilignet import deadlines
from veilignet.accounts.models import HOUSEHOLD_ROLES, OrganisationType
from veilignet.audit import events
from veilignet.cases import services as cases
from veilignet.cases.models import CaseRole
from veilignet.core.mail import mail_task_link
from veilignet.mda.models import (
    CRITERIA,
    REFERRAL_TRANSITIONS,
    Action,
    AgendaItem,
    Attendance,
    Conference,
    JusticeInfo,
    MinutesRecipient,
    Referral,
    ReferralStatus,
    ReferralStatusChange,
    Scenario,
    TeamMembership,
    TeamRole,
)
from veilignet.mda.queries import agenda_candidates, caseload

MINUTES_WORKING_DAYS = 3
REVIEW_WEEKS = 6


def is_member(user, team):
    return TeamMembership.objects.active().filter(team=team, user_id=user.pk).exists()


def _require_member(actor, team):
    if not is_member(actor, team):
        raise ValidationError(_("Only members of the MDA++ team can do this."))


def _change_status(actor, referral, status):
    if status not in REFERRAL_TRANSITIONS[referral.status]:
        raise ValidationError(
            _("A referral with status “%(current)s” cannot become “%(new)s”.")
            % {"current": referral.get_status_display(), "new": ReferralStatus(status).label}
        )
    ReferralStatusChange.objects.create(referral=referral, status=status, changed_by=actor)
    referral.status = status
    events.mda_referral_status_changed(actor, referral)


def _referral_path(referral):
    return reverse("mda:referral_detail", args=[referral.pk])


@transaction.atomic
def add_team_member(actor, team, user, role, max_cases=None):
    """Add a professional to the team; coordinators need a maximum caseload."""
    if user.role not in HOUSEHOLD_ROLES or user.organisation_id is None:
        raise ValidationError(_("Only case workers and team leads of a partner can join."))
    if role == TeamRole.COORDINATOR and not max_cases:
        raise ValidationError(_("A coordinator needs a maximum caseload."))
    membership = TeamMembership.objects.create(
        team=team,
        user=user,
        organisation_id=user.organisation_id,
        role=role,
        max_cases=max_cases if role == TeamRole.COORDINATOR else None,
    )
    events.mda_team_member_added(actor, membership)
    return membership


@transaction.atomic
def refer(actor, case, team, *, motivation, **criteria):
    """Veilig Thuis refers an open case for structural violence; every criterion must be met."""
    if actor.organisation is None or actor.organisation.type != OrganisationType.VEILIG_THUIS:
        raise ValidationError(_("Only Veilig Thuis refers a case to the MDA++ team."))
    if not case.is_open:
        raise ValidationError(_("The case is not open."))
    if not case.members.active().filter(user=actor).exists():
        raise ValidationError(_("Only members of the case can do this."))
    missing = [str(label) for name, label in CRITERIA if not criteria.get(name)]
    if missing:
        raise ValidationError(
            _("The criteria for the MDA++ team are not met: %(missing)s.")
            % {"missing": ", ".join(missing)}
        )
    if Referral.objects.active().filter(case=case).exists():
        raise ValidationError(_("This case has already been referred to the MDA++ team."))
    referral = Referral.objects.create(
        team=team,
        case=case,
        referred_by=actor,
        motivation=motivation,
        **{name: True for name, _label in CRITERIA},
    )
    ReferralStatusChange.objects.create(
        referral=referral, status=ReferralStatus.REFERRED, changed_by=actor
    )
    events.mda_referral_created(actor, referral)
    chairs = [m.user for m in team.memberships.active().filter(role=TeamRole.CHAIR)]
    mail_task_link(chairs, _referral_path(referral))
    return referral


@transaction.atomic
def accept_referral(actor, referral, coordinator, conference=None):
    """The team accepts the case and names a long-term coordinator from the team, whose
    caseload must be below her maximum: a full team refuses intake."""
    _require_member(actor, referral.team)
    if conference is not None:
        _require_on_agenda(conference, referral)
    membership = (
        TeamMembership.objects.coordinators()
        .select_for_update()
        .filter(team=referral.team, user=coordinator)
        .first()
    )
    if membership is None:
        raise ValidationError(_("The coordinator must be a coordinator of this team."))
    if caseload(coordinator, referral.team) >= membership.max_cases:
        raise ValidationError(
            _("%(name)s has reached the maximum caseload; the team cannot take this case.")
            % {"name": coordinator}
        )
    _change_status(actor, referral, ReferralStatus.ACCEPTED)
    referral.coordinator = coordinator
    referral.decided_by, referral.decided_at = actor, timezone.now()
    referral.next_review_on = _review_date(conference)
    referral.save()
    mail_task_link([referral.referred_by, coordinator], _referral_path(referral))
    return referral


def _review_date(conference):
    start = conference.date if conference is not None else deadlines.today()
    return start + datetime.timedelta(weeks=REVIEW_WEEKS)


@transaction.atomic
def decline_referral(actor, referral, advice, conference=None):
    """The team declines, always with advice to the referrer on what to do instead."""
    _require_member(actor, referral.team)
    if conference is not None:
        _require_on_agenda(conference, referral)
    if not advice.strip():
        raise ValidationError(_("Give the referrer advice when declining."))
    _change_status(actor, referral, ReferralStatus.DECLINED)
    referral.advice = advice
    referral.decided_by, referral.decided_at = actor, timezone.now()
    referral.save()
    mail_task_link([referral.referred_by], _referral_path(referral))
    return referral


@transaction.atomic
def close_referral(actor, referral):
    """The team ends its involvement; the case goes on with its coordinator."""
    _require_member(actor, referral.team)
    _change_status(actor, referral, ReferralStatus.CLOSED)
    referral.save()
    return referral


def may_propose_handover(user, referral):
    """Whether `user` is the case's coordinator who still has to hand coordination over
    to the team's coordinator of this accepted referral."""
    current = referral.case.members.active().filter(case_role=CaseRole.COORDINATOR).first()
    return (
        referral.status == ReferralStatus.ACCEPTED
        and current is not None
        and current.user_id == user.pk
        and current.user_id != referral.coordinator_id
        and referral.handover_id is None
    )


@transaction.atomic
def propose_coordinator_handover(actor, referral, summary):
    """The case's coordinator proposes the warm handover to the team's coordinator."""
    if referral.status != ReferralStatus.ACCEPTED:
        raise ValidationError(_("Only an accepted referral moves coordination to the team."))
    current = referral.case.members.active().filter(case_role=CaseRole.COORDINATOR).first()
    if current is not None and current.user_id == referral.coordinator_id:
        raise ValidationError(_("The team's coordinator already coordinates this case."))
    coordinator = referral.coordinator
    handover = cases.propose_handover(
        actor, referral.case, coordinator.organisation, summary, to_user=coordinator
    )
    referral.handover = handover
    referral.save(update_fields=["handover"])
    return handover


@transaction.atomic
def record_justice_info(actor, referral, *, kind, status, details=""):
    """A justice partner shares information within the team (a new row every time)."""
    _require_member(actor, referral.team)
    info = JusticeInfo.objects.create(
        referral=referral, kind=kind, status=status, details=details, recorded_by=actor
    )
    events.mda_justice_info_recorded(actor, info)
    return info


# The weekly conference -------------------------------------------------------------------


@transaction.atomic
def schedule_conference(actor, team, date):
    """Plan a conference; its agenda is generated right away."""
    _require_member(actor, team)
    conference = Conference.objects.create(
        team=team,
        date=date,
        minutes_due=deadlines.add_working_days(date, MINUTES_WORKING_DAYS),
        created_by=actor,
    )
    events.mda_conference_scheduled(actor, conference)
    generate_agenda(actor, conference)
    return conference


@transaction.atomic
def generate_agenda(actor, conference):
    """Replace the agenda by what the rules select for the conference date (see
    `queries.agenda_candidates`)."""
    _require_member(actor, conference.team)
    conference.items.all().delete()
    AgendaItem.objects.bulk_create(
        AgendaItem(conference=conference, referral=referral, position=position, reasons=reasons)
        for position, (referral, reasons) in enumerate(agenda_candidates(conference), start=1)
    )
    events.mda_agenda_generated(actor, conference)
    return list(conference.items.all())


@transaction.atomic
def record_attendance(actor, conference, memberships):
    """Record who attended (replaces an earlier recording of the same meeting)."""
    _require_member(actor, conference.team)
    memberships = list(memberships)
    if any(m.team_id != conference.team_id or m.left_at for m in memberships):
        raise ValidationError(_("Only members of the team can attend."))
    conference.attendance.all().delete()
    Attendance.objects.bulk_create(
        Attendance(conference=conference, membership=m) for m in memberships
    )
    events.mda_attendance_recorded(actor, conference)


def _require_on_agenda(conference, referral):
    if not conference.items.filter(referral=referral).exists():
        raise ValidationError(_("This case is not on the agenda of this conference."))


@transaction.atomic
def agree_scenario(actor, conference, referral, *, care_steps, justice_steps, sequence):
    """Record the scenario agreed for a case on the agenda (a new version)."""
    _require_member(actor, conference.team)
    _require_on_agenda(conference, referral)
    if referral.status != ReferralStatus.ACCEPTED:
        raise ValidationError(_("A scenario is agreed for accepted cases only."))
    scenario = Scenario.objects.create(
        referral=referral,
        conference=conference,
        care_steps=care_steps,
        justice_steps=justice_steps,
        sequence=sequence,
        agreed_by=actor,
    )
    events.mda_scenario_agreed(actor, scenario)
    return scenario


@transaction.atomic
def add_action(actor, referral, *, description, owner, due_on, conference=None):
    """An action with an owner from the team and a due date."""
    _require_member(actor, referral.team)
    if conference is not None:
        _require_on_agenda(conference, referral)
    if referral.status != ReferralStatus.ACCEPTED:
        raise ValidationError(_("Actions are agreed for accepted cases only."))
    if not is_member(owner, referral.team):
        raise ValidationError(_("The owner must be a member of the team."))
    action = Action.objects.create(
        referral=referral,
        conference=conference,
        description=description,
        owner=owner,
        due_on=due_on,
        created_by=actor,
    )
    events.mda_action_added(actor, action)
    if owner.pk != actor.pk:
        mail_task_link([owner], _referral_path(referral))
    return action


@transaction.atomic
def complete_action(actor, action):
    _require_member(actor, action.referral.team)
    if action.is_done:
        raise ValidationError(_("This action is already done."))
    action.done_at, action.done_by = timezone.now(), actor
    action.save(update_fields=["done_at", "done_by"])
    events.mda_action_completed(actor, action)
    return action


@transaction.atomic
def save_minutes(actor, conference, minutes):
    _require_member(actor, conference.team)
    if conference.minutes_sent_at is not None:
        raise ValidationError(_("The minutes have been sent and can no longer change."))
    conference.minutes = minutes
    conference.save(update_fields=["minutes"])
    events.mda_minutes_saved(actor, conference)


@transaction.atomic
def send_minutes(actor, conference):
    """Send the minutes to the participants (due within 3 working days after the meeting).
    The accepted cases discussed are next due for review REVIEW_WEEKS later."""
    _require_member(actor, conference.team)
    if conference.minutes_sent_at is not None:
        raise ValidationError(_("The minutes have already been sent."))
    if not conference.minutes.strip():
        raise ValidationError(_("Write the minutes before sending them."))
    participants = [
        a.membership.user for a in conference.attendance.select_related("membership__user")
    ]
    if not participants:
        raise ValidationError(_("Record who attended before sending the minutes."))
    now = timezone.now()
    conference.minutes_sent_at = now
    conference.save(update_fields=["minutes_sent_at"])
    MinutesRecipient.objects.bulk_create(
        MinutesRecipient(conference=conference, user=user, sent_at=now) for user in participants
    )
    Referral.objects.filter(
        pk__in=conference.items.values("referral_id"), status=ReferralStatus.ACCEPTED
    ).update(next_review_on=_review_date(conference))
    events.mda_minutes_sent(actor, conference)
    mail_task_link(participants, reverse("mda:conference_detail", args=[conference.pk]))
    return conference

"""Intake rules shared by the registration form and the partner API (messages in Dutch)."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from veilignet.accounts.models import Organisation, OrganisationType
from veilignet.people.bsn import is_valid_bsn


def reporter_errors(
    *, anonymous, name="", phone="", email="", wants_feedback=False, **_ignored
) -> dict[str, str]:
    """Errors per reporter field: anonymous means no contact details and no feedback."""
    errors = {}
    if anonymous:
        if name or phone or email:
            errors["anonymous"] = _(
                "An anonymous reporter has no name, phone number or e-mail address."
            )
        if wants_feedback:
            errors["wants_feedback"] = _("An anonymous reporter cannot receive feedback.")
    else:
        if not name:
            errors["name"] = _("Give the reporter's name, or mark the reporter as anonymous.")
        if wants_feedback and not (phone or email):
            errors["wants_feedback"] = _("Feedback needs a phone number or an e-mail address.")
    return errors


def received_at_error(received_at) -> str | None:
    if received_at > timezone.now():
        return _("The moment of receipt cannot be in the future.")
    return None


def bsn_error(value) -> str | None:
    if value and not is_valid_bsn(value):
        return _("This is not a valid BSN: it must be nine digits and pass the eleven-test.")
    return None


def duplicate_bsn_positions(persons) -> list[int]:
    """Positions of persons whose BSN already appears earlier in the same report."""
    seen, duplicates = set(), []
    for position, person in enumerate(persons):
        bsn = person.get("bsn")
        if bsn and bsn in seen:
            duplicates.append(position)
        seen.add(bsn)
    return duplicates


DUPLICATE_BSN = gettext_lazy("This BSN is already given for another person in this report.")


def handling_organisation_for(municipality):
    """The Veilig Thuis organisation of the municipality's region, or None."""
    return (
        Organisation.objects.filter(
            region_id=municipality.region_id, type=OrganisationType.VEILIG_THUIS
        )
        .order_by("pk")
        .first()
    )

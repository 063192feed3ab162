"""Partner API payloads: a report in, its registration status out. Messages in Dutch."""

import datetime

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from veilignet.people.models import MemberRole
from veilignet.regions.models import Municipality
from veilignet.reports import validation
from veilignet.reports.models import Channel, Kind, Report, Sector, ViolenceForm


class ReporterSerializer(serializers.Serializer):
    sector = serializers.ChoiceField(choices=Sector.choices)
    anonymous = serializers.BooleanField()
    name = serializers.CharField(required=False, allow_blank=True, max_length=200)
    organisation = serializers.CharField(required=False, allow_blank=True, max_length=200)
    phone = serializers.CharField(required=False, allow_blank=True, max_length=32)
    email = serializers.EmailField(required=False, allow_blank=True)
    wants_feedback = serializers.BooleanField(required=False, default=False)

    def validate(self, attrs):
        errors = validation.reporter_errors(**attrs)
        if errors:
            raise serializers.ValidationError({name: [msg] for name, msg in errors.items()})
        return attrs


class PersonSerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=MemberRole.choices)
    first_name = serializers.CharField(required=False, allow_blank=True, max_length=100)
    last_name = serializers.CharField(required=False, allow_blank=True, max_length=150)
    date_of_birth = serializers.DateField(required=False, allow_null=True)
    bsn = serializers.CharField(required=False, allow_blank=True)

    def validate_bsn(self, value):
        error = validation.bsn_error(value)
        if error:
            raise serializers.ValidationError(error)
        return value

    def validate_date_of_birth(self, value):
        if value and value > datetime.date.today():
            raise serializers.ValidationError(_("The date of birth cannot be in the future."))
        return value


class ReportInputSerializer(serializers.Serializer):
    """A report or advice request as a partner sends it in."""

    kind = serializers.ChoiceField(choices=Kind.choices)
    received_at = serializers.DateTimeField(help_text=_("ISO 8601, e.g. 2026-04-24T16:30:00+02:00"))
    channel = serializers.ChoiceField(choices=Channel.choices)
    municipality = serializers.CharField(help_text=_("CBS code, e.g. GM0855"))
    reporter = ReporterSerializer()
    violence_forms = serializers.ListField(
        child=serializers.ChoiceField(choices=ViolenceForm.choices), allow_empty=False
    )
    complex_divorce = serializers.BooleanField(required=False, default=False)
    persons = PersonSerializer(many=True, required=False, default=list)
    concern = serializers.CharField()

    def validate_municipality(self, value):
        municipality = Municipality.objects.filter(cbs_code=value.strip().upper()).first()
        if municipality is None:
            raise serializers.ValidationError(
                _("Unknown municipality: give its CBS code, e.g. GM0855.")
            )
        if validation.handling_organisation_for(municipality) is None:
            raise serializers.ValidationError(
                _("No Veilig Thuis on Veilignet handles reports for this municipality.")
            )
        return municipality

    def validate_received_at(self, value):
        error = validation.received_at_error(value)
        if error:
            raise serializers.ValidationError(error)
        return value

    def validate_persons(self, value):
        duplicates = validation.duplicate_bsn_positions(value)
        if duplicates:
            # Same shape as DRF's own errors in a list: keyed by position.
            raise serializers.ValidationError(
                {str(i): {"bsn": [validation.DUPLICATE_BSN]} for i in duplicates}
            )
        return value


class ReportStatusSerializer(serializers.ModelSerializer):
    """What a partner learns about a report it sent in: no personal data."""

    reference = serializers.CharField(read_only=True)
    household_id = serializers.IntegerField(allow_null=True, read_only=True)
    triage_deadline = serializers.DateField(format="%Y-%m-%d", read_only=True)

    class Meta:
        model = Report
        fields = [
            "id",
            "reference",
            "kind",
            "status",
            "triage_deadline",
            "household_id",
            "is_re_report",
        ]
        read_only_fields = fields


class IndicatorSerializer(serializers.Serializer):
    """One indicator for one region or municipality and period; parts are null where
    small-number protection suppressed them."""

    key = serializers.CharField()
    value = serializers.FloatField(allow_null=True)
    numerator = serializers.IntegerField(allow_null=True)
    denominator = serializers.IntegerField(allow_null=True)
    suppressed = serializers.BooleanField()
    unit = serializers.ChoiceField(
        choices=["share", "count", "per_10k", "ratio"],
        help_text="share: a fraction 0-1; count; per_10k: per 10,000 inhabitants; ratio",
    )
    direction = serializers.ChoiceField(choices=["rise", "fall", "none"])
    target = serializers.FloatField(allow_null=True)
    definition = serializers.CharField()

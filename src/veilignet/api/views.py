"""The partner API: send in a report, look up its status; schema and documentation."""

from django.shortcuts import get_object_or_404, render
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from drf_spectacular.views import SpectacularAPIView
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from veilignet.api.authentication import ApiTokenAuthentication, HasApiToken
from veilignet.api.serializers import (
    IndicatorSerializer,
    ReportInputSerializer,
    ReportStatusSerializer,
)
from veilignet.api.throttling import OrganisationRateThrottle
from veilignet.core.access import public, token_authenticated
from veilignet.monitoring import api as monitoring
from veilignet.reports import services, validation
from veilignet.reports.models import Report


class TokenView(APIView):
    """Base for the API's views: an organisation's token, nothing else, gets in."""

    access_policy = token_authenticated
    authentication_classes = [ApiTokenAuthentication]
    permission_classes = [HasApiToken]
    throttle_classes = [OrganisationRateThrottle]


class ReportCreateView(TokenView):
    @extend_schema(
        request=ReportInputSerializer,
        responses={
            201: ReportStatusSerializer,
            400: OpenApiResponse(description="Invalid input: a message per field; nothing saved."),
        },
        summary="Send in a report or advice request",
        description=(
            "Registers the report at the Veilig Thuis of the municipality's region. "
            "`household_id` is set (and `is_re_report` true) only when a BSN in the report "
            "belongs to exactly one known household; otherwise a Veilig Thuis worker links "
            "or registers the household after reviewing the candidates."
        ),
    )
    def post(self, request):
        serializer = ReportInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        report = services.register(
            request.user,
            handling_organisation=validation.handling_organisation_for(data["municipality"]),
            submitted_by_organisation=request.auth.organisation,
            **data,
        )
        return Response(ReportStatusSerializer(report).data, status=status.HTTP_201_CREATED)


class ReportDetailView(TokenView):
    @extend_schema(responses={200: ReportStatusSerializer}, summary="Status of a report sent in")
    def get(self, request, pk):
        """Only reports this organisation sent in are found."""
        report = get_object_or_404(Report.objects.submitted_by(request.auth.organisation), pk=pk)
        return Response(ReportStatusSerializer(report).data)


class IndicatorListView(TokenView):
    @extend_schema(
        parameters=[
            OpenApiParameter("region", str, required=True, description="Region slug"),
            OpenApiParameter(
                "period", str, required=True, description="`2025`, `2025-H1` or `2025-Q3`"
            ),
            OpenApiParameter("municipality", str, description="CBS code, e.g. GM0855"),
            OpenApiParameter("violence_form", str, description="Only this form of violence"),
        ],
        responses={
            200: IndicatorSerializer(many=True),
            400: OpenApiResponse(description="Unknown period, municipality or form."),
            403: OpenApiResponse(description="The token's organisation may not read this region."),
        },
        summary="The region's indicators for a period",
        description=monitoring.POLICY,
    )
    def get(self, request):
        figures = monitoring.indicators_for(request.auth.organisation, request.query_params)
        return Response(IndicatorSerializer(figures, many=True).data)


class SchemaView(SpectacularAPIView):
    """The OpenAPI schema; public, it holds no data."""

    access_policy = public


def _fields(schema, components, prefix=""):
    """Flatten a request schema into rows (name, type, required, allowed values)."""
    if "$ref" in schema:
        schema = components[schema["$ref"].rsplit("/", 1)[-1]]
    rows = []
    required = set(schema.get("required", ()))
    for name, prop in schema.get("properties", {}).items():
        if prop.get("readOnly"):
            continue
        full = f"{prefix}{name}"
        target = prop.get("items", prop) if prop.get("type") == "array" else prop
        resolved = components.get(target.get("$ref", "").rsplit("/", 1)[-1], target)
        if "allOf" in target:
            resolved = components[target["allOf"][0]["$ref"].rsplit("/", 1)[-1]]
        if "properties" in resolved:
            suffix = "[]." if prop.get("type") == "array" else "."
            rows.append(
                {"name": full, "type": prop.get("type", "object"), "required": name in required}
            )
            rows += _fields(resolved, components, full + suffix)
            continue
        kind = prop.get("type", resolved.get("type", ""))
        if prop.get("format") or resolved.get("format"):
            kind = f"{kind} ({prop.get('format') or resolved.get('format')})"
        rows.append(
            {
                "name": full,
                "type": kind,
                "required": name in required,
                "values": resolved.get("enum", ()),
                "help": prop.get("description", ""),
            }
        )
    return rows


@public
def docs(request):
    """Human-readable API documentation, rendered from the OpenAPI schema on the server
    (no scripts or styles from the internet)."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    components = schema.get("components", {}).get("schemas", {})
    operations = []
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            operations.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "fields": _fields(body["schema"], components) if body else [],
                    "responses": [
                        {"code": code, "description": response.get("description", "")}
                        for code, response in operation.get("responses", {}).items()
                    ],
                }
            )
    return render(request, "api/docs.html", {"operations": operations, "info": schema["info"]})

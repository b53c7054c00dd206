"""The read-only JSON API (docs/api.md). Public endpoints answer anyone from the published
strategies; the others answer the holder of a personal token about the regions they may read,
through the region door: a region they hold no role in answers 404, like one that does not
exist."""

import hashlib
import re
from functools import wraps

from django.core.cache import cache as django_cache
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from drf_spectacular.renderers import (
    OpenApiJsonRenderer,
    OpenApiJsonRenderer2,
    OpenApiYamlRenderer,
    OpenApiYamlRenderer2,
)
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from drf_spectacular.views import SpectacularAPIView
from rest_framework import mixins
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response

from .. import cache
from . import selectors
from . import serializers as api
from .auth import BearerTokenAuthentication, PublicThrottle, TokenThrottle

READ = ["get", "head", "options"]
PUBLIC_MAX_AGE = 60
# A public answer is kept until the next publishing decision (the cache generation) or this long.
ANSWER_SECONDS = 10 * 60


def kept_answer(get):
    """Answer a public GET from the cache when the same address was answered in this language
    under the current generation: the lists are cut from every published strategy, which costs
    the same whatever page of them is asked for. Refusals (400, 404) are raised, never kept."""

    @wraps(get)
    def wrapper(self, request, *args, **kwargs):
        address = hashlib.sha256(request.get_full_path().encode()).hexdigest()
        key = cache.key("api", get_language(), address)
        data = django_cache.get(key)
        if data is None:
            data = get(self, request, *args, **kwargs).data
            django_cache.set(key, data, ANSWER_SECONDS)
        return Response(data)

    return wrapper


class Pages(LimitOffsetPagination):
    """limit and offset, refused with 400 when they are not whole numbers (DRF would quietly
    use its defaults, hiding a client's mistake)."""

    default_limit = 50
    max_limit = 100
    largest = 999_999_999

    def _number(self, request, name: str, minimum: int) -> int | None:
        raw = request.query_params.get(name)
        if raw is None:
            return None
        if not re.fullmatch(r"[0-9]{1,9}", raw) or int(raw) < minimum:
            message = _("Enter a whole number of %(minimum)d or more.") % {"minimum": minimum}
            raise ValidationError({name: [message]})
        return int(raw)

    def get_limit(self, request):
        found = self._number(request, self.limit_query_param, 1)
        return self.default_limit if found is None else min(found, self.max_limit)

    def get_offset(self, request):
        return self._number(request, self.offset_query_param, 0) or 0

    def get_schema_operation_parameters(self, view):
        limit, offset = super().get_schema_operation_parameters(view)
        limit["schema"] = {"type": "integer", "minimum": 1, "maximum": self.largest}
        limit["description"] = (
            f"Items per page: {self.default_limit} unless asked, at most {self.max_limit}."
        )
        offset["schema"] = {"type": "integer", "minimum": 0, "maximum": self.largest}
        offset["description"] = "How many items to skip."
        return [limit, offset]


class PublicView(GenericAPIView):
    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = [PublicThrottle]
    http_method_names = READ

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        # Published data may be kept a minute anywhere; refusals not at all.
        if response.status_code == 200:
            response["Cache-Control"] = f"public, max-age={PUBLIC_MAX_AGE}"
        else:
            response["Cache-Control"] = "no-store"
        patch_vary_headers(response, ["Accept-Language"])
        return response


class TokenView(GenericAPIView):
    authentication_classes = [BearerTokenAuthentication]
    permission_classes = [IsAuthenticated]
    throttle_classes = [TokenThrottle]
    http_method_names = READ

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Cache-Control"] = "private, no-store"
        return response


def _filters(serializer_class, request) -> dict:
    blank = {
        name: [_("Enter a value, or leave this filter out.")]
        for name in serializer_class().fields
        if name in request.query_params and not request.query_params[name].strip()
    }
    if blank:
        raise ValidationError(blank)
    found = serializer_class(data=request.query_params)
    found.is_valid(raise_exception=True)
    return found.validated_data


PUBLIC_ERRORS = {400: api.Error, 429: api.Error}
REGION = OpenApiParameter(
    "region",
    {"type": "string", "pattern": "^[-a-zA-Z0-9_]+$", "maxLength": 100},
    OpenApiParameter.PATH,
    description="The region's short name in addresses (e.g. pomerania).",
    examples=[OpenApiExample("A demo region", value="pomerania")],
)


class PublicList(mixins.ListModelMixin, PublicView):
    pagination_class = Pages
    filter_class = api.RegionFilter
    rows = None

    @kept_answer
    def get(self, request, *args, **kwargs):
        return self.list(request)

    def get_queryset(self):
        filters = _filters(self.filter_class, self.request)
        language = get_language()
        areas = None
        if filters.get("thematic_area") is not None:
            # A number no area has keeps nothing, as a region nobody has does.
            found = selectors.area_titles_by_number(language)
            areas = found.get(filters["thematic_area"], set())
        return type(self).rows(filters, areas, language)


@extend_schema(
    tags=["public"],
    summary="Published strategies",
    description="One item per published strategy: its region, cycle, revision, dates, "
    "completeness, total budget and counts. Newest cycles of every region included.",
    parameters=[api.RegionFilter],
    responses={200: api.StrategySummary, **PUBLIC_ERRORS},
)
class StrategyList(PublicList):
    serializer_class = api.StrategySummary

    @staticmethod
    def rows(filters, _areas, language):
        return selectors.published_strategies(filters, language)


@extend_schema(
    tags=["public"],
    summary="One published strategy",
    description="A region's published strategy in full: priorities, checklist, actions, "
    "funding, indicators and the figures of accepted progress reports.",
    parameters=[
        api.DetailFilter,
        REGION,
    ],
    responses={200: api.Strategy, 404: api.Error, 400: api.Error, 429: api.Error},
)
class StrategyDetail(PublicView):
    serializer_class = api.Strategy

    @kept_answer
    def get(self, request, region):
        filters = _filters(api.DetailFilter, request)
        found = selectors.published_strategy(region, filters.get("cycle"), get_language())
        return Response(api.Strategy(found).data)


@extend_schema(
    tags=["public"],
    summary="Actions of published strategies",
    description="Every action of every published strategy, with its region, cycle and priority.",
    parameters=[api.ActionFilter],
    responses={200: api.ActionRow, **PUBLIC_ERRORS},
)
class ActionList(PublicList):
    serializer_class = api.ActionRow
    filter_class = api.ActionFilter
    rows = staticmethod(selectors.action_rows)


@extend_schema(
    tags=["public"],
    summary="Indicators of published strategies",
    description="One item per indicator, with its values per period from accepted reports.",
    parameters=[api.IndicatorFilter],
    responses={200: api.IndicatorRow, **PUBLIC_ERRORS},
)
class IndicatorList(PublicList):
    serializer_class = api.IndicatorRow
    filter_class = api.IndicatorFilter
    rows = staticmethod(selectors.indicator_rows)


@extend_schema(
    tags=["public"],
    summary="Budgets of published strategies",
    description="One item per action, year and fund.",
    parameters=[api.BudgetFilter],
    responses={200: api.BudgetRow, **PUBLIC_ERRORS},
)
class BudgetList(PublicList):
    serializer_class = api.BudgetRow
    filter_class = api.BudgetFilter
    rows = staticmethod(selectors.budget_rows)


# --- with a token -----------------------------------------------------------------------------

TOKEN_ERRORS = {401: api.Error, 404: api.Error, 429: api.Error}


@extend_schema(
    tags=["token"],
    summary="Regions you may read",
    description="The regions the token's holder holds a role in; a network coordinator's, "
    "every region of the network.",
    responses={200: api.Region, 400: api.Error, 401: api.Error, 429: api.Error},
)
class RegionList(mixins.ListModelMixin, TokenView):
    serializer_class = api.Region
    pagination_class = Pages

    def get_queryset(self):
        return selectors.readable_regions(self.request.user)

    def get(self, request, *args, **kwargs):
        return self.list(request)


@extend_schema(
    tags=["token"],
    summary="A region's workplans",
    parameters=[REGION],
    responses={200: api.WorkplanSummary(many=True), **TOKEN_ERRORS},
)
class WorkplanList(TokenView):
    serializer_class = api.WorkplanSummary

    def get(self, request, region):
        found = selectors.readable_region(request.user, region)
        return Response(api.WorkplanSummary(selectors.region_workplans(found), many=True).data)


@extend_schema(
    tags=["token"],
    summary="A workplan as it stands",
    description="The live workplan of a cycle, drafts included; no people and no comments.",
    parameters=[
        REGION,
        OpenApiParameter(
            "start_year",
            {"type": "integer", "minimum": 0, "maximum": 32767},
            OpenApiParameter.PATH,
            description="The year the cycle starts (e.g. 2025).",
            examples=[OpenApiExample("The first cycle", value=2025)],
        ),
    ],
    responses={200: api.LiveWorkplan, **TOKEN_ERRORS},
)
class WorkplanDetail(TokenView):
    serializer_class = api.LiveWorkplan

    def get(self, request, region, start_year):
        found = selectors.readable_region(request.user, region)
        workplan = selectors.region_workplan(found, start_year)
        return Response(api.LiveWorkplan(selectors.live_workplan(workplan, get_language())).data)


@extend_schema(
    tags=["token"],
    summary="A region's progress reports",
    parameters=[REGION],
    responses={200: api.Report(many=True), **TOKEN_ERRORS},
)
class ReportList(TokenView):
    serializer_class = api.Report

    def get(self, request, region):
        found = selectors.readable_region(request.user, region)
        return Response(api.Report(selectors.region_report_rows(found), many=True).data)


@extend_schema(exclude=True)
class Nowhere(PublicView):
    """Any other address under /api/v1/: a JSON 404, as the API answers everything."""

    http_method_names = ["get", "head", "options", "post", "put", "patch", "delete"]

    def nowhere(self, request, *args, **kwargs):
        raise NotFound

    get = options = post = put = patch = delete = nowhere


class Schema(SpectacularAPIView):
    """The OpenAPI 3 document: JSON, or YAML with ?format=yaml (or by the Accept header)."""

    renderer_classes = [
        OpenApiJsonRenderer2,
        OpenApiJsonRenderer,
        OpenApiYamlRenderer,
        OpenApiYamlRenderer2,
    ]
    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = [PublicThrottle]
    http_method_names = READ

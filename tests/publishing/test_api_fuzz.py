"""The API against its own OpenAPI schema: schemathesis generates requests for every operation
from the schema the server publishes, sends them to a live server, and checks each answer: no
server error, a documented status code and content type, a body that matches the documented
schema, and nothing of a region that is not published or that the token cannot read.

Against a running server: see docs/api.md ("Fuzzing")."""

import re

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from regions.models import Role
from tests import factories as f
from tests.reporting import factories as rf
from toolkit.publishing.api.services import token_create

from .factories import published

HIDDEN = ("Hiddenshire Zq", "hiddenshire")  # approved, never published
UNREADABLE = ("Farawayland Zq", "farawayland")  # published, but the token holder has no role
HOME = "homeland"
EXAMPLES = 25


@schemathesis.check
def leaks_no_region(ctx, response, case):
    """Nothing of an unpublished region anywhere; nothing of a region the token cannot read
    on the token's endpoints."""
    body = response.text
    for word in HIDDEN:
        assert word not in body, f"{case.path}: the unpublished region {word!r} shows"
    if not case.path.startswith("/api/v1/public/"):
        for word in UNREADABLE:
            assert word not in body, f"{case.path}: a region the token cannot read shows"


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    leaks_no_region,
]


@pytest.fixture
def demo(transactional_db):
    home = f.region(name="Homeland Zq", slug=HOME)
    admin = f.member(home, Role.ADMIN)
    published(home, by=admin)
    rf.report(home, by=admin, coordinator=f.coordinator())
    published(f.region(name=UNREADABLE[0], slug=UNREADABLE[1]))
    published(f.region(name="Thirdland Zq", slug="thirdland"))
    hidden = f.region(name=HIDDEN[0], slug=HIDDEN[1])
    rf.approved_workplan(hidden, by=f.member(hidden, Role.ADMIN), coordinator=f.coordinator())
    editor = f.member(home, Role.EDITOR)
    return token_create(user=editor, name="Fuzzing")[1]


def _run(operation, base_url: str, headers: dict, **path_parameters) -> None:
    @hypothesis_settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
        phases=[Phase.explicit, Phase.generate, Phase.shrink],
    )
    @given(case=operation.as_strategy(path_parameters=path_parameters or None))
    def run(case):
        response = case.call(base_url=base_url, headers=headers)
        case.validate_response(response, checks=CHECKS, headers=headers)

    run()


def test_it_keeps_every_answer_to_its_schema(live_server, settings, demo):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"public": None, "token": None},
    }
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/v1/schema/?format=json")
    headers = {"Authorization": f"Bearer {demo}"}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 9
    for operation in operations:
        _run(operation, live_server.url, headers)
        # Random region names mostly answer 404: also walk the readable region, its 2025
        # workplan, and the region the token cannot read.
        names = set(re.findall(r"{(\w+)}", operation.path))
        if "region" in names:
            for slug in (HOME, UNREADABLE[1]):
                fixed = {"region": slug}
                if "start_year" in names:
                    fixed["start_year"] = 2025
                _run(operation, live_server.url, headers, **fixed)

"""Property-based tests on every view that accepts POST: no input makes the server fail.

Each URL pattern is walked (tests/urlwalk.py), its form field names are read from the page, and
hypothesis posts dictionaries built from those names plus random ones, with text, unicode, huge,
empty and numeric values. Every example runs inside a savepoint that is rolled back, so examples
do not depend on each other.
"""

from html.parser import HTMLParser

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from regions.models import Role
from tests import factories
from tests.urlwalk import NON_ADMIN, classify, url_for

EXAMPLES = settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# Pages that would end the signed-in session or need a one-time secret; their input handling is
# covered by dedicated tests (tests/eubelong/test_sessions.py, tests/accounts/).
SKIP = {"accounts:logout"}

TRICKY = [
    "",
    " ",
    "0",
    "-1",
    "1e309",
    "NaN",
    "99999999999999999999999999",
    "2026-02-30",
    "31/12/2026",
    "00000000-0000-0000-0000-000000000000",
    "../../etc/passwd",
    "' OR 1=1 --",
    '<script>alert("xss")</script>',
    '=HYPERLINK("http://example.org")',
    "\u202etxt.exe",
    "😀" * 50,
    "x" * 20000,
]
values = st.one_of(
    st.sampled_from(TRICKY),
    st.text(max_size=40),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
)


class FieldNames(HTMLParser):
    def __init__(self):
        super().__init__()
        self.names: set[str] = set()

    def handle_starttag(self, tag, attrs):
        if tag in {"input", "select", "textarea", "button"}:
            name = dict(attrs).get("name")
            if name and name != "csrfmiddlewaretoken":
                self.names.add(name)


def field_names(html: str) -> list[str]:
    parser = FieldNames()
    parser.feed(html)
    return sorted(parser.names)


def post_data(names: list[str]):
    known = st.dictionaries(st.sampled_from(names), values | st.lists(values, max_size=3))
    random = st.dictionaries(st.text(min_size=1, max_size=12), values, max_size=3)
    if not names:
        return random
    return st.tuples(known, random).map(lambda pair: {**pair[1], **pair[0]})


def _who(url_class, region):
    if url_class == "public":
        return None
    if url_class in {"coordinator", "region-review"}:
        return factories.coordinator()
    return factories.member(region, Role.ADMIN)


CANDIDATES = [
    name
    for name in NON_ADMIN
    if classify(name) in {"public", "signed-in", "region", "region-review", "coordinator"}
    and name not in SKIP
]


@pytest.fixture
def big_limits(settings):
    settings.RATELIMITS = dict.fromkeys(settings.RATELIMITS, "100000/h")


@pytest.mark.django_db
@pytest.mark.parametrize("name", CANDIDATES)
def test_it_never_fails_on_any_posted_input(client, name, big_limits):
    region = factories.region(name="Propertia", slug="propertia")
    url = url_for(name, region)
    who = _who(classify(name), region)
    if who is not None:
        client.force_login(who)
    page = client.get(url)
    names = field_names(page.content.decode(errors="replace")) if page.status_code == 200 else []
    with transaction.atomic():
        accepts_post = client.post(url).status_code != 405
        transaction.set_rollback(True)
    if not accepts_post:
        pytest.skip("does not accept POST")

    @EXAMPLES
    @given(data=post_data(names), htmx=st.booleans())
    def run(data, htmx):
        headers = {"HX-Request": "true"} if htmx else {}
        with transaction.atomic():
            if who is not None:
                client.force_login(who)
            response = client.post(url, data, headers=headers)
            transaction.set_rollback(True)
        assert response.status_code < 500, f"{name} {url} answered {response.status_code}"

    run()


# --- invalid input changes nothing ------------------------------------------------------------

REPRESENTATIVE = [
    "regions:edit",
    "toolkit:item",
    "toolkit:action-edit",
    "toolkit:action-new",
    "regions:stakeholder-edit",
    "regions:stakeholder-new",
    "handbook:area-edit",
    "handbook:module-edit",
    "handbook:module-create",
]


def snapshot():
    from django.apps import apps

    watched = [
        "regions.Region",
        "regions.Stakeholder",
        "regions.ContactPerson",
        "regions.AuditEntry",
        "toolkit.PriorityResponse",
        "toolkit.ItemResponse",
        "toolkit.Action",
        "toolkit.Indicator",
        "toolkit.Comment",
        "toolkit.Change",
        "handbook.ThematicArea",
        "handbook.TrainingModule",
        "handbook.Revision",
    ]
    return {label: list(apps.get_model(label).objects.order_by("pk").values()) for label in watched}


@pytest.mark.django_db
@pytest.mark.parametrize("name", REPRESENTATIVE)
def test_it_changes_nothing_when_input_is_rejected(client, name, big_limits):
    region = factories.region(name="Propertia", slug="propertia")
    url = url_for(name, region)
    who = _who(classify(name), region)
    client.force_login(who)
    page = client.get(url)
    assert page.status_code == 200
    names = field_names(page.content.decode())
    before = snapshot()

    empty = client.post(url, dict.fromkeys(names, ""))
    assert empty.status_code == 400, f"{name}: an empty form should be rejected"
    assert snapshot() == before

    rejected = []

    @EXAMPLES
    @given(data=post_data(names))
    def run(data):
        with transaction.atomic():
            client.force_login(who)
            state = snapshot()
            response = client.post(url, data)
            if response.status_code >= 400:
                rejected.append(response.status_code)
                assert snapshot() == state, f"{name} changed data while answering {response}"
            transaction.set_rollback(True)

    run()
    assert rejected, f"{name}: no generated input was rejected"

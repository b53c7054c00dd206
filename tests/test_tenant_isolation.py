"""Walks every URL pattern and proves nobody reaches a region they hold no role in.

A new URL pattern is covered by classifying it in its app's `tests/<app>/isolation.py`:
- public: anyone (only a server error fails);
- signed-in: anonymous visitors are sent to sign in;
- region: region data; people without a role in the region get 403/404/405, coordinators may read
  but not write;
- region-review: like region, but coordinators may also write (review actions);
- coordinator: only network coordinators;
- admin: Django admin, staff only.
"""

import pytest
from django.urls import reverse

from regions.models import Role

from . import factories
from .urlwalk import (
    ARG_FACTORIES,
    KNOWN_CLASSES,
    NON_ADMIN,
    PATTERNS,
    URL_CLASSES,
    classify,
    url_for,
)

METHODS = ["get", "head", "options", "post", "put", "patch", "delete"]
SAFE = {"get", "head", "options"}
DENIED = {403, 404, 405}
VICTIM_NAME = "Victima Regionis Zq"
# /healthz honestly answers 503 while no worker runs; that is its job, not a failure.
MAY_REPORT_UNAVAILABLE = {"healthz"}
LAB_COOKIE = "eubelong_lab"


def test_it_classifies_every_url_pattern():
    unclassified = [name for name in PATTERNS if classify(name) is None]
    assert not unclassified, (
        f"classify these URL patterns in tests/<app>/isolation.py: {unclassified}"
    )
    unknown = {name: c for name, c in URL_CLASSES.items() if c not in KNOWN_CLASSES}
    assert not unknown
    stale = [name for name in URL_CLASSES if name not in PATTERNS]
    assert not stale, f"classified but no longer a URL pattern: {stale}"


@pytest.fixture
def cast(db):
    victim = factories.region(name=VICTIM_NAME, slug="victima")
    elsewhere = factories.region(name="Elsewhere", slug="elsewhere")
    return {
        "victim": victim,
        "anonymous": None,
        "outsider": factories.UserFactory(),
        "contributor": factories.member(elsewhere, Role.CONTRIBUTOR),
        "editor": factories.member(elsewhere, Role.EDITOR),
        "admin-elsewhere": factories.member(elsewhere, Role.ADMIN),
        "coordinator": factories.coordinator(),
        # Joined a lab elsewhere through its link: no account, a lab cookie only.
        "lab-participant": lab_participant_cookie(elsewhere),
    }


def lab_participant_cookie(region) -> tuple[str, str]:
    """The cookie a participant of an open lab on `region`'s workplan holds."""
    from django.http import HttpResponse

    from tests.toolkit.isolation import _lab
    from toolkit.services.labs import lab_join
    from toolkit.views import lab_room  # noqa: PLC0415

    lab = _lab(region)
    person = lab_join(lab=lab, name="Walk Participant", organisation="Walkers", sector="civil")
    reply = HttpResponse()
    value = f"{lab.uuid.hex}:{person.uuid.hex}"
    reply.set_signed_cookie(lab_room.COOKIE, value, salt=lab_room.SALT)
    return lab_room.COOKIE, reply.cookies[lab_room.COOKIE].value


def _url(name, victim):
    return url_for(name, victim)


def _allowed(url_class: str, who: str, method: str, response, name: str = "") -> bool:
    status = response.status_code
    if status == 503 and name in MAY_REPORT_UNAVAILABLE:
        return True
    if status >= 500:
        return False
    if url_class == "public":
        return True
    if who in ("anonymous", "lab-participant"):
        login = status == 302 and "/accounts/login/" in response.get("Location", "")
        admin_login = status == 302 and "/admin/login/" in response.get("Location", "")
        # htmx is told the session ended (the page keeps what was typed), never redirected.
        htmx_ended = status == 401 and response.get("X-Session-Check") == "1"
        return login or admin_login or htmx_ended or status in DENIED
    if url_class == "signed-in":
        return True
    if url_class == "admin":
        return status in DENIED or (status == 302 and "/admin/login/" in response["Location"])
    if who == "coordinator":
        if url_class == "coordinator":
            return True
        if url_class in {"region", "region-review"} and method in SAFE:
            return True
        if url_class == "region-review":
            return True
        return status in DENIED
    return status in DENIED


@pytest.mark.parametrize("name", NON_ADMIN + ["admin:index", "admin:regions_region_changelist"])
def test_it_keeps_every_url_inside_its_tenant(client, cast, name):
    url_class = classify(name)
    url = _url(name, cast["victim"]) if name in NON_ADMIN else reverse(name)
    before = victim_rows(cast["victim"])
    failures = []
    people = ["anonymous", "outsider", "contributor", "editor", "admin-elsewhere", "coordinator"]
    for who in [*people, "lab-participant"]:
        client.logout()
        client.cookies.pop(LAB_COOKIE, None)
        if who == "lab-participant":
            client.cookies[LAB_COOKIE] = cast[who][1]
        elif cast[who] is not None:
            client.force_login(cast[who])
        for method in METHODS:
            for htmx in (False, True):
                headers = {"HX-Request": "true"} if htmx else {}
                response = getattr(client, method)(url, headers=headers)
                if not _allowed(url_class, who, method, response, name):
                    failures.append(f"{who} {method.upper()} htmx={htmx}: {response.status_code}")
                elif response.status_code in DENIED and who != "coordinator":
                    body = response.content.decode(errors="replace")
                    if VICTIM_NAME in body:
                        failures.append(f"{who} {method.upper()}: denial names the region")
    assert not failures, f"{name} ({url_class}) {url}:\n" + "\n".join(failures)
    if url_class not in {"public", "signed-in", "region-review"}:
        assert victim_rows(cast["victim"]) == before, f"{name}: a refused request changed data"


# --- one's own region in the URL, another region's ids beside it ---------------------------

# Arguments that name shared content (the Toolkit template, the module library), not tenant rows.
SHARED_ARGS = {"fmt", "template", "priority", "section", "area", "resource"}
# The module library is shared: any region may use any region's module in its own workplan.
SHARED_IN = {"toolkit:module-use": {"module"}}
MIXED = [
    name
    for name in NON_ADMIN
    if classify(name) in {"region", "region-review"}
    and set(PATTERNS[name]) - {"region"} - SHARED_ARGS - SHARED_IN.get(name, set())
]


def victim_rows(victim) -> dict:
    """Every row the victim region owns, field by field."""
    from django.apps import apps

    rows = {}
    for model in apps.get_models():
        if any(f.name == "region" and f.is_relation for f in model._meta.concrete_fields):
            rows[model._meta.label] = list(
                model._base_manager.filter(region=victim).order_by("pk").values()
            )
    return rows


@pytest.mark.parametrize("name", MIXED)
def test_it_refuses_another_regions_ids_under_ones_own_region(client, db, name):
    victim = factories.region(name=VICTIM_NAME, slug="victima")
    home = factories.region(name="Attacker's home", slug="attacker-home")
    kwargs = {arg: ARG_FACTORIES[arg](victim) for arg in PATTERNS[name]}
    kwargs["region"] = home.slug
    url = reverse(name, kwargs=kwargs)
    before = victim_rows(victim)
    failures = []
    for role in (Role.ADMIN, Role.EDITOR):
        client.force_login(factories.member(home, role))
        for method in METHODS:
            for htmx in (False, True):
                headers = {"HX-Request": "true"} if htmx else {}
                response = getattr(client, method)(url, headers=headers)
                if response.status_code not in DENIED:
                    failures.append(f"{role} {method.upper()} htmx={htmx}: {response.status_code}")
    assert not failures, f"{name} {url}:\n" + "\n".join(failures)
    assert victim_rows(victim) == before, f"{name} changed the victim's rows"


# --- search: a query that matches every region --------------------------------------------


def test_search_returns_nothing_of_a_region_one_holds_no_role_in(client, cast):
    """Every region's name, a word in every region's rows: only one's own regions answer."""
    import re

    from regions.models import Region, Sector, Stakeholder
    from tests.toolkit import factories as tf

    word = "quokkaword"
    for region in Region.objects.all():
        action = tf.action(tf.workplan(region), title=f"{word} action {region.slug}")
        tf.indicator(action, name=f"{word} indicator {region.slug}")
        Stakeholder.objects.create(
            region=region, name=f"{word} {region.slug}", sector=Sector.PUBLIC
        )
    names = " OR ".join(Region.objects.values_list("name", flat=True))
    for who in ["outsider", "contributor", "editor", "admin-elsewhere"]:
        client.force_login(cast[who])
        for query in (word, VICTIM_NAME, names, "victima"):
            for headers in ({}, {"HX-Request": "true"}):
                page = client.get(reverse("search"), {"q": query}, headers=headers).text
                results = "".join(re.findall(r'<ol class="search-results">.*?</ol>', page, re.S))
                assert "victima" not in results and VICTIM_NAME not in results, (who, query)
                assert "/regions/victima/" not in page, (who, query)
    # The walk is not vacuous: a member of the other region finds its own rows.
    client.force_login(cast["editor"])
    assert "quokkaword action elsewhere" in client.get(reverse("search"), {"q": word}).text

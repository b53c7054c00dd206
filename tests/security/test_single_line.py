"""Single-line fields refuse control characters everywhere (outside security test, finding 9).

A region name with a line break once made every invitation of that region fail after it was
saved. Every form of the platform is filled in as a browser would, with a line break, a tab or an
escape character in one of its one-line text boxes at a time; afterwards no one-line column of any
table holds such a character."""

from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.db import models
from django.db.models import Q

from regions.models import Role
from tests import factories
from tests.security.test_property_forms import _who
from tests.urlwalk import NON_ADMIN, classify, url_for

HOSTILE = ["Line one\nLine two", "Tab\there", "Escape\x1b[31m", "Separator\u2028here"]
TEXT_TYPES = {"text", "search", "url", "email", "tel", None}
SKIP = {"accounts:logout", "accounts:password_change", "accounts:login"}


class Forms(HTMLParser):
    """The POST forms of a page with the values a browser would send for them."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self.forms.append({"action": attrs.get("action") or "", "fields": [], "text": []})
        if not self.forms:
            return
        form = self.forms[-1]
        name = attrs.get("name")
        if tag == "input" and name:
            kind = (attrs.get("type") or "text").lower()
            if kind in {"checkbox", "radio"}:
                if "checked" in attrs:
                    form["fields"].append((name, attrs.get("value", "on")))
            elif kind not in {"submit", "button", "file", "image", "reset"}:
                form["fields"].append((name, attrs.get("value", "")))
                if kind in TEXT_TYPES and name not in {"csrfmiddlewaretoken", "next"}:
                    form["text"].append(name)
        elif tag == "select" and name:
            self._select = [name, None, None]
        elif tag == "option" and self._select:
            value = attrs.get("value", "")
            if self._select[1] is None:
                self._select[1] = value
            if "selected" in attrs:
                self._select[2] = value
        elif tag == "textarea" and name:
            self._textarea = [name, ""]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "select" and self._select:
            name, first, chosen = self._select
            self.forms[-1]["fields"].append((name, chosen if chosen is not None else first or ""))
            self._select = None
        elif tag == "textarea" and self._textarea is not None and self.forms:
            self.forms[-1]["fields"].append(tuple(self._textarea))
            self._textarea = None


def post_forms(html: str) -> list[dict]:
    parser = Forms()
    parser.feed(html)
    return [form for form in parser.forms if form["text"]]


def one_line_columns():
    for model in apps.get_models():
        if model._meta.app_label not in {
            "regions",
            "toolkit",
            "handbook",
            "exports",
            "compare",
            "publishing",
        }:
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, models.CharField) and not field.choices:
                yield model, field


def rows_with_control_characters() -> list[str]:
    found = []
    for model, field in one_line_columns():
        query = Q()
        for value in ("\n", "\t", "\x1b", "\u2028"):
            query |= Q(**{f"{field.name}__contains": value})
        for value in model._default_manager.filter(query).values_list(field.name, flat=True)[:3]:
            found.append(f"{model._meta.label}.{field.name}={value!r}")
    return found


PAGES = [
    name
    for name in NON_ADMIN
    if classify(name) in {"signed-in", "region", "region-review", "coordinator"}
    and name not in SKIP
]


@pytest.mark.django_db
def test_it_keeps_one_line_fields_on_one_line_in_every_form(client, settings):
    settings.RATELIMITS = dict.fromkeys(settings.RATELIMITS, "100000/h")
    region = factories.region(name="Propertia", slug="propertia")
    tried, saved = 0, 0
    for name in PAGES:
        url = url_for(name, region)
        client.force_login(_who(classify(name), region))
        page = client.get(url)
        if page.status_code != 200 or "text/html" not in page.get("Content-Type", ""):
            continue
        for form in post_forms(page.content.decode()):
            target = form["action"] or url
            for field in form["text"]:
                for value in HOSTILE:
                    data = [(k, value if k == field else v) for k, v in form["fields"]]
                    response = client.post(target, _multi(data))
                    assert response.status_code < 500, (name, field, response.status_code)
                    tried += 1
                    saved += response.status_code in (200, 302)
    # Amount fields and translations (whose layout must match English) rightly refuse most
    # hostile values; enough forms still save to prove the sweep reached them.
    assert tried > 100 and saved > 15, (tried, saved)
    assert not rows_with_control_characters()


def _multi(pairs):
    data: dict[str, list[str]] = {}
    for key, value in pairs:
        data.setdefault(key, []).append(value)
    return data


def test_it_refuses_a_region_name_with_a_line_break(login, regional_admin, region):
    from django.urls import reverse

    url = reverse("regions:edit", kwargs={"region": region.slug})
    data = {
        "name": "Home\nRegion",
        "country": region.country,
        "nuts_code": region.nuts_code,
        "population": region.population,
        "languages": region.languages,
        "lead_body": region.lead_body,
        "contextual_analysis": "",
        "version": region.version,
    }
    response = login(regional_admin).post(url, data)
    assert response.status_code == 400
    assert "without line breaks" in response.content.decode()
    region.refresh_from_db()
    assert region.name == "Home Region"


def test_it_sends_invitations_of_a_region_whose_stored_name_has_a_break(
    db, login, django_capture_on_commit_callbacks, mailoutbox
):
    from django.urls import reverse

    from regions.models import Invitation, Region

    region = factories.region(name="Placeholder", slug="broken-name")
    Region.objects.filter(pk=region.pk).update(name="Broken\r\nName")
    admin = factories.member(region, Role.ADMIN)
    with django_capture_on_commit_callbacks(execute=True):
        response = login(admin).post(
            reverse("regions:member-invite", kwargs={"region": region.slug}),
            {"name": "Nora Newcomer", "email": "newcomer@example.org", "role": "contributor"},
        )
    assert response.status_code == 302
    assert Invitation.objects.filter(region=region).count() == 1
    assert mailoutbox[-1].subject == "Invitation to Broken Name on EU-Belong"

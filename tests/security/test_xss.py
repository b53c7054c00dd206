"""A script payload stored in every text field of a region never reaches a page unescaped.

The payload is written straight into the rows (as an import, an admin edit or an old bug could), so
the test proves the output side: templates, htmx partials, the HTML behind every PDF, downloads and
the invitation email.
"""

import csv
import io
import re
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import DatabaseError, models, transaction
from django.urls import reverse

from eubelong.exports.registry import REGISTRY
from eubelong.exports.rendering import render_html
from regions.models import Role, UserProfile
from tests import factories
from tests.accounts import factories as accounts_factories
from tests.handbook import factories as handbook_factories
from tests.toolkit import factories as toolkit_factories
from tests.urlwalk import NON_ADMIN, classify, url_for

SCRIPT = '<script>alert("xss")</script>'
PAYLOAD = f'=1+1{SCRIPT}<img src=x onerror=alert(1)>"\' onfocus=alert(2) x="'


class LiveMarkup(HTMLParser):
    """Finds what a browser would build from the payload: an event handler attribute on any
    element, or a script element whose code is the payload's."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        handlers = [name for name, _value in attrs if name.startswith("on")]
        if handlers:
            self.found.append(f"<{tag} {handlers}>")
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script and "alert(" in data:
            self.found.append(f"<script>{data[:40]}")


def live_markup(html: str) -> list[str]:
    parser = LiveMarkup()
    parser.feed(html)
    parser.close()
    found = parser.found
    if SCRIPT in html:
        found.append(SCRIPT)
    return found


APPS = ["regions", "toolkit", "handbook", "exports", "compare"]
# Codes, keys and file names the application reads back as identifiers, not text people write.
NOT_TEXT = {
    "slug",
    "code",
    "email",
    "language",
    "languages",
    "token_hash",
    "session_key",
    "action",
    "target_type",
    "field",
    "source_hash",
    "kind",
    "object_id",
    "file",
    "content_hash",
    "checksum",
    "task_id",
    "worker",
}
FORMULA_START = re.compile(r"^(=|\+|@|-[^0-9 ]|\t|\r)")


def _text_fields(model):
    for field in model._meta.concrete_fields:
        if not isinstance(field, models.CharField | models.TextField):
            continue
        if field.choices or field.name in NOT_TEXT or isinstance(field, models.SlugField):
            continue
        if isinstance(field, models.EmailField):
            continue
        yield field


def plant_payload():
    """Overwrite every free-text column of every row with the payload (trimmed to fit)."""
    planted = 0
    for label in APPS:
        try:
            config = apps.get_app_config(label)
        except LookupError:
            continue
        for model in config.get_models():
            fields = list(_text_fields(model))
            if not fields:
                continue
            manager = getattr(model, "all_objects", model._default_manager)
            for pk in list(manager.values_list("pk", flat=True)):
                values = {}
                for field in fields:
                    value = f"{PAYLOAD} {pk}"
                    if isinstance(field, models.URLField):
                        value = f'https://example.org/"><script>alert("xss")</script>{pk}'
                    if field.max_length:
                        value = value[: field.max_length]
                    values[field.attname] = value
                # QuerySet.update bypasses model save guards (e.g. the append-only audit log);
                # rows frozen by a database trigger (reviewed snapshots) keep their text.
                try:
                    with transaction.atomic():
                        models.QuerySet(model).filter(pk=pk).update(**values)
                except DatabaseError:
                    continue
                planted += 1
    get_user_model().objects.update(first_name=PAYLOAD[:150], last_name=PAYLOAD[:150])
    UserProfile.objects.update(display_name=PAYLOAD[:100])
    return planted


@pytest.fixture
def hostile(db, settings):
    settings.RATELIMITS = dict.fromkeys(settings.RATELIMITS, "100000/h")
    region = factories.region(name="Hostilia", slug="hostilia")
    admin = factories.member(region, Role.ADMIN)
    coordinator = factories.coordinator()
    urls = {}
    for name in NON_ADMIN:
        if classify(name) in {"public", "signed-in", "region", "region-review", "coordinator"}:
            urls[name] = url_for(name, region)
    for fmt in ("csv", "xlsx"):
        urls[f"stakeholder-export.{fmt}"] = reverse(
            "regions:stakeholder-export", kwargs={"region": region.slug, "fmt": fmt}
        )
    # The URL factories built a workplan with answers, an action, an indicator and a proposal.
    from toolkit.models import EDITABLE_STATUSES, CommentKind, ItemResponse
    from toolkit.services import comment_add

    # The draft workplan (reports of other cycles come with approved ones).
    response = ItemResponse.objects.filter(
        region=region, workplan__status__in=EDITABLE_STATUSES
    ).first()
    comment_add(response=response, by=admin, kind=CommentKind.COMMENT, body="note")
    toolkit_factories.indicator(toolkit_factories.action(response.workplan, by=admin))
    stakeholder = accounts_factories.stakeholder(region, name="Second organisation")
    accounts_factories.contact(stakeholder)
    module = handbook_factories.module(region)
    handbook_factories.material(module)
    handbook_factories.activity(region)
    handbook_factories.section(number=9)
    handbook_factories.area(number=9)
    handbook_factories.resource()
    assert plant_payload() > 20
    return {"region": region, "admin": admin, "coordinator": coordinator, "urls": urls}


def _cells_csv(content: bytes):
    text = content.decode("utf-8-sig", errors="replace")
    dialect = csv.Sniffer().sniff(text.splitlines()[0]) if text.strip() else csv.excel
    for row in csv.reader(io.StringIO(text), dialect):
        yield from row


def _cells_xlsx(content: bytes):
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(content), read_only=True)
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            yield from (cell for cell in row if isinstance(cell, str))


def check_body(where: str, response, failures: list[str], seen: set[str]):
    kind = response.get("Content-Type", "").split(";")[0]
    body = b"".join(response.streaming_content) if response.streaming else response.content
    seen.add(kind)
    if kind in {"text/html", "text/plain", "image/svg+xml"}:
        text = body.decode(errors="replace")
        if kind == "text/plain":
            return
        if "&lt;script&gt;alert(" in text:
            seen.add("escaped payload")
        found = live_markup(text)
        if found:
            failures.append(f"{where}: live markup {found[:3]}")
    elif kind == "text/csv":
        bad = [cell for cell in _cells_csv(body) if FORMULA_START.match(cell)]
        if bad:
            failures.append(f"{where}: formula cells {bad[:3]}")
    elif kind.endswith("spreadsheetml.sheet"):
        bad = [cell for cell in _cells_xlsx(body) if FORMULA_START.match(cell)]
        if bad:
            failures.append(f"{where}: formula cells {bad[:3]}")
    elif kind in {"application/json", "application/ld+json", "text/turtle"}:
        # A JSON or RDF body is inert as long as browsers may not sniff it into HTML.
        if response.get("X-Content-Type-Options") != "nosniff":
            failures.append(f"{where}: JSON without nosniff")
    elif kind == "text/x-gettext-translation":
        # A PO file is text for translation tools: downloaded, never rendered by the browser.
        disposition = response.get("Content-Disposition", "")
        if response.get("X-Content-Type-Options") != "nosniff" or "attachment" not in disposition:
            failures.append(f"{where}: PO file that a browser could render")
    elif kind not in {"application/pdf", ""}:
        failures.append(f"{where}: unchecked content type {kind}")


def test_it_escapes_the_payload_on_every_page_and_download(client, hostile):
    failures: list[str] = []
    seen: set[str] = set()
    checked = 0
    for who in ("admin", "coordinator"):
        client.force_login(hostile[who])
        for name, url in hostile["urls"].items():
            for htmx in (False, True):
                headers = {"HX-Request": "true"} if htmx else {}
                response = client.get(url, headers=headers)
                # /healthz honestly answers 503 while no worker runs.
                if name != "healthz":
                    assert response.status_code < 500, f"{name} as {who}: {response.status_code}"
                if response.status_code == 200:
                    checked += 1
                    check_body(f"{name} {who} htmx={htmx}", response, failures, seen)
        # The personal-data download is a POST (it is audited); it carries the person's names.
        download = client.post(reverse("accounts:my-data"))
        check_body(f"my-data {who}", download, failures, seen)
    assert not failures, "\n".join(failures)
    assert checked > 50
    # The payload really was on the pages, and every download format was looked at.
    assert {"escaped payload", "text/csv", "application/json"} <= seen, seen
    assert any(kind.endswith("spreadsheetml.sheet") for kind in seen), seen


def test_it_detects_live_markup():
    assert live_markup('<p><img src=x onerror="alert(1)"></p>')
    assert live_markup('<script>alert("xss")</script>')
    assert live_markup('<input value="" onfocus=alert(2) x="">')
    assert not live_markup('<input value="&quot; onfocus=alert(2) x=&quot;">')
    assert not live_markup("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>")
    assert FORMULA_START.match("=1+1") and FORMULA_START.match("@SUM(A1)")
    assert not FORMULA_START.match("'=1+1") and not FORMULA_START.match("-12")


def every_document(hostile, per_kind=3):
    """(kind, object id, HTML) of up to `per_kind` documents of every export kind."""
    region, admin = hostile["region"], hostile["admin"]
    for kind in REGISTRY.values():
        scope = region if kind.is_regional else None
        # Network-wide kinds such as the comparison report are for coordinators only.
        user = admin if kind.permits(admin) else hostile["coordinator"]
        objects = [value for value, _label in kind.choices(scope, user)] if kind.choices else [""]
        for object_id in objects[:per_kind]:
            html, _title = render_html(
                kind, region=scope, object_id=object_id, user=user, language="en"
            )
            yield kind, object_id, html


def test_it_escapes_the_payload_in_every_export_document(hostile):
    rendered = 0
    for kind, object_id, html in every_document(hostile):
        assert not live_markup(html), f"{kind.key} {object_id}: {live_markup(html)}"
        rendered += 1
    assert rendered >= len(REGISTRY)


def test_it_sends_the_invitation_as_plain_text(
    hostile, mailoutbox, django_capture_on_commit_callbacks
):
    from regions.members.services import member_invite

    with django_capture_on_commit_callbacks(execute=True):
        member_invite(
            region=hostile["region"],
            email="newcomer@example.org",
            role=Role.EDITOR,
            by=hostile["admin"],
        )
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    # Names in the mail are shown as text by mail clients: no HTML part can carry markup.
    assert message.content_subtype == "plain"
    for content, mimetype in getattr(message, "alternatives", []):
        if "html" in mimetype:
            assert not live_markup(content)
    assert "\n" not in message.subject

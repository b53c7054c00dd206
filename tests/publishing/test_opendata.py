"""The open datasets: only published regions, every format on its stable URL, gone everywhere
once a strategy is withdrawn, numbers as numbers, no spreadsheet formulas, a dictionary entry
for every column, constant queries, and the network's licence."""

import csv
import io
import json

import pytest
from django.core.cache import cache as django_cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from regions.models import Role
from tests import factories as f
from tests.browser.conftest import browser, browser_page, open_context  # noqa: F401
from tests.browser.harness import describe_violations, measure_reflow, run_axe
from tests.handbook import factories as hb
from tests.reporting import factories as rf
from toolkit.publishing import services
from toolkit.publishing.models import Licence, OpenDataSettings
from toolkit.publishing.opendata import datasets
from toolkit.publishing.opendata.columns import DATASETS

from .factories import published

pytestmark = pytest.mark.django_db

NAMES = ["strategies", "actions", "indicators", "budgets", "capacity-building"]
TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}


@pytest.fixture
def regions():
    """One region published, one approved but never published; both ran an activity."""
    shown = f.region(name="Shown Region", nuts_code="PL63")
    hidden = f.region(name="Hidden Region", nuts_code="ES51")
    publication = published(shown)
    admin = f.member(hidden, Role.ADMIN)
    rf.approved_workplan(hidden, by=admin, coordinator=f.coordinator())
    for region in (shown, hidden):
        hb.activity(region, participants_migrant=7)
    return {"shown": shown, "hidden": hidden, "publication": publication}


def _text(response) -> str:
    """Everything a download says, whatever its format."""
    if response["Content-Type"] == TYPES["xlsx"]:
        book = load_workbook(io.BytesIO(response.content))
        return "\n".join(
            str(cell) for ws in book.worksheets for row in ws.iter_rows(values_only=True)
            for cell in row
        )  # fmt: skip
    return response.content.decode("utf-8")


def _rows(client, name) -> list[dict]:
    return json.loads(client.get(f"/open/data/{name}.json").content)["rows"]


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
@pytest.mark.parametrize("name", NAMES)
def test_it_serves_each_dataset_in_each_format_from_published_regions_only(
    client, regions, name, fmt
):
    response = client.get(f"/open/data/{name}.{fmt}")
    assert response.status_code == 200
    assert response["Content-Type"] == TYPES[fmt]
    assert f'filename="eubelong-{name}.{fmt}"' in response["Content-Disposition"]
    assert response["Cache-Control"] == "public, max-age=300"
    assert response["Last-Modified"]
    text = _text(response)
    assert "Shown Region" in text
    assert "Hidden Region" not in text


def test_the_hidden_region_is_nowhere_in_the_catalogue_or_the_page(client, regions):
    for url in ["/open/data/", "/open/data/catalogue.ttl", "/open/data/catalogue.jsonld"]:
        response = client.get(url)
        assert response.status_code == 200
        text = response.content.decode()
        assert "Hidden Region" not in text and "ES51" not in text
    assert "PL63" in client.get("/open/data/catalogue.ttl").content.decode()


def test_withdrawing_removes_the_rows_from_every_format_even_once_cached(client, regions):
    urls = [f"/open/data/{n}.{fmt}" for n in NAMES for fmt in TYPES]
    urls += ["/open/data/catalogue.ttl", "/open/data/catalogue.jsonld"]
    for url in urls:
        assert "Shown Region" in _text(client.get(url)) or "catalogue" in url
    publication = regions["publication"]
    services.unpublish(publication=publication, by=publication.published_by)
    for url in urls:
        text = _text(client.get(url))
        assert "Shown Region" not in text and "PL63" not in text, url


def test_the_spreadsheet_opens_with_a_bold_header_and_numbers_as_numbers(client, regions):
    response = client.get("/open/data/strategies.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [c.value for c in sheet[1]]
    assert header == DATASETS["strategies"].column_names
    assert all(c.font.bold for c in sheet[1])
    row = dict(zip(header, [c.value for c in sheet[2]], strict=True))
    assert isinstance(row["budget_total_eur"], (int, float)) and row["budget_total_eur"] == 6000
    assert isinstance(row["action_count"], int) and row["action_count"] == 2
    budgets = load_workbook(io.BytesIO(client.get("/open/data/budgets.xlsx").content)).active
    assert all(
        isinstance(r[-1], (int, float)) for r in budgets.iter_rows(min_row=2, values_only=True)
    )


def test_csv_uses_dots_and_plain_numbers(client, regions):
    lines = list(
        csv.DictReader(io.StringIO(client.get("/open/data/strategies.csv").content.decode()))
    )
    assert lines[0]["budget_total_eur"] == "6000.00"
    assert lines[0]["nuts_code"] == "PL63"


def test_csv_and_xlsx_cells_cannot_run_as_formulas(client):
    region = f.region(name='=HYPERLINK("http://evil")', nuts_code="")
    published(region)
    text = client.get("/open/data/strategies.csv").content.decode()
    first = next(csv.DictReader(io.StringIO(text)))
    assert first["region"] == '\'=HYPERLINK("http://evil")'
    sheet = load_workbook(io.BytesIO(client.get("/open/data/actions.xlsx").content)).active
    assert sheet["A2"].value.startswith("'=")


def test_the_dictionary_names_every_column_of_every_dataset(client, regions):
    for name in NAMES:
        rows = _rows(client, name)
        assert rows, name
        dictionary = client.get(f"/open/data/{name}/dictionary.json").json()
        names = {c["name"] for c in dictionary["columns"]}
        assert {key for row in rows for key in row} == names
        header = next(
            csv.reader(io.StringIO(client.get(f"/open/data/{name}.csv").content.decode()))
        )
        assert set(header) == names
        assert all(
            c["english_name"] and c["description"] and c["type"] for c in dictionary["columns"]
        )


def test_the_dictionary_follows_the_readers_language(client, regions):
    english = client.get("/open/data/budgets/dictionary.json").json()
    german = client.get("/open/data/budgets/dictionary.json", HTTP_ACCEPT_LANGUAGE="de").json()
    assert german["language"] == "de"
    assert [c["english_name"] for c in german["columns"]] == [
        c["label"] for c in english["columns"]
    ]


def test_indicators_without_a_report_appear_once_with_an_empty_period(client, regions):
    rows = _rows(client, "indicators")
    assert len(rows) == 2
    assert all(r["period"] is None and r["value"] is None for r in rows)
    assert {r["target"] for r in rows} == {90}


def test_capacity_building_counts_people_by_sector_without_titles(client, regions):
    rows = _rows(client, "capacity-building")
    assert rows == [
        {
            "region": "Shown Region", "year": 2024, "activity_kind": "Online session",
            "activities": 1, "participants_public": 10, "participants_private": 0,
            "participants_civil": 5, "participants_migrant": 7, "participants_other": 0,
            "participants_total": 22,
        }
    ]  # fmt: skip


def _queries(name) -> int:
    django_cache.clear()
    with CaptureQueriesContext(connection) as queries:
        datasets.build(name)
    return len(queries)


def test_building_a_dataset_costs_the_same_queries_for_two_or_six_regions():
    regions = [f.region() for _ in range(6)]
    for region in regions[:2]:
        published(region)
        hb.activity(region)
    two = {name: _queries(name) for name in NAMES}
    for region in regions[2:]:
        published(region)
        hb.activity(region)
    six = {name: _queries(name) for name in NAMES}
    assert six == two
    assert len(_rows_of("strategies")) == 6


def _rows_of(name):
    return datasets.build(name)["rows"]


@pytest.mark.parametrize(
    "url",
    ["/open/data/nothing.csv", "/open/data/strategies.pdf", "/open/data/nothing/dictionary.json",
     "/open/data/catalogue.xml", "/open/data/catalogue.csv"],
)  # fmt: skip
def test_unknown_datasets_and_formats_are_not_found(client, url):
    assert client.get(url).status_code == 404


def test_the_licence_is_the_networks(client, regions):
    assert _text(client.get("/open/data/strategies.json")).count("CC-BY-4.0") == 1
    OpenDataSettings.objects.create(network=regions["shown"].network, licence=Licence.CC0)
    payload = client.get("/open/data/strategies.json").json()
    assert payload["licence"]["id"] == "CC0-1.0"
    assert payload["licence"]["url"] == "https://creativecommons.org/publicdomain/zero/1.0/"
    ttl = client.get("/open/data/catalogue.ttl").content.decode()
    assert "resource/authority/licence/CC0>" in ttl and "CC_BY_4_0" not in ttl
    page = client.get("/open/data/").content.decode()
    assert 'href="https://creativecommons.org/publicdomain/zero/1.0/"' in page


def test_an_unchanged_file_is_not_sent_again(client, regions):
    first = client.get("/open/data/strategies.json")
    again = client.get("/open/data/strategies.json", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    OpenDataSettings.objects.create(network=regions["shown"].network, licence=Licence.CC0)
    changed = client.get("/open/data/strategies.json", HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and b"CC0-1.0" in changed.content


def test_a_file_served_again_comes_from_the_process_until_the_next_decision(
    client, regions, monkeypatch
):
    """A served file is kept by the process with its tag: the next request neither reads the
    shared cache nor hashes the file again, and a publishing decision still shows at once."""
    from toolkit.publishing.opendata import views

    first = client.get("/open/data/indicators.csv")

    def no_shared_read(key, *args, **kwargs):
        if key.startswith("public:"):
            raise AssertionError(f"read {key} from the shared cache")
        return django_cache_get(key, *args, **kwargs)

    django_cache_get = django_cache.get
    monkeypatch.setattr(views.django_cache, "get", no_shared_read)
    again = client.get("/open/data/indicators.csv")
    assert again.content == first.content and again["ETag"] == first["ETag"]
    monkeypatch.undo()

    assert b"CC0-1.0" not in client.get("/open/data/strategies.json").content
    OpenDataSettings.objects.create(network=regions["shown"].network, licence=Licence.CC0)
    assert b"CC0-1.0" in client.get("/open/data/strategies.json").content


def test_the_page_costs_the_same_queries_for_one_or_three_regions(client):
    def count():
        django_cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/open/data/").status_code == 200
        return len(queries)

    published(f.region())
    one = count()
    published(f.region())
    published(f.region())
    assert count() == one


def test_the_page_lists_every_dataset_with_its_downloads_in_the_readers_language(client, regions):
    page = client.get("/open/data/", HTTP_ACCEPT_LANGUAGE="de")
    assert page.status_code == 200
    text = page.content.decode()
    assert '<html lang="de">' in text
    for name in NAMES:
        for fmt in TYPES:
            assert f'href="/open/data/{name}.{fmt}"' in text
        assert f'href="/open/data/{name}/dictionary.json"' in text
    for column in DATASETS["capacity-building"].column_names:
        assert f'<code lang="en">{column}</code>' in text
    assert (
        'href="/open/data/catalogue.ttl"' in text and 'href="/open/data/catalogue.jsonld"' in text
    )


@pytest.mark.browser
@pytest.mark.parametrize("language", ["en", "pl"])
def test_the_page_has_no_axe_violations_and_reflows(browser_page, live_server, language):  # noqa: F811
    published(f.region(name="Shown Region"))
    page = browser_page
    page.set_extra_http_headers({"Accept-Language": language})
    response = page.goto(live_server.url + "/open/data/")
    assert response.status == 200
    failures = describe_violations(run_axe(page), "/open/data/", "anonymous")
    failures += measure_reflow(page, "/open/data/", "anonymous")
    assert not failures, "\n".join(failures)

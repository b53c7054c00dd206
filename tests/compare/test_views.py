import io
import json

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from regions.models import Role
from tests import factories
from tests.toolkit import factories as tk
from toolkit.compare.models import Assessment, RegionSharing

from . import factories as cf

pytestmark = pytest.mark.django_db

DRAFT_SECRET = "Secret draft wording zq"
OTHER_DRAFT = "Other region draft zx"
HIDDEN_REGION = "Hiddenia Nonsharing"


@pytest.fixture
def network_data(region, other_region):
    """Home region: submitted. Other region: submitted, then reopened with draft text.
    A third region: submitted but not sharing. A fourth: only a draft."""
    home = cf.workplan(region, status="submitted", evidence="Home submitted evidence")
    other = cf.workplan(other_region, status="submitted", evidence="Other submitted evidence")
    cf.draft_edit(other, OTHER_DRAFT)
    hidden = factories.region(name=HIDDEN_REGION, slug="hiddenia")
    cf.workplan(hidden, status="approved", evidence="Hidden evidence")
    cf.not_sharing(hidden)
    cf.assessment(hidden)
    cf.assessment(region)
    drafty = factories.region(name="Draftonia", slug="draftonia")
    cf.workplan(drafty, status="draft", evidence=OTHER_DRAFT)
    return {"home": home, "other": other, "hidden": hidden, "drafty": drafty}


def _pages(client, query=""):
    urls = [
        reverse("compare:dashboard"),
        reverse("compare:drilldown") + "?priority=1",
        reverse("compare:side-by-side") + "?regions=home-region&regions=other-region"
        "&regions=hiddenia&regions=draftonia",
        reverse("compare:index"),
        reverse("compare:download", kwargs={"fmt": "json"}),
        reverse("compare:download", kwargs={"fmt": "csv"}) + "?table=items",
        reverse("compare:download", kwargs={"fmt": "csv"}) + "?table=completeness",
    ]
    bodies = []
    for url in urls:
        sep = "&" if "?" in url else "?"
        for headers in ({}, {"HX-Request": "true"}):
            response = client.get(url + (sep + query if query else ""), headers=headers)
            assert response.status_code == 200, url
            bodies.append(response.content.decode())
    xlsx = client.get(reverse("compare:download", kwargs={"fmt": "xlsx"}) + "?" + query)
    book = load_workbook(io.BytesIO(xlsx.content))
    cells = " ".join(
        str(c) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for c in row
    )
    bodies.append(cells)
    return "\n".join(bodies)


def test_it_shows_a_regional_editor_only_submitted_data_of_sharing_regions(
    login, editor, network_data
):
    client = login(editor)
    for query in ("", "drafts=on"):
        text = _pages(client, query)
        assert "Other submitted evidence" in text
        assert OTHER_DRAFT not in text
        assert HIDDEN_REGION not in text
        assert "Hidden evidence" not in text


def test_it_never_shows_a_regional_editor_another_regions_evidence_page(
    login, editor, network_data
):
    client = login(editor)
    url = reverse("compare:evidence")
    assert client.get(url + "?priority=1&item=1&region=hiddenia").status_code == 404
    assert client.get(url + "?priority=1&item=1&region=draftonia&drafts=on").status_code == 404
    other = client.get(url + "?priority=1&item=1&region=other-region&drafts=on")
    assert other.status_code == 200
    assert "Other submitted evidence" in other.content.decode()
    assert OTHER_DRAFT not in other.content.decode()


def test_it_shows_the_own_draft_only_on_request(login, editor, region, network_data):
    cf.draft_edit(network_data["home"], DRAFT_SECRET)
    client = login(editor)
    url = reverse("compare:drilldown") + "?priority=1"
    assert DRAFT_SECRET not in client.get(url).content.decode()
    assert DRAFT_SECRET in client.get(url + "&drafts=on").content.decode()


def test_it_shows_coordinators_every_region(login, coordinator, network_data):
    client = login(coordinator)
    text = client.get(reverse("compare:dashboard")).content.decode()
    assert HIDDEN_REGION in text and "Draftonia" in text
    drafts = client.get(reverse("compare:drilldown") + "?priority=1&drafts=on").content.decode()
    assert OTHER_DRAFT in drafts
    plain = client.get(reverse("compare:drilldown") + "?priority=1").content.decode()
    assert OTHER_DRAFT not in plain and "Hidden evidence" in plain


def test_it_prints_the_completeness_of_each_submitted_workplan(login, coordinator, region):
    cf.workplan(region, status="approved")
    response = login(coordinator).get(reverse("compare:dashboard"))
    row = [r for r in response.context["matrix"] if r["region"] == region][0]
    # One of two items done in priority 1: 50 %.
    assert row["cells"][0]["value"] == 50
    assert row["source"].kind == "approved"
    assert "50%" in response.content.decode()


def test_it_logs_coordinator_cross_region_reads(login, coordinator, network_data, caplog):
    with caplog.at_level("INFO", logger="eubelong.compare"):
        login(coordinator).get(reverse("compare:dashboard"))
    assert any(r.name == "eubelong.compare" for r in caplog.records)


def _count(django_assert_num_queries, client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "url",
    [
        "/compare/",
        "/compare/?drafts=on",
        "/compare/priority/?priority=1",
        "/compare/priority/?priority=1&drafts=on",
        "/compare/self-assessment/",
        "/compare/download.json",
    ],
)
@pytest.mark.parametrize("kept", [True, False], ids=["kept", "built"])
def test_it_runs_a_constant_number_of_queries(
    login, coordinator, django_assert_num_queries, url, kept
):
    from django.core.cache import cache

    regions = [factories.region() for _ in range(3)]
    for n, r in enumerate(regions):
        cf.workplan(r, status="approved" if n % 2 else "submitted")
        cf.assessment(r)
    client = login(coordinator)
    client.get(url)
    client.get(url)
    if not kept:  # what a page costs when it is built (kept pages cost less still)
        cache.clear()
    small = _count(django_assert_num_queries, client, url)
    for n in range(9):
        r = factories.region()
        cf.workplan(r, status="approved" if n % 2 else "submitted")
        cf.assessment(r)
    client.get(url)  # the submissions made notices: the header's unread count is cached again
    if not kept:
        cache.clear()
    with django_assert_num_queries(small):
        assert client.get(url).status_code == 200


def test_it_compares_regions_side_by_side_in_their_own_words(login, coordinator, network_data):
    client = login(coordinator)
    response = client.get(
        reverse("compare:side-by-side") + "?regions=home-region&regions=other-region"
    )
    text = response.content.decode()
    assert "Home submitted evidence" in text and "Other submitted evidence" in text
    too_many = client.get(reverse("compare:side-by-side") + "?regions=home-region")
    assert "between two and four" in too_many.content.decode()


def test_it_stamps_and_neutralises_downloads(login, coordinator, region):
    wp = cf.workplan(region, status="approved", evidence="=HYPERLINK(1)")
    client = login(coordinator)
    csv_text = client.get("/compare/download.csv?table=items").content.decode()
    assert "# generated_at=" in csv_text
    assert str(wp.snapshots.get().uuid) in csv_text
    assert "'=HYPERLINK(1)" in csv_text
    data = json.loads(client.get("/compare/download.json").content)
    assert "self_assessment" in data["tables"]
    assert data["snapshots"][0]["snapshot"] == str(wp.snapshots.get().uuid)
    assert "generated_at" in data and "cycle" in data
    book = load_workbook(io.BytesIO(client.get("/compare/download.xlsx").content))
    names = book.sheetnames
    assert "Data dictionary" in names and "About" in names
    assert len([n for n in names if n.startswith("P")]) == 4
    values = [c for ws in book.worksheets for row in ws.iter_rows(values_only=True) for c in row]
    assert "'=HYPERLINK(1)" in values


def test_it_draws_accessible_svg_charts(login, coordinator, network_data):
    text = login(coordinator).get(reverse("compare:dashboard")).content.decode()
    assert 'role="img"' in text and "<title id=" in text and "<desc id=" in text
    assert "style=" not in text
    assert "<pattern" in text


def test_it_refuses_anonymous_visitors(client):
    response = client.get(reverse("compare:dashboard"))
    assert response.status_code == 302


# --- self-assessment ----------------------------------------------------------------------


def test_it_scores_areas_and_ranks_regions(login, coordinator):
    small = factories.region(name="Small", slug="small", population=100_000)
    big = factories.region(name="Big", slug="big", population=5_000_000)
    bigger = factories.region(name="Bigger", slug="bigger", population=6_000_000)
    cf.assessment(small, level=4, share="5")
    cf.assessment(big, level=2, share="20")
    cf.assessment(bigger, level=3, share="20")
    cf.assessment(big, level=0, start_year=2022)
    response = login(coordinator).get(reverse("compare:index") + "?cycle=2025")
    rows = {r["region"].slug: r for r in response.context["result"].rows}
    assert rows["small"]["index"] == 100
    assert rows["big"]["index"] == 50
    assert rows["big"]["rank"] == (3, 3)
    assert rows["big"]["size_rank"] == (2, 2)
    assert rows["small"]["size_rank"] == (1, 1)
    assert rows["big"]["diversity_rank"] == (2, 2)
    assert rows["big"]["change"] == 50


def test_it_hides_draft_self_assessments_of_other_regions(login, editor, other_region):
    cf.assessment(other_region, submit=False)
    response = login(editor).get(reverse("compare:index") + "?drafts=on")
    assert other_region.name not in [r["region"].name for r in response.context["result"].rows]


def test_it_lets_an_editor_fill_and_submit_the_self_assessment(login, editor, region):
    q = cf.questionnaire()
    tk.cycle(2025)
    question = q.questions.first()
    client = login(editor)
    url = reverse("compare:assessment", kwargs={"region": region.slug})
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "cycle": "2025",
            "version": "1",
            f"level-{question.pk}": "4",
            f"evidence-{question.pk}": "Council decision",
            "foreign_born_share": "12.5",
            "action": "submit",
        },
    )
    assert response.status_code == 302
    assessment = Assessment.objects.get(region=region)
    assert assessment.status == "submitted"
    assert str(assessment.foreign_born_share) == "12.5"
    stale = client.post(url, {"cycle": "2025", "version": "1", "action": "reopen"})
    assert stale.status_code == 409


def test_it_keeps_the_self_assessment_read_only_for_contributors(login, contributor, region):
    cf.questionnaire()
    client = login(contributor)
    url = reverse("compare:assessment", kwargs={"region": region.slug})
    assert client.get(url).status_code == 200
    assert client.post(url, {"cycle": "2025", "version": "1"}).status_code == 403


def test_it_hides_the_self_assessment_from_outsiders(login, outsider, region):
    url = reverse("compare:assessment", kwargs={"region": region.slug})
    assert login(outsider).get(url).status_code == 404


def test_it_lets_only_coordinators_edit_the_questionnaire(login, coordinator, editor):
    cf.areas()
    url = reverse("compare:questionnaire")
    assert login(editor).get(url).status_code == 403
    client = login(coordinator)
    assert client.post(url, {"action": "draft"}).status_code == 302
    area = cf.areas()[0]
    client.post(url, {"action": "save", "version": "1", f"new-{area.pk}": "Is there a plan?"})
    client.post(url, {"action": "publish", "version": "1"})
    page = client.get(url).content.decode()
    assert "Is there a plan?" in page
    client.post(url, {"action": "save", "version": "1", f"new-{area.pk}": "Late change"})
    assert "Late change" not in client.get(url).content.decode()


# --- sharing ------------------------------------------------------------------------------


def test_it_lets_the_regional_admin_stop_sharing(login, regional_admin, region, other_region):
    url = reverse("compare:sharing", kwargs={"region": region.slug})
    client = login(regional_admin)
    assert client.get(url).status_code == 200
    assert client.post(url, {"version": "1"}).status_code == 302
    assert RegionSharing.objects.get(region=region).shares_with_network is False
    cf.workplan(region, status="approved", evidence="Home approved evidence")
    reader = factories.member(other_region, Role.EDITOR)
    text = login(reader).get(reverse("compare:drilldown")).content.decode()
    assert "Home approved evidence" not in text


def test_it_refuses_sharing_changes_from_editors(login, editor, region):
    url = reverse("compare:sharing", kwargs={"region": region.slug})
    client = login(editor)
    assert client.get(url).status_code == 200
    assert client.post(url, {"version": "1"}).status_code == 403


def test_it_seeds_nothing_without_thematic_areas_and_is_idempotent(region):
    from toolkit.compare import seed
    from toolkit.compare.models import Questionnaire

    seed.seed()
    assert not Questionnaire.objects.exists()
    cf.areas(12)
    tk.cycle(2022)
    tk.cycle(2025)
    seed.seed()
    seed.seed()
    assert Questionnaire.objects.count() == 1
    assert Questionnaire.objects.get().questions.count() == 36


def test_it_summarises_snapshots_that_have_no_summary_yet(login, coordinator, region):
    from toolkit.compare.models import SnapshotSummary

    cf.workplan(region, status="approved")
    SnapshotSummary.objects.all().delete()
    response = login(coordinator).get(reverse("compare:dashboard"))
    row = [r for r in response.context["matrix"] if r["region"] == region][0]
    assert row["cells"][0]["value"] == 50
    assert SnapshotSummary.objects.filter(region=region).count() == 1


def test_it_pages_long_checklist_tables(login, coordinator):
    for _ in range(21):
        cf.workplan(factories.region(), status="submitted")
    client = login(coordinator)
    first = client.get(reverse("compare:drilldown") + "?priority=1")
    assert len(first.context["rows"]) == 20
    second = client.get(reverse("compare:drilldown") + "?priority=1&page=2")
    assert len(second.context["rows"]) == 1


def test_it_caches_action_tallies_per_view_without_changing_the_page(
    login, coordinator, editor, network_data
):
    import re

    from django.core.cache import cache

    def page(client):
        # The CSRF token changes from one response to the next; nothing else may.
        return re.sub(r"[A-Za-z0-9]{64}", "", client.get(url).content.decode())

    url = reverse("compare:dashboard")
    as_coordinator = login(coordinator)
    first = page(as_coordinator)
    second = page(as_coordinator)
    assert first == second
    assert HIDDEN_REGION in first and "3 actions in the compared workplans" in first
    # Right after the coordinator's visit, the editor's own view leaves out what they may not see.
    editor_text = page(login(editor))
    assert HIDDEN_REGION not in editor_text
    assert "2 actions in the compared workplans" in editor_text
    cache.clear()
    assert page(login(coordinator)) == first


def test_it_keys_action_tallies_by_snapshots_filters_and_viewer():
    from toolkit.compare.selectors import Filters, Source, tallies_key

    region = factories.region()
    src = Source(
        region=region,
        workplan_id=1,
        cycle="2025–2028",
        start_year=2025,
        template_id=1,
        kind="approved",
        revision=1,
        snapshot_id=1,
        snapshot_uuid="a",
    )
    base = tallies_key([src], {region.pk}, Filters())
    assert base != tallies_key([src], {region.pk, region.pk + 1}, Filters())
    assert base != tallies_key([src], {region.pk}, Filters(priority=2))
    assert base != tallies_key([src], {region.pk}, Filters(area="Housing"))
    src.snapshot_uuid = "b"
    assert base != tallies_key([src], {region.pk}, Filters())
    src.kind = "draft"
    assert tallies_key([src], {region.pk}, Filters()) is None

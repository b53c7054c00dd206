"""The comparison reads well: empty panels say why, region names lead only where the reader may
go, and chart text stays at 12 px or more on a 375 px phone."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from tests import factories
from toolkit.compare import charts

from . import factories as cf

pytestmark = pytest.mark.django_db

NOTHING_SUBMITTED = "No region has submitted a workplan yet, so there are no actions to compare."


def test_it_says_why_the_dashboard_panels_are_empty(login, coordinator, region, other_region):
    text = login(coordinator).get(reverse("compare:dashboard")).content.decode()
    assert NOTHING_SUBMITTED in text
    assert "No region has submitted a workplan yet, so there are no budgets to compare." in text
    assert "None of the compared regions has registered a stakeholder yet." in text
    assert "None of the compared regions has recorded participants in capacity building" in text
    # No empty drawing, no "of 0 regions", no table of zeros.
    assert 'id="chart-actions-title"' not in text
    assert "of 0 regions" not in text
    assert "Stakeholders by sector and governance level" not in text


def test_it_says_why_when_no_action_matches_the_filters(login, coordinator, region):
    cf.workplan(region, status="approved")
    client = login(coordinator)
    assert 'id="chart-actions-title"' in client.get(reverse("compare:dashboard")).content.decode()
    text = client.get(reverse("compare:dashboard") + "?priority=2").content.decode()
    assert "The compared workplans have no action under this priority or thematic area." in text


def test_it_says_why_the_drilldown_and_index_are_empty(login, coordinator, region):
    client = login(coordinator)
    drill = client.get(reverse("compare:drilldown") + "?priority=1").content.decode()
    assert "so there are no checklist answers to compare." in drill
    assert "Checklist items" not in drill
    index = client.get(reverse("compare:index")).content.decode()
    assert "No region has submitted a self-assessment yet, so there are no scores to compare." in (
        index
    )
    assert 'id="chart-index-title"' not in index


def test_it_tells_someone_without_a_region_there_is_nothing_to_compare(login, region):
    client = login(factories.UserFactory())
    for url in (
        reverse("compare:dashboard"),
        reverse("compare:drilldown") + "?priority=1",
        reverse("compare:side-by-side"),
        reverse("compare:index"),
    ):
        text = client.get(url).content.decode()
        assert "No region is open to you for comparison yet" in text, url


def test_it_links_region_names_only_where_the_reader_may_go(
    login, editor, coordinator, region, other_region
):
    home = cf.workplan(region, status="approved")
    other = cf.workplan(other_region, status="approved")
    kwargs = {"region": region.slug, "workplan": home.uuid}
    own = reverse("toolkit:workplan-edit", kwargs=kwargs)
    other_kwargs = {"region": other_region.slug, "workplan": other.uuid}
    for url in (
        reverse("compare:dashboard"),
        reverse("compare:drilldown") + "?priority=1",
        reverse("compare:side-by-side") + "?regions=home-region&regions=other-region",
    ):
        text = login(editor).get(url).content.decode()
        assert f'href="{own}' in text, url
        # The other region shares its numbers, not its workplan: its name is plain text.
        assert "Other Region" in text
        assert f"/{other_region.slug}/workplans/" not in text, url
        reviewed = login(coordinator).get(url).content.decode()
        assert f'href="{reverse("toolkit:workplan-review", kwargs=other_kwargs)}' in reviewed, url
        edit = reverse("toolkit:workplan-edit", kwargs=other_kwargs)
        assert f'href="{edit}"' not in reviewed and f'href="{edit}#' not in reviewed


def test_it_links_the_self_assessment_only_of_readable_regions(login, editor, region, other_region):
    cf.assessment(region)
    cf.assessment(other_region)
    text = login(editor).get(reverse("compare:index")).content.decode()
    assert reverse("compare:assessment", kwargs={"region": region.slug}) in text
    assert reverse("compare:assessment", kwargs={"region": other_region.slug}) not in text
    assert 'class="heat-table sticky-first"' in text


# --- chart text at 375 px ------------------------------------------------------------------

PHONE = 375
PAGE_PADDING = 2 * 16  # .wrap { padding: 0 1rem }
CSS = Path(__file__).resolve().parents[2] / "static" / "css" / "compare.css"


def _min_width(css: str) -> float:
    rule = re.search(r"\.chart-svg svg\s*\{([^}]*)\}", css).group(1)
    return float(re.search(r"min-width:\s*([\d.]+)px", rule).group(1))


def _sizes(svg: str) -> list[float]:
    return [float(size) for size in re.findall(r'font-size="([\d.]+)"', svg)]


@pytest.mark.parametrize(
    "chart",
    [
        lambda: charts.bar_chart(id="b", title="T", summary="S", rows=[("Navarra", 77)]),
        lambda: charts.stacked_bar_chart(
            id="s",
            title="T",
            summary="S",
            categories=["Navarra", "Salzburg"],
            series=["Planned", "Ongoing", "Done", "Delayed"],
            values=[[3, 1, 0, 2], [1, 1, 1, 1]],
        ),
        lambda: charts.heat_matrix(
            id="h", title="T", summary="S", row_labels=["A"], col_labels=["1"], values=[[50]]
        ),
    ],
)
def test_it_keeps_chart_text_at_12_px_on_a_375_px_phone(chart):
    svg = str(chart().svg)
    view_width = float(re.search(r'viewBox="0 0 ([\d.]+) ', svg).group(1))
    # Every text inherits the root's size or sets its own; none is smaller than 12 units.
    assert _sizes(svg) and min(_sizes(svg)) >= 12
    # Drawn at the larger of the phone's content width and the CSS minimum width.
    drawn = max(PHONE - PAGE_PADDING, _min_width(CSS.read_text()))
    assert min(_sizes(svg)) * drawn / view_width >= 12


def test_it_puts_a_scrolling_chart_in_a_labelled_focusable_region(login, coordinator, region):
    cf.workplan(region, status="approved")
    text = login(coordinator).get(reverse("compare:dashboard")).content.decode()
    assert re.search(r'<div class="chart-svg" tabindex="0" role="region" aria-label="Chart: ', text)
    assert "<summary>Show the data</summary>" in text

import pytest
from django.urls import reverse

from regions import seed as regions_seed
from toolkit import seed
from toolkit.models import Snapshot, TemplateVersion, Workplan

pytestmark = pytest.mark.django_db


def test_it_seeds_a_workplan_per_region_in_varied_states(login):
    regions_seed.seed()
    seed.seed()
    seed.seed()  # idempotent
    assert TemplateVersion.objects.count() == 1
    workplans = Workplan.objects.select_related("region")
    assert workplans.count() == 10
    assert {w.status for w in workplans} == {
        "draft",
        "submitted",
        "approved",
        "changes_requested",
    }
    assert Snapshot.objects.filter(outcome="approved").count() == 4
    navarra = workplans.get(region__slug="navarra")
    assert navarra.cycle.start_year == 2022  # the 2025–2027 workplan is left to create in the demo

    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username="navarra-editor")
    page = login(user).get(reverse("toolkit:workplan-list", kwargs={"region": "navarra"}))
    assert "2025–2027" in page.content.decode()


def test_it_lists_workplans_on_the_region_home(login, region, contributor):
    from . import factories

    factories.workplan(region)
    page = login(contributor).get(reverse("regions:home", kwargs={"region": region.slug}))
    assert "Workplan 2025–2027" in page.content.decode()

"""A person's region ids are read once per user object and read again after any change of
roles, whichever object made it."""

import pytest
from django.contrib.auth import get_user_model

from regions import services
from regions.access import region_ids_for_user, regions_for_user
from regions.models import Role
from tests import factories as f
from toolkit.models import Workplan

pytestmark = pytest.mark.django_db


def test_the_ids_are_read_once_for_every_query_of_a_request(django_assert_num_queries):
    region = f.region()
    editor = f.member(region, Role.EDITOR)
    with django_assert_num_queries(1):
        assert region_ids_for_user(editor) == [region.pk]
        assert region_ids_for_user(editor) == [region.pk]  # kept: no second query
    with django_assert_num_queries(2):  # the two lists themselves, no lookup of the ids
        list(Workplan.objects.filter(region__in=regions_for_user(editor)))
        list(regions_for_user(editor))


def test_a_new_or_removed_role_shows_at_once_on_every_object_of_the_person():
    first, second = f.region(), f.region()
    editor = f.member(first, Role.EDITOR)
    assert set(region_ids_for_user(editor)) == {first.pk}
    same_person = get_user_model().objects.get(pk=editor.pk)
    assert set(region_ids_for_user(same_person)) == {first.pk}

    services.membership_add(user=same_person, region=second, role=Role.CONTRIBUTOR)
    assert set(region_ids_for_user(editor)) == {first.pk, second.pk}
    assert region_ids_for_user(editor, "edit_workplan") == [first.pk]

    services.membership_remove(user=editor, region=first, role=Role.EDITOR)
    assert set(region_ids_for_user(same_person)) == {second.pk}
    assert region_ids_for_user(same_person, "edit_workplan") == []


def test_a_deactivated_person_has_no_regions_even_with_ids_kept():
    region = f.region()
    editor = f.member(region, Role.EDITOR)
    assert region_ids_for_user(editor) == [region.pk]
    editor.is_active = False
    assert region_ids_for_user(editor) == []
    assert not regions_for_user(editor).exists()

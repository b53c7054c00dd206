"""`__any_of` answers as `__in` does; on PostgreSQL the values travel as one array parameter."""

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from regions.models import Region
from tests import factories

pytestmark = pytest.mark.django_db


def test_it_finds_the_rows_in_answers_as_in_does():
    regions = [factories.region() for _ in range(4)]
    wanted = [regions[0].pk, regions[2].pk, regions[2].pk, None]
    by_in = set(Region.objects.filter(pk__in=wanted).values_list("pk", flat=True))
    by_any = set(Region.objects.filter(pk__any_of=wanted).values_list("pk", flat=True))
    assert by_any == by_in == {regions[0].pk, regions[2].pk}
    assert not Region.objects.filter(pk__any_of=[]).exists()
    assert not Region.objects.filter(pk__any_of=[None]).exists()
    assert set(Region.objects.exclude(pk__any_of=wanted).values_list("pk", flat=True)) == {
        regions[1].pk,
        regions[3].pk,
    }


def test_it_compares_a_foreign_key_with_plain_ids():
    kinds = list(ContentType.objects.order_by("pk").values_list("pk", flat=True)[:3])
    by_in = set(Permission.objects.filter(content_type__in=kinds).values_list("pk", flat=True))
    by_any = Permission.objects.filter(content_type__any_of=kinds).values_list("pk", flat=True)
    assert by_in and set(by_any) == by_in


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the array form is PostgreSQL's")
def test_any_number_of_values_is_one_statement_with_one_parameter():
    regions = [factories.region() for _ in range(5)]
    statements = set()
    for n in (1, 3, 5):
        with CaptureQueriesContext(connection) as ctx:
            found = list(Region.objects.filter(pk__any_of=[r.pk for r in regions[:n]]))
        assert len(found) == n
        sql = ctx.captured_queries[0]["sql"]
        assert " = ANY(" in sql and " IN (" not in sql
        statements.add(sql.split(" = ANY(")[0])
    assert len(statements) == 1

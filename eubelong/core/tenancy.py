"""Rows owned by one region: the one scoped queryset and abstract model every such model uses.

A tenant row carries its own `region` foreign key (children copy their parent's), so every query
filters on a column of its own table: `Model.objects.for_region(region)`. tests/test_architecture.py
checks that every model with a region foreign key is scoped this way.
"""

from django.db import models


class RegionScopedQuerySet(models.QuerySet):
    def for_region(self, region):
        """Rows of `region` (a Region or its id)."""
        return self.filter(region=region)


class RegionScoped(models.Model):
    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        abstract = True

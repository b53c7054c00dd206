"""The shape of the code, checked so it cannot slide back (docs/architecture.md).

- Imports run one way between layers: core, exports, regions, handbook, toolkit, compare,
  publishing; the project package (settings, URLs, Celery) sits on top and may import anything.
- No two modules import each other, directly or in a circle.
- A tenant model's rows are read and written only in selectors, services, access, io, seed and
  audit modules (and by the model itself), so every query goes through a region-scoped path.
- Every model with a region foreign key uses the region-scoped queryset.
- A child row belongs to the same region as its parent, over the whole demo data.

Each rule is also run against a deliberately broken example, to show that it can fail.
"""

import ast
from collections import defaultdict
from pathlib import Path

import pytest
from django.apps import apps
from django.db import models
from django.db.models import F

from eubelong.core.tenancy import RegionScopedQuerySet

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ["eubelong", "regions", "handbook", "toolkit"]
# Lowest first; a module may import its own layer and any below it.
LAYERS = [
    "eubelong.core",
    "eubelong.notify",
    "eubelong.exports",
    "regions",
    "handbook",
    "toolkit",
    "toolkit.reporting",
    "toolkit.compare",
    "toolkit.publishing",
    "eubelong",
]
TENANT_ACCESS = {"selectors", "services", "access", "io", "seed", "audit", "models", "migrations"}


def layer_of(module: str) -> int:
    best = max((layer for layer in LAYERS if module == layer or module.startswith(layer + ".")),
               key=len)  # fmt: skip
    return LAYERS.index(best)


# --- reading the code -------------------------------------------------------------------------


def modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            found[name.removesuffix(".__init__")] = path
    return found


def imports_of(name: str, path: Path, source: str, known: set[str]) -> set[str]:
    """The project modules `source` imports, wherever the import statement stands."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    targets = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            candidates = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1] + ([base] if base else []))
            candidates = [base] + [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        for candidate in candidates:
            while candidate and candidate not in known:
                candidate = candidate.rpartition(".")[0]
            if candidate and candidate != name:
                targets.add(candidate)
    return targets


def import_graph(sources: dict[str, tuple[Path, str]]) -> dict[str, set[str]]:
    known = set(sources)
    return {name: imports_of(name, path, text, known) for name, (path, text) in sources.items()}


def project_sources() -> dict[str, tuple[Path, str]]:
    return {name: (path, path.read_text()) for name, path in modules().items()}


# --- the rules --------------------------------------------------------------------------------


def layer_violations(graph) -> list[str]:
    return [
        f"{source} imports {target}"
        for source, targets in graph.items()
        for target in targets
        if layer_of(target) > layer_of(source)
    ]


def cycles(graph) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []
    counter = [0]

    def visit(node):
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def tenant_models() -> dict[str, type[models.Model]]:
    found = {}
    for model in apps.get_models():
        field = next((f for f in model._meta.concrete_fields if f.name == "region"), None)
        if (
            field is not None
            and field.is_relation
            and field.related_model._meta.label == ("regions.Region")
        ):
            found[model.__name__] = model
    return found


def tenant_manager_uses(name: str, source: str, tenants) -> list[str]:
    """Uses of a tenant model's manager outside the modules allowed to query tenant rows."""
    if TENANT_ACCESS & set(name.split(".")):
        return []
    return [
        f"{name}:{node.lineno} {node.value.id}.{node.attr}"
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Attribute)
        and node.attr in {"objects", "_default_manager", "_base_manager"}
        and isinstance(node.value, ast.Name)
        and node.value.id in tenants
    ]


def unscoped(model_classes) -> list[str]:
    return [
        model._meta.label
        for model in model_classes
        if not isinstance(model._default_manager.get_queryset(), RegionScopedQuerySet)
    ]


def region_mismatches(model_classes) -> list[str]:
    """Child rows whose region differs from the region of the tenant row they belong to."""
    tenant_labels = {model._meta.label for model in model_classes}
    found = []
    for model in model_classes:
        for field in model._meta.concrete_fields:
            parent = field.related_model
            if not field.is_relation or field.name == "region" or parent is None:
                continue
            if parent._meta.label not in tenant_labels:
                continue
            rows = model._base_manager.filter(**{f"{field.name}__isnull": False}).exclude(
                region=F(f"{field.name}__region")
            )
            count = rows.count()
            if count:
                found.append(f"{model._meta.label}.{field.name}: {count} rows")
    return found


# --- the code as it is ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def graph():
    return import_graph(project_sources())


def test_it_runs_imports_one_way_between_layers(graph):
    assert not layer_violations(graph)
    # Shared infrastructure knows nothing of the domain.
    core = [t for s, ts in graph.items() if s.startswith("eubelong.core") for t in ts]
    assert all(t.startswith("eubelong.core") for t in core)


def test_it_has_no_import_cycle_between_modules(graph):
    assert not cycles(graph)


def test_it_keeps_modules_small():
    long = {name: len(path.read_text().splitlines()) for name, path in modules().items()}
    assert not {name: n for name, n in long.items() if n > 450}


def test_it_reads_tenant_rows_only_through_selectors_and_services():
    tenants = tenant_models()
    assert {"Workplan", "Stakeholder", "Action", "AuditEntry"} <= set(tenants)
    found = []
    for name, (_path, source) in project_sources().items():
        found += tenant_manager_uses(name, source, tenants)
    assert not found


def test_it_scopes_every_model_that_has_a_region():
    assert not unscoped(tenant_models().values())


@pytest.mark.django_db
def test_it_keeps_every_child_row_in_its_parents_region_over_the_demo_data():
    from django.core.management import call_command

    call_command("seed_demo", force=True, verbosity=0)
    assert not region_mismatches(tenant_models().values())


# --- each rule can fail ----------------------------------------------------------------------


def test_it_catches_an_import_against_the_layers():
    broken = {
        "regions.views": (Path("regions/views.py"), "from toolkit.models import Workplan\n"),
        "toolkit.models": (Path("toolkit/models.py"), ""),
        "eubelong.core.text": (Path("eubelong/core/text.py"), "import regions.models\n"),
        "regions.models": (Path("regions/models.py"), ""),
    }
    assert sorted(layer_violations(import_graph(broken))) == [
        "eubelong.core.text imports regions.models",
        "regions.views imports toolkit.models",
    ]


def test_it_catches_a_cycle():
    broken = {
        "toolkit.a": (Path("toolkit/a.py"), "from .b import x\n"),
        "toolkit.b": (Path("toolkit/b.py"), "def f():\n    from toolkit.a import y\n"),
        "toolkit.c": (Path("toolkit/c.py"), "from toolkit import a\n"),
    }
    assert cycles(import_graph(broken)) == [["toolkit.a", "toolkit.b"]]


def test_it_catches_a_tenant_query_outside_selectors():
    tenants = tenant_models()
    view = "def page(request):\n    return Stakeholder.objects.filter(name='x')\n"
    tag = "def tag(region):\n    return Workplan.objects.for_region(region)\n"
    assert tenant_manager_uses("regions.views", view, tenants) == [
        "regions.views:2 Stakeholder.objects"
    ]
    assert tenant_manager_uses("toolkit.templatetags.toolkit_tags", tag, tenants)
    assert not tenant_manager_uses("regions.selectors", view, tenants)


def test_it_catches_a_model_with_a_region_but_no_scope():
    class Unscoped(models.Model):
        region = models.ForeignKey("regions.Region", on_delete=models.CASCADE)

        class Meta:
            app_label = "regions"
            managed = False

        def __str__(self):
            return str(self.pk)

    try:
        assert unscoped([Unscoped]) == ["regions.Unscoped"]
    finally:
        # Models register themselves on definition: leave the registry as it was.
        apps.all_models["regions"].pop("unscoped", None)
        apps.clear_cache()


@pytest.mark.django_db
def test_it_catches_a_child_row_in_another_region(region, other_region):
    from tests.toolkit import factories
    from toolkit.models import ItemResponse

    workplan = factories.workplan(region)
    tenants = tenant_models().values()
    assert not region_mismatches(tenants)
    ItemResponse.objects.filter(workplan=workplan).update(region=other_region)
    assert any(m.startswith("toolkit.ItemResponse.workplan") for m in region_mismatches(tenants))


def test_it_keeps_the_layer_table_in_order():
    # A module belongs to the most specific layer that names it.
    assert layer_of("toolkit.compare.views") > layer_of("toolkit.views")
    assert layer_of("eubelong.urls") == len(LAYERS) - 1
    assert layer_of("eubelong.core.locking") == 0
    counts = defaultdict(int)
    for name in modules():
        counts[LAYERS[layer_of(name)]] += 1
    assert all(counts[layer] for layer in LAYERS)

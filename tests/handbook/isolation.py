"""How the tenant isolation harness treats this app's URL patterns (see tests/test_tenant_isolation.py)."""

from . import factories

URL_CLASSES = {
    "handbook:framework": "signed-in",
    "handbook:framework-section": "signed-in",
    "handbook:framework-section-edit": "coordinator",
    "handbook:framework-section-history": "signed-in",
    "handbook:index": "signed-in",
    "handbook:section": "signed-in",
    "handbook:section-edit": "coordinator",
    "handbook:section-history": "signed-in",
    "handbook:area": "signed-in",
    "handbook:area-edit": "coordinator",
    "handbook:area-history": "signed-in",
    "handbook:modules": "signed-in",
    "handbook:module": "signed-in",
    "handbook:module-history": "signed-in",
    "handbook:material-download": "signed-in",
    "handbook:resources": "signed-in",
    "handbook:resource-create": "coordinator",
    "handbook:resource-edit": "coordinator",
    "handbook:resource-history": "signed-in",
    "handbook:resource-download": "signed-in",
    "handbook:network-reach": "coordinator",
    "search": "signed-in",
    "translations:export": "coordinator",
    "translations:import": "coordinator",
    "translations:list": "coordinator",
    "translations:edit": "coordinator",
    "accessibility": "public",
    "handbook:module-create": "region",
    "handbook:module-edit": "region",
    "handbook:material-add": "region",
    "handbook:material-delete": "region",
    "handbook:capacity": "region",
    "handbook:activity-create": "region",
    "handbook:activity-edit": "region",
    "handbook:activity-delete": "region",
}


def _module(region):
    from handbook.models import TrainingModule

    found = TrainingModule.objects.filter(region=region).first()
    return found or factories.module(region)


def _material(region):
    from handbook.models import Material

    found = Material.objects.filter(region=region).first()
    return found or factories.material(_module(region))


def _activity(region):
    from handbook.models import CapacityActivity

    found = CapacityActivity.objects.filter(region=region).first()
    return found or factories.activity(region)


ARG_FACTORIES = {
    "section": lambda region: _section(),
    "area": lambda region: factories.area().slug,
    "module": lambda region: _module(region).uuid,
    "material": lambda region: _material(region).uuid,
    "activity": lambda region: _activity(region).uuid,
    "resource": lambda region: _resource().uuid,
}


def _resource():
    from handbook.models import Resource

    return Resource.objects.first() or factories.resource()


def _section():
    factories.section("handbook")
    return factories.section("framework").slug


def _translation_key(region):
    from handbook.models import Section

    factories.section("framework")
    found = Section.objects.filter(publication="framework").first()
    return f"{found.publication}.{found.slug}"


ARG_FACTORIES.update(
    {
        "kind": lambda region: "section",
        "key": _translation_key,
        "language": lambda region: "pl",
    }
)

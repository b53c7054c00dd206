import datetime

from handbook.models import (
    CapacityActivity,
    Material,
    Resource,
    Section,
    ThematicArea,
    TrainingModule,
)


def area(number=1, **fields) -> ThematicArea:
    defaults = {"slug": f"area-{number}", "title": f"Area {number}", "summary": "Summary."}
    defaults.update(fields)
    obj, _ = ThematicArea.objects.get_or_create(number=number, defaults=defaults)
    return obj


def section(publication="framework", number=1, **fields) -> Section:
    defaults = {"slug": f"section-{number}", "title": f"Section {number}", "body": "Body text."}
    defaults.update(fields)
    obj, _ = Section.objects.get_or_create(
        publication=publication, number=number, defaults=defaults
    )
    return obj


def module(region, **fields) -> TrainingModule:
    defaults = {"title": "Welcoming newcomers", "format": "online", "summary": "A module."}
    defaults.update(fields)
    return TrainingModule.objects.create(region=region, **defaults)


def material(module, **fields) -> Material:
    defaults = {"title": "Slides", "url": "https://example.org/slides"}
    defaults.update(fields)
    return Material.objects.create(region=module.region, module=module, **defaults)


def activity(region, **fields) -> CapacityActivity:
    defaults = {
        "kind": "online",
        "title": "Online session",
        "date": datetime.date(2024, 3, 1),
        "participants_public": 10,
        "participants_civil": 5,
    }
    defaults.update(fields)
    return CapacityActivity.objects.create(region=region, **defaults)


def resource(**fields) -> Resource:
    defaults = {
        "title": "Intercultural Cities Index",
        "kind": "website",
        "url": "https://example.org",
    }
    defaults.update(fields)
    return Resource.objects.create(**defaults)

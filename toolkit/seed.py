"""Starter Toolkit template (version 1), strategy cycles and one workplan per demo region.

The template is ordinary data: coordinators edit it and publish new versions in the platform.
"""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from regions.models import Region

from . import services
from .funding import spread
from .models import (
    ActionStatus,
    ChecklistItem,
    FundingSource,
    Indicator,
    ItemResponse,
    ItemStatus,
    LibraryIndicator,
    Priority,
    TemplateVersion,
    Workplan,
    WorkplanStatus,
)

PRIORITIES = [
    {
        "title": "Enhance regional programmes",
        "overview": (
            "Start from what the region already does. Take stock of the programmes and services "
            "that reach newcomers and long-term residents alike, look at them through the four "
            "intercultural principles (equality, diversity, interaction, participation) and decide "
            "what to strengthen, merge or redesign.\n\n"
            "The result is a set of objectives with indicators, a named department in charge, "
            "partners, budget lines and milestones over the three years."
        ),
        "items": [
            "List the regional programmes and services that concern integration and diversity, "
            "with the department responsible for each.",
            "Check every programme against equality, diversity, interaction and participation, "
            "and note where it falls short.",
            "Run a needs assessment together with stakeholders, including organisations led by "
            "migrants.",
            "Turn the findings into objectives, each with at least one measurable indicator.",
            "Name the lead department and the partners for every objective.",
            "Identify the budget lines and funds (regional, national, AMIF, ESF+, other) that will "
            "pay for the work.",
            "Plan how staff will build the intercultural skills the programmes require.",
            "Set milestones for each year of the cycle.",
        ],
    },
    {
        "title": "Scale and replicate best practices",
        "overview": (
            "Good practice already exists, in the region and among peers in the network. This "
            "priority is about finding it, understanding why it worked and carrying it to new "
            "places without losing what made it work.\n\n"
            "Transfer is planned with the people who will run the practice locally, and peer "
            "exchange keeps the learning going."
        ),
        "items": [
            "Collect good practices from the region and from peer regions.",
            "Describe each practice: its context, the resources it used and the results it "
            "achieved.",
            "Judge how transferable each practice is and what would have to change.",
            "Choose the municipalities or districts where a pilot will run.",
            "Adapt the practice with local stakeholders before launching it.",
            "Plan the staff, money and time the scaled-up practice needs.",
            "Organise peer exchange such as study visits and learning labs.",
            "Agree on indicators that show whether scaling succeeds.",
        ],
    },
    {
        "title": "Inform and influence policy",
        "overview": (
            "Intercultural policy lasts when it is anchored in decisions at every level. This "
            "priority maps who decides what and when, builds the evidence they need and brings "
            "the voices of migrants into the process.\n\n"
            "It also covers how the region talks about diversity to the wider public."
        ),
        "items": [
            "Map the decision-makers and the upcoming policy windows at local, regional, national "
            "and EU level.",
            "Gather the data and evidence that support the proposals.",
            "Write policy briefs and recommendations for the decision-makers identified.",
            "Secure a visible political commitment to the strategy.",
            "Mainstream the intercultural approach across departments, not only in the "
            "integration unit.",
            "Make sure migrants are heard in consultations and advisory bodies.",
            "Prepare a communication plan and a positive public narrative on diversity.",
            "Track which policy changes the work has contributed to.",
        ],
    },
    {
        "title": "Evaluate and share lessons learned",
        "overview": (
            "Evaluation is planned from the first day, not added at the end. This priority sets "
            "the framework and the baseline, collects data lawfully, involves the people "
            "concerned and shares what the region learns with the network.\n\n"
            "Lessons feed the next three-year cycle."
        ),
        "items": [
            "Set up an evaluation framework and measure the baseline.",
            "Define indicators at the level of inputs, outputs, outcomes and impact.",
            "Write a data collection plan that complies with the GDPR.",
            "Involve participants and stakeholders in the evaluation itself.",
            "Hold a mid-term review and adjust the plan.",
            "Publish the results in an accessible form.",
            "Share lessons through the network and its peer regions.",
            "Feed the lessons into the design of the next cycle.",
        ],
    },
]

# (region slug, cycle start, status, share of items answered)
DEMO_WORKPLANS = [
    ("arad", 2025, WorkplanStatus.DRAFT, 0.3),
    ("timis", 2025, WorkplanStatus.SUBMITTED, 0.7),
    ("catalonia", 2025, WorkplanStatus.APPROVED, 0.9),
    ("navarra", 2022, WorkplanStatus.APPROVED, 1.0),
    ("donegal", 2025, WorkplanStatus.CHANGES_REQUESTED, 0.6),
    ("emilia-romagna", 2025, WorkplanStatus.APPROVED, 0.85),
    ("leipzig", 2025, WorkplanStatus.DRAFT, 0.5),
    ("pomerania", 2025, WorkplanStatus.SUBMITTED, 0.8),
    ("poznan", 2025, WorkplanStatus.DRAFT, 0.2),
    ("salzburg", 2025, WorkplanStatus.APPROVED, 0.75),
]

ACTIONS = [
    (
        1,
        "Map integration services with municipalities",
        "A shared map of the services that welcome and support newcomers.",
        Decimal("45000"),
        FundingSource.REGIONAL,
        ("Services mapped", "services", Decimal("0"), Decimal("120")),
    ),
    (
        1,
        "Intercultural competence course for regional staff",
        "Front-line staff recognise and respond to the needs of a diverse public.",
        Decimal("80000"),
        FundingSource.ESF,
        ("Staff trained", "people", Decimal("0"), Decimal("300")),
    ),
    (
        2,
        "Pilot a welcome desk in two municipalities",
        "Transfer a peer region's one-stop welcome desk and test it locally.",
        Decimal("120000"),
        FundingSource.AMIF,
        ("Newcomers served", "people", Decimal("0"), Decimal("900")),
    ),
    (
        3,
        "Migrant advisory council",
        "People with a migrant background advise the regional government on policy.",
        Decimal("15000"),
        FundingSource.REGIONAL,
        ("Council meetings held", "meetings", Decimal("0"), Decimal("9")),
    ),
    (
        4,
        "Baseline survey and mid-term review",
        "Measure where the region starts and check progress halfway.",
        Decimal("30000"),
        FundingSource.NATIONAL,
        ("Reviews published", "reports", Decimal("0"), Decimal("2")),
    ),
]


# Demo indicators that follow an entry of the indicator library.
LIBRARY_CODES = {"Staff trained": "P1-2", "Newcomers served": "P1-1"}


def template_seed() -> TemplateVersion:
    """Version 1 of the template, published; left alone if any version exists."""
    existing = TemplateVersion.objects.order_by("number").first()
    if existing:
        return TemplateVersion.objects.filter(published_at__isnull=False).first() or existing
    version = TemplateVersion.objects.create(
        number=1, notes="Starter content for the four strategic priorities."
    )
    for number, data in enumerate(PRIORITIES, start=1):
        priority = Priority.objects.create(
            template=version, number=number, title=data["title"], overview=data["overview"]
        )
        ChecklistItem.objects.bulk_create(
            ChecklistItem(priority=priority, number=n, text=text)
            for n, text in enumerate(data["items"], start=1)
        )
    version.published_at = timezone.now()
    version.save(update_fields=["published_at"])
    return version


def workplan_fill(workplan: Workplan, *, share: float, by) -> None:
    """Answer a share of the checklist and plan that share of the demo actions, with indicators."""
    responses = list(workplan.responses.select_related("workplan", "item").order_by("item_id"))
    answered = int(len(responses) * share)
    for index, response in enumerate(responses[:answered]):
        status = ItemStatus.DONE if index % 3 else ItemStatus.IN_PROGRESS
        if index % 11 == 10:
            status = ItemStatus.NOT_APPLICABLE
        services.response_update(
            response=response,
            by=by,
            version=response.version,
            data={"status": status, "evidence": "Recorded in the regional strategy working file."},
        )
    priorities = {p.number: p for p in workplan.template.priorities.all()}
    cycle = workplan.cycle
    count = max(1, int(len(ACTIONS) * share))
    try:
        from handbook.models import ThematicArea

        areas = list(ThematicArea.objects.all()[:3])
    except Exception:  # the handbook may not be migrated yet in a partial setup
        areas = []
    library = {
        name: entry
        for name, entry in (
            (name, LibraryIndicator.objects.filter(code=code).first())
            for name, code in LIBRARY_CODES.items()
        )
        if entry
    }
    for n, (prio, title, objective, budget, source, indicator) in enumerate(ACTIONS[:count]):
        action = services.action_create(
            workplan=workplan,
            priority=priorities[prio],
            by=by,
            data={
                "title": title,
                "objective": objective,
                "lead_stakeholder": workplan.region.lead_body,
                "partner_stakeholders": "Municipal association\nMigrant-led organisations",
                "start_date": datetime.date(cycle.start_year, 3, 1),
                "end_date": datetime.date(cycle.end_year, 11, 30),
                "budget": budget,
                "funding_source": source,
                "status": ActionStatus.ONGOING if n % 2 else ActionStatus.PLANNED,
            },
            thematic_areas=areas[n % len(areas) : n % len(areas) + 1] if areas else [],
        )
        if source == FundingSource.ESF:
            # Co-financed: half from ESF+, half from the region, the regional part front-loaded.
            years = cycle.years
            mix = {(y, FundingSource.ESF): a for y, a in spread(budget / 2, years).items()}
            for year, amount in spread(budget / 2, years[:2]).items():
                mix[(year, FundingSource.REGIONAL)] = amount
            services.action_update(
                action=action, by=by, version=action.version, data={"funding": mix}
            )
        name, unit, baseline, target = indicator
        Indicator.objects.create(
            region=workplan.region,
            action=action,
            library=library.get(name),
            name=name,
            unit=unit,
            baseline=baseline,
            target=target,
            actuals={str(cycle.start_year): str(target / 3)},
        )


def _complete_thematic_areas() -> None:
    """Thematic areas are seeded by the handbook after us: a later run links the demo actions."""
    from handbook.models import ThematicArea

    from .models import Action

    areas = list(ThematicArea.objects.order_by("number")[:6])
    if not areas:
        return
    bare = Action.objects.filter(thematic_areas__isnull=True, based_on__isnull=True)
    for n, action in enumerate(bare.order_by("id")):
        action.thematic_areas.set(
            [areas[n % len(areas)]], through_defaults={"region_id": action.region_id}
        )


def _link_demo_stakeholders() -> None:
    """Link demo actions to registry organisations of the same name, when both exist."""
    from regions.models import Stakeholder

    from .models import Action, ActionPartner
    from .stakeholder_links import link_action, registry_for

    registries = {}
    for action in Action.objects.exclude(lead_stakeholder="", partner_stakeholders=""):
        if action.region_id not in registries:
            registries[action.region_id] = registry_for(Stakeholder, action.region_id)
        if registries[action.region_id]:
            link_action(action, registries[action.region_id], ActionPartner)


def demo_user(region: Region, role: str):
    user_model = get_user_model()
    return (
        user_model.objects.filter(username=f"{region.slug}-{role}").first()
        or user_model.objects.filter(username="coordinator").first()
    )


@transaction.atomic
def library_seed() -> int:
    """The indicator library's starter set, where an entry of that code is missing (a flushed
    database loses what the migration loaded)."""
    from .library_load import starter_load

    return starter_load(LibraryIndicator)


def seed(*, stdout=None) -> None:
    library_seed()
    template = template_seed()
    cycles = {
        2022: services.cycle_get_or_create(start_year=2022),
        2025: services.cycle_get_or_create(start_year=2025),
    }
    coordinator = get_user_model().objects.filter(username="coordinator").first()
    created = 0
    for slug, start, status, share in DEMO_WORKPLANS:
        region = Region.objects.filter(slug=slug).first()
        if region is None or Workplan.objects.for_region(region).exists():
            continue
        editor = demo_user(region, "editor")
        admin = demo_user(region, "admin")
        workplan = services.workplan_create(
            region=region, cycle=cycles[start], by=editor, template=template
        )
        workplan_fill(workplan, share=share, by=editor)
        if status != WorkplanStatus.DRAFT:
            services.workplan_submit(workplan=workplan, by=admin)
        if status == WorkplanStatus.APPROVED:
            services.workplan_approve(
                workplan=workplan, by=coordinator, message="Clear priorities and realistic budget."
            )
        elif status == WorkplanStatus.CHANGES_REQUESTED:
            first = (
                ItemResponse.objects.for_region(region)
                .filter(workplan=workplan)
                .select_related("workplan")
                .order_by("item__priority__number", "item__number")
                .first()
            )
            services.comment_add(
                response=first,
                by=coordinator,
                kind="review",
                body="Please name the departments that took part in the mapping.",
            )
            services.workplan_request_changes(
                workplan=workplan, by=coordinator, message="One checklist item needs more detail."
            )
        created += 1
    _complete_thematic_areas()
    _link_demo_stakeholders()
    if stdout:
        stdout.write(f"Toolkit template v{template.number}, cycles and {created} workplans seeded.")

"""Seeded bench data: N regions, each with a workplan per cycle for three cycles.

Rows are written with bulk_create in batches (services would take far too long for 300 regions)
but keep the models' invariants: region FKs copied down to every grandchild, versions at 1, one
workplan per region and cycle, immutable snapshots (with their comparison summaries) for every
submitted revision, and role groups holding the same object permissions as region_create grants.

Per region: 3 workplans (4 priorities x 40 checklist items each), 30 actions with an indicator
and a thematic area per workplan, 50 stakeholders, 20 capacity-building records and a submitted
self-assessment. Older cycles are approved; in the current cycle even-numbered regions are still
drafting (the load test edits those) and odd-numbered ones have submitted.
"""

import datetime
import random
import uuid
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

BATCH = 5000
CYCLES = [2019, 2022, 2025]
PASSWORD = "bench-password-2026"  # noqa: S105 - throw-away bench databases only

WORDS = (
    "regional municipal newcomer language school housing employment health council migrant "
    "network partner service survey training plan budget evidence policy review community "
    "culture sport media participation welcome reception mentor library district youth"
).split()


class Ids:
    def __init__(self, rng: random.Random):
        self.rng = rng

    def uuid(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def words(self, n: int) -> str:
        return " ".join(self.rng.choice(WORDS) for _ in range(n))


def _bulk(model, rows):
    created = []
    for start in range(0, len(rows), BATCH):
        created += model.objects.bulk_create(rows[start : start + BATCH])
    return created


def region_slug(n: int) -> str:
    return f"region-{n:03d}"


def editor_name(n: int) -> str:
    return f"{region_slug(n)}-editor"


@transaction.atomic
def generate(regions: int, seed: int = 2026, log=print) -> dict:
    from handbook import seed as handbook_seed
    from handbook.models import CapacityActivity, ThematicArea
    from regions.models import (
        COORDINATOR_PERMISSIONS,
        ROLE_PERMISSIONS,
        Region,
        RegionGroup,
        Role,
        Stakeholder,
    )
    from regions.services import network_create
    from toolkit import services as toolkit_services
    from toolkit.compare.models import Answer, Assessment
    from toolkit.compare.seed import questionnaire_seed
    from toolkit.models import (
        Action,
        ActionStatus,
        ActionThematicArea,
        ChecklistItem,
        FundingSource,
        Indicator,
        ItemResponse,
        ItemStatus,
        Priority,
        PriorityResponse,
        Snapshot,
        SnapshotOutcome,
        TemplateVersion,
        Workplan,
        WorkplanStatus,
    )
    from toolkit.publishing.models import Publication
    from toolkit.selectors import workplan_data
    from toolkit.signals import snapshot_frozen

    rng = random.Random(seed)
    ids = Ids(rng)
    now = timezone.now()
    User = get_user_model()

    handbook_seed.seed()
    questionnaire = questionnaire_seed()
    areas = list(ThematicArea.objects.order_by("number"))
    questions = list(questionnaire.questions.order_by("id"))

    network = network_create(name="Bench Network", slug="bench")
    template = TemplateVersion.objects.create(
        uuid=ids.uuid(), number=1, notes="Bench template", published_at=now
    )
    priorities = _bulk(
        Priority,
        [
            Priority(
                uuid=ids.uuid(),
                template=template,
                number=p,
                title=f"Priority {p}: {ids.words(3)}",
                overview=ids.words(40),
            )
            for p in range(1, 5)
        ],
    )
    items = _bulk(
        ChecklistItem,
        [
            ChecklistItem(
                uuid=ids.uuid(), priority=p, number=n, text=f"{ids.words(14).capitalize()}."
            )
            for p in priorities
            for n in range(1, 41)
        ],
    )
    cycles = [toolkit_services.cycle_get_or_create(start_year=y) for y in CYCLES]

    password = make_password(PASSWORD)
    coordinator = User.objects.create(username="bench-coordinator", password=password)
    network.coordinator_group.user_set.add(coordinator)

    region_rows = _bulk(
        Region,
        [
            Region(
                uuid=ids.uuid(),
                network=network,
                name=f"Region {n:03d}",
                slug=region_slug(n),
                country=rng.choice(["Spain", "Romania", "Italy", "Poland", "Germany", "Ireland"]),
                nuts_code=f"XX{n:03d}",
                population=rng.randint(100_000, 8_000_000),
                languages="English",
                lead_body=f"Regional Council {n:03d}",
                contextual_analysis=ids.words(120),
            )
            for n in range(regions)
        ],
    )
    log(f"  regions: {len(region_rows)}")

    # Role groups and object permissions, exactly as regions.services.region_grant_roles grants.
    groups = _bulk(
        Group,
        [Group(name=f"region:{r.slug}:{role}") for r in region_rows for role in ROLE_PERMISSIONS],
    )
    by_name = {g.name: g for g in groups}
    _bulk(
        RegionGroup,
        [
            RegionGroup(region=r, role=role, group=by_name[f"region:{r.slug}:{role}"])
            for r in region_rows
            for role in ROLE_PERMISSIONS
        ],
    )
    from django.contrib.auth.models import Permission

    from regions.models import RegionGroupObjectPermission

    perms = {p.codename: p for p in Permission.objects.filter(content_type__app_label="regions")}
    grants = []
    for r in region_rows:
        for role, codenames in ROLE_PERMISSIONS.items():
            group = by_name[f"region:{r.slug}:{role}"]
            grants += [
                RegionGroupObjectPermission(permission=perms[c], group=group, content_object=r)
                for c in codenames
            ]
        grants += [
            RegionGroupObjectPermission(
                permission=perms[c], group=network.coordinator_group, content_object=r
            )
            for c in COORDINATOR_PERMISSIONS
        ]
    _bulk(RegionGroupObjectPermission, grants)

    editors = _bulk(
        User, [User(username=editor_name(n), password=password) for n in range(regions)]
    )
    Membership = Group.user_set.through
    _bulk(
        Membership,
        [
            Membership(user_id=u.pk, group_id=by_name[f"region:{r.slug}:{Role.EDITOR}"].pk)
            for u, r in zip(editors, region_rows, strict=True)
        ],
    )

    # Workplans: approved in older cycles; drafts (even) or submitted (odd) in the current one.
    workplans = []
    for n, r in enumerate(region_rows):
        for cycle in cycles:
            current = cycle.start_year == CYCLES[-1]
            status = (
                (WorkplanStatus.DRAFT if n % 2 == 0 else WorkplanStatus.SUBMITTED)
                if current
                else WorkplanStatus.APPROVED
            )
            workplans.append(
                Workplan(
                    uuid=ids.uuid(),
                    region=r,
                    cycle=cycle,
                    template=template,
                    status=status,
                    created_by=editors[n],
                )
            )
    workplans = _bulk(Workplan, workplans)
    _bulk(
        PriorityResponse,
        [
            PriorityResponse(
                uuid=ids.uuid(),
                region_id=w.region_id,
                workplan=w,
                priority=p,
                summary=ids.words(30),
            )
            for w in workplans
            for p in priorities
        ],
    )
    statuses = [ItemStatus.DONE, ItemStatus.IN_PROGRESS, ItemStatus.NOT_STARTED]
    responses = []
    for w in workplans:
        answered = 0.5 if w.status == WorkplanStatus.DRAFT else 0.9
        for item in items:
            done = rng.random() < answered
            responses.append(
                ItemResponse(
                    uuid=ids.uuid(),
                    region_id=w.region_id,
                    workplan=w,
                    item=item,
                    status=rng.choice(statuses[:2]) if done else ItemStatus.NOT_STARTED,
                    evidence=ids.words(12) if done else "",
                )
            )
    _bulk(ItemResponse, responses)
    log(f"  workplans: {len(workplans)}, item responses: {len(responses)}")
    del responses

    actions = []
    for w in workplans:
        start = w.cycle.start_year
        for a in range(30):
            actions.append(
                Action(
                    uuid=ids.uuid(),
                    region_id=w.region_id,
                    workplan=w,
                    priority=priorities[a % 4],
                    title=f"Action {a + 1}: {ids.words(4)}",
                    objective=ids.words(15),
                    lead_stakeholder=f"Partner {a % 7}",
                    partner_stakeholders="Municipal association\nMigrant-led organisations",
                    start_date=datetime.date(start, 1 + a % 12, 1),
                    end_date=datetime.date(start + 2, 1 + a % 12, 28),
                    budget=Decimal(rng.randint(5, 200) * 1000),
                    funding_source=rng.choice(FundingSource.values),
                    status=rng.choice(ActionStatus.values),
                )
            )
    actions = _bulk(Action, actions)
    _bulk(
        ActionThematicArea,
        [
            ActionThematicArea(region_id=a.region_id, action=a, thematic_area=areas[i % len(areas)])
            for i, a in enumerate(actions)
        ],
    )
    _bulk(
        Indicator,
        [
            Indicator(
                uuid=ids.uuid(),
                region_id=a.region_id,
                action=a,
                name=f"Indicator {ids.words(3)}",
                unit="people",
                baseline=Decimal(0),
                target=Decimal(rng.randint(10, 900)),
                actuals={str(a.start_date.year): str(rng.randint(0, 300))},
            )
            for a in actions
        ],
    )
    log(f"  actions and indicators: {len(actions)}")

    # Snapshots through the same freezing code as workplan_submit, announced as it announces them
    # (the comparison summarises each).
    submitted = [w for w in workplans if w.status != WorkplanStatus.DRAFT]
    published = []
    regions_by_id = {r.pk: r for r in region_rows}
    cycles_by_id = {c.pk: c for c in cycles}
    for w in submitted:
        w.region = regions_by_id[w.region_id]
        w.cycle = cycles_by_id[w.cycle_id]
        w.template = template
        approved = w.status == WorkplanStatus.APPROVED
        snapshot = Snapshot.objects.create(
            uuid=ids.uuid(),
            region_id=w.region_id,
            workplan=w,
            revision=w.revision,
            data=workplan_data(w),
            outcome=SnapshotOutcome.APPROVED if approved else SnapshotOutcome.PENDING,
            submitted_by_id=w.created_by_id,
            reviewed_by=coordinator if approved else None,
            reviewed_at=now if approved else None,
        )
        snapshot_frozen.send(sender=Snapshot, snapshot=snapshot)
        if approved:
            published.append(
                Publication(
                    uuid=ids.uuid(),
                    region_id=w.region_id,
                    workplan=w,
                    snapshot=snapshot,
                    include_evidence=True,
                    published_by=coordinator,
                )
            )
    log(f"  snapshots: {len(submitted)}")
    # Every approved strategy is public, so the public pages grow with the network.
    _bulk(Publication, published)
    log(f"  publications: {len(published)}")

    _bulk(
        Stakeholder,
        [
            Stakeholder(
                uuid=ids.uuid(),
                region=r,
                name=f"Organisation {s:02d} {ids.words(2)}",
                sector=rng.choice(["public", "private", "civil_society", "migrant_led"]),
                level=rng.choice(["local", "regional", "national"]),
            )
            for r in region_rows
            for s in range(50)
        ],
    )
    _bulk(
        CapacityActivity,
        [
            CapacityActivity(
                uuid=ids.uuid(),
                region=r,
                kind=rng.choice(["online", "learning_lab"]),
                title=f"Session {c + 1}: {ids.words(3)}",
                date=datetime.date(2020 + c % 6, 1 + c % 12, 10),
                participants_public=rng.randint(0, 40),
                participants_private=rng.randint(0, 20),
                participants_civil=rng.randint(0, 30),
                participants_migrant=rng.randint(0, 20),
                participants_other=rng.randint(0, 5),
                outcome=ids.words(20),
            )
            for r in region_rows
            for c in range(20)
        ],
    )
    assessments = _bulk(
        Assessment,
        [
            Assessment(
                uuid=ids.uuid(),
                region=r,
                cycle=cycles[-1],
                questionnaire=questionnaire,
                status="submitted",
                foreign_born_share=Decimal(rng.randint(10, 250)) / 10,
                submitted_at=now,
            )
            for r in region_rows
        ],
    )
    _bulk(
        Answer,
        [
            Answer(
                uuid=ids.uuid(),
                region_id=a.region_id,
                assessment=a,
                question=q,
                level=rng.randint(0, 4),
                evidence=ids.words(8),
            )
            for a in assessments
            for q in questions
        ],
    )
    log("  stakeholders, capacity building, self-assessments done")
    return {
        "regions": regions,
        "workplans": len(workplans),
        "actions": len(actions),
        "snapshots": len(submitted),
    }

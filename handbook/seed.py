"""Starter content: the Model Framework outline, the Handbook outline, twelve thematic areas, one
training module per partner region and a few capacity-building records each.

Idempotent: rows are found by their natural keys and never overwritten once they exist, so edits
made in the platform survive a re-run. Figures are indicative demo data.
"""

import datetime

from regions.models import Region

from .models import (
    CapacityActivity,
    Publication,
    Resource,
    Section,
    Sector,
    ThematicArea,
    TrainingModule,
)

FRAMEWORK = [
    (
        "purpose",
        "Purpose and approach",
        "",
        "Why a region writes an intercultural integration strategy, and how it does so together "
        "with others.\n\n"
        "- Several levels of government share the work: municipalities, the region, the state "
        "and the European Union each hold part of the competences and of the money.\n"
        "- Several sectors shape the result: public authorities, employers, civil society and "
        "organisations led by migrants themselves.\n\n"
        "The framework is a blueprint to adapt, not a rulebook.",
    ),
    (
        "interculturality",
        "Key elements of interculturality",
        "",
        "Four principles of the Council of Europe guide every choice in the strategy:\n\n"
        "1. **Equality**: the same rights and real opportunities for everyone living in the "
        "region.\n"
        "2. **Diversity**: differences treated as a resource for the whole community.\n"
        "3. **Interaction**: places and programmes where people of different backgrounds meet "
        "and work together.\n"
        "4. **Participation**: newcomers and long-term residents take part in the decisions that "
        "affect them.",
    ),
    (
        "regional-contexts",
        "Regional contexts",
        "contexts",
        "Each partner region describes its own starting point: population, competences, existing "
        "plans and priorities. The analyses below come from the regions' profiles and are kept up "
        "to date by each region.",
    ),
    (
        "objectives",
        "Objectives",
        "",
        "A strategy states a small number of objectives that can be checked later. Good objectives "
        "name who benefits, what changes, by when, and how progress will be measured.",
    ),
    (
        "stakeholders",
        "Stakeholders",
        "",
        "Map who already works on inclusion and who should: departments of the regional "
        "government, municipalities, schools, employers and unions, health and social services, "
        "associations, faith communities and migrant-led organisations. Decide early how each of "
        "them is involved: informed, consulted, co-deciding or co-delivering.",
    ),
    (
        "information",
        "Information: data, evidence and communication",
        "",
        "Decisions need facts. Collect the data the region already holds, fill the gaps with "
        "surveys and consultations, and respect data protection rules. Plan from the start how "
        "results will be explained to residents, partners and decision-makers.",
    ),
    (
        "financial",
        "Financial considerations",
        "",
        "List the budget lines that can pay for each action: the region's own budget, national "
        "programmes, the Asylum, Migration and Integration Fund (AMIF), the European Social Fund "
        "Plus (ESF+) and other sources. Note which costs recur every year and which are one-off.",
    ),
    (
        "evaluation",
        "Evaluation criteria",
        "",
        "Agree how the strategy will be monitored before it starts: a baseline, indicators for "
        "inputs, outputs, outcomes and impact, a yearly review and a mid-term evaluation that "
        "involves the people the strategy is meant to serve.",
    ),
    (
        "legal",
        "Legal aspects",
        "",
        "Check the legal basis of every action: which level is competent, which laws and regional "
        "regulations apply, and where cooperation agreements between levels are needed.",
    ),
    (
        "resources",
        "Resources",
        "resources",
        "Further reading and tools that help regions deepen their understanding of intercultural "
        "integration.",
    ),
]

HANDBOOK = [
    (
        "framework",
        "The intercultural framework and multi-level policy-making",
        "",
        "Integration works best when it rests on equality, diversity, interaction and "
        "participation, and when every level of government and every sector pulls in the same "
        "direction. This section explains both ideas and how they support each other.",
    ),
    (
        "method",
        "A region-based method for capacity building",
        "modules",
        "The partner regions trained officials and stakeholders in three steps:\n\n"
        "1. a needs assessment carried out with the people to be trained;\n"
        "2. online modules, each shared between regions and adapted locally;\n"
        "3. in-person learning labs of about three days that bring sectors together around real "
        "cases from the region.\n\n"
        "Together these activities reached more than two thousand people.",
    ),
    (
        "thematic-areas",
        "Thematic policy areas",
        "areas",
        "Twelve areas of policy where intercultural competences make a difference. For each one: "
        "the main challenges, who to involve, what to train on, and modules that partners have "
        "already run.",
    ),
    (
        "recommendations",
        "Recommendations and resources",
        "resources",
        "Lessons for regions that want to organise similar training: start from the needs of the "
        "participants, mix sectors in the same room, use local cases, and keep a record of who "
        "took part so that reach can be reported.",
    ),
]

LEVELS = "| Sector | Local | Regional | National / EU |\n| --- | --- | --- | --- |\n"

AREAS = [
    (
        "governance",
        "Governance, leadership and multi-level coordination",
        "How regional leaders set direction and coordinate departments and levels of government.",
        "- Responsibilities spread over many departments\n- Little coordination between "
        "municipalities and the region\n- Short political cycles",
        "Public authority: mayors' offices | integration department | ministries, EU networks",
        "- Mainstreaming across departments\n- Multi-level agreements\n- Leading change",
    ),
    (
        "education",
        "Education and lifelong learning",
        "Schools, adult education and training that welcome learners of every background.",
        "- Early school leaving among newcomer pupils\n- Recognition of prior learning\n"
        "- Teachers without training for diverse classrooms",
        "Public authority: schools | education department | education ministry\n"
        "| Civil society: parents' associations | adult education providers | Erasmus+ partners",
        "- Intercultural classroom practice\n- Working with families\n- Recognising skills",
    ),
    (
        "labour",
        "Labour market, entrepreneurship and business",
        "Access to decent work and support for entrepreneurs with a migrant background.",
        "- Qualifications not recognised\n- Discrimination in hiring\n- Informal work",
        "Private sector: local employers | chambers of commerce | employers' federations\n"
        "| Public authority: job centres | employment agency | ESF+ managing authority",
        "- Diversity management for employers\n- Inclusive recruitment\n- Supporting founders",
    ),
    (
        "housing",
        "Housing and neighbourhoods",
        "Fair access to affordable housing and mixed, lively neighbourhoods.",
        "- Shortage of affordable housing\n- Discrimination by landlords\n- Segregated "
        "neighbourhoods and overcrowding",
        "Public authority: housing offices | regional housing agency | national housing "
        "programmes\n| Private sector: landlords and housing cooperatives | builders | banks\n"
        "| Civil society: tenants' associations | housing NGOs | European housing networks",
        "- Fair letting practices\n- Neighbourhood mediation\n- Housing advice for newcomers",
    ),
    (
        "health",
        "Health and social services",
        "Health care and social services that everyone can reach and understand.",
        "- Language barriers in care\n- Low trust in services\n- Mental health after displacement",
        "Public authority: health centres | health and social departments | national health "
        "service\n| Civil society: community health workers | patient groups | NGOs",
        "- Culturally competent care\n- Working with interpreters\n- Trauma-aware services",
    ),
    (
        "reception",
        "Reception and welcoming newcomers",
        "The first months: orientation, information and a warm welcome.",
        "- Fragmented first-contact services\n- Information only in the official language\n"
        "- Sudden arrivals, for example after the war in Ukraine",
        "Public authority: municipal welcome desks | regional reception services | asylum "
        "authorities\n| Civil society: volunteers | migrant-led organisations | UNHCR partners",
        "- One-stop welcome services\n- Orientation courses\n- Volunteer coordination",
    ),
    (
        "language",
        "Language learning and intercultural communication",
        "Learning the local language and communicating across languages.",
        "- Waiting lists for courses\n- Courses that do not fit working hours\n- Public "
        "information hard to understand",
        "Public authority: libraries | adult education services | language policy bodies\n"
        "| Civil society: language cafés | community groups | European language networks",
        "- Plain language\n- Informal language learning\n- Intercultural communication",
    ),
    (
        "culture",
        "Culture, sport and civic life",
        "Clubs, festivals and cultural life where people meet as equals.",
        "- Separate cultural scenes\n- Membership fees and unwritten rules in clubs",
        "Civil society: sports clubs | cultural institutions | national federations\n"
        "| Public authority: culture offices | regional culture department | EU programmes",
        "- Opening clubs and venues\n- Co-created events\n- Diversity in cultural programming",
    ),
    (
        "public-space",
        "Public space and urban regeneration",
        "Squares, parks and regeneration projects designed for encounters.",
        "- Conflicts over the use of public space\n- Regeneration that pushes residents out",
        "Public authority: planning offices | regional planning | urban agenda partners\n"
        "| Civil society: residents' groups | local associations | -",
        "- Participatory design\n- Managing shared spaces\n- Conflict mediation",
    ),
    (
        "anti-discrimination",
        "Anti-discrimination and anti-racism",
        "Preventing, recognising and remedying discrimination and racism.",
        "- Under-reporting of incidents\n- Weak links between victims and support\n"
        "- Racism in institutions",
        "Public authority: equality officers | regional anti-racism plans | equality bodies\n"
        "| Civil society: victim support | anti-racism NGOs | European networks",
        "- Recognising bias\n- Handling complaints\n- Anti-racism action plans",
    ),
    (
        "participation",
        "Participation and active citizenship",
        "Residents of every background taking part in decisions and public life.",
        "- No vote for many residents\n- Consultations that reach the usual voices only",
        "Civil society: migrant-led organisations | councils of foreign residents | national "
        "platforms\n| Public authority: participation offices | regional parliament | EU "
        "consultations",
        "- Inclusive consultation\n- Advisory councils\n- Supporting migrant-led organisations",
    ),
    (
        "media",
        "Media, communication and public narratives",
        "The stories a region tells about migration and diversity.",
        "- Negative or one-sided coverage\n- Rumours and misinformation online",
        "Private sector: local media | regional broadcasters | journalists' associations\n"
        "| Civil society: community media | fact-checkers | -",
        "- Anti-rumour strategies\n- Working with journalists\n- Positive campaigns",
    ),
]

MODULES = {
    "arad": ("Coordinating county and local services for newcomers", "governance", "online"),
    "timis": ("Orientation services in the first weeks", "reception", "learning_lab"),
    "catalonia": ("Anti-racism in everyday public services", "anti-discrimination", "online"),
    "navarra": ("Housing without discrimination", "housing", "learning_lab"),
    "donegal": ("Rural inclusion and community groups", "participation", "online"),
    "emilia-romagna": ("Intercultural mediation in health care", "health", "online"),
    "leipzig": ("Employers as partners in integration", "labour", "learning_lab"),
    "pomerania": ("Language and belonging in schools", "education", "online"),
    "poznan": ("Running centres for the integration of foreigners", "reception", "online"),
    "salzburg": ("Neighbourhood dialogue and public space", "public-space", "learning_lab"),
}

RESOURCES = [
    (
        "Intercultural Cities Index",
        "guide",
        "https://www.coe.int/en/web/interculturalcities/about-the-index",
        "A questionnaire-based index that lets cities compare their intercultural policies.",
        ["governance"],
    ),
    (
        "Council of Europe recommendation on multilevel policies and governance for "
        "intercultural integration (CM/Rec(2022)10)",
        "policy",
        "https://www.coe.int/en/web/interculturalcities",
        "The recommendation that words the four principles used across the platform.",
        ["governance", "participation"],
    ),
    (
        "AER Intercultural Regions Network",
        "website",
        "https://aer.eu",
        "The network of regions that share practice on intercultural integration.",
        [],
    ),
    (
        "Mix sectors in every training session",
        "recommendation",
        "",
        "Public servants, employers and associations learn more from each other than from a "
        "speaker. Plan group work on a real local case.",
        ["housing", "labour"],
    ),
]


def _sections(publication, rows):
    for number, (slug, title, shows, body) in enumerate(rows, start=1):
        Section.objects.get_or_create(
            publication=publication,
            number=number,
            defaults={"slug": slug, "title": title, "shows": shows, "body": body},
        )


def _areas():
    for number, (slug, title, summary, challenges, stakeholders, topics) in enumerate(
        AREAS, start=1
    ):
        table = LEVELS + "\n".join(
            "| " + line.strip().lstrip("| ").replace(":", " |", 1) + " |"
            for line in stakeholders.split("\n")
        )
        area, created = ThematicArea.objects.get_or_create(
            number=number, defaults={"slug": slug, "title": title}
        )
        # Fill what is still empty, so an area created elsewhere is completed but never overwritten.
        fields = {
            "summary": summary,
            "challenges": challenges,
            "stakeholders": table,
            "training_topics": topics,
        }
        changed = [name for name, value in fields.items() if not getattr(area, name)]
        for name in changed:
            setattr(area, name, fields[name])
        if changed:
            area.save(update_fields=changed)


def _modules():
    areas = {a.slug: a for a in ThematicArea.objects.all()}
    sectors = list(Sector.objects.all())
    for region in Region.objects.filter(slug__in=MODULES):
        title, area_slug, fmt = MODULES[region.slug]
        module, created = TrainingModule.objects.get_or_create(
            region=region,
            title=title,
            defaults={
                "format": fmt,
                "summary": f"A module from {region.name} that partners can adapt.",
                "learning_objectives": "- Understand the local situation\n"
                "- Practise with a real case\n- Agree next steps with other sectors",
                "duration": "three days"
                if fmt == "learning_lab"
                else "three sessions of two hours",
            },
        )
        if created:
            if area_slug in areas:
                module.thematic_areas.add(areas[area_slug])
            module.audience.set(sectors[:4])
        _activities(region, module)


def _activities(region, module):
    if CapacityActivity.objects.for_region(region).exists():
        return
    base = 25 + len(region.slug)
    rows = [
        ("online", "Online module, first cohort", datetime.date(2023, 10, 12), 1.0),
        ("online", "Online module, second cohort", datetime.date(2024, 2, 8), 1.3),
        ("learning_lab", "Learning lab", datetime.date(2024, 5, 21), 0.8),
    ]
    for kind, title, date, factor in rows:
        CapacityActivity.objects.create(
            region=region,
            kind=kind,
            title=title,
            date=date,
            module=module,
            participants_public=int(base * factor),
            participants_private=int(base * factor * 0.4),
            participants_civil=int(base * factor * 0.6),
            participants_migrant=int(base * factor * 0.3),
            participants_other=int(base * factor * 0.1),
            outcome="Participants agreed follow-up actions for the regional workplan.",
        )


def _resources():
    areas = {a.slug: a for a in ThematicArea.objects.all()}
    for title, kind, url, description, area_slugs in RESOURCES:
        resource, created = Resource.objects.get_or_create(
            title=title, defaults={"kind": kind, "url": url, "description": description}
        )
        if created:
            resource.thematic_areas.set([areas[s] for s in area_slugs if s in areas])


def seed(*, stdout=None) -> None:
    _sections(Publication.FRAMEWORK, FRAMEWORK)
    _sections(Publication.HANDBOOK, HANDBOOK)
    _areas()
    _modules()
    _resources()
    if stdout:
        total = CapacityActivity.objects.reach()["total"]
        stdout.write(
            f"Framework, handbook, {ThematicArea.objects.count()} thematic areas, "
            f"{TrainingModule.objects.count()} modules; capacity building reached {total} people."
        )

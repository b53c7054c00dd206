"""Demo data: the AER Intercultural Regions Network, its ten partner regions and demo accounts.

Figures are indicative; each region's admin owns and edits them in the platform.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from .models import Network, Region, Role
from .services import coordinator_add, membership_add, network_create, region_create

NETWORK = {
    "slug": "irn",
    "name": "AER Intercultural Regions Network",
    "description": (
        "Regions of the Assembly of European Regions that design integration policy around "
        "equality, diversity, interaction and participation."
    ),
}

REGIONS = [
    {
        "slug": "arad",
        "name": "Arad",
        "country": "Romania",
        "nuts_code": "RO421",
        "population": 410000,
        "languages": "Romanian, Hungarian",
        "lead_body": "County Council of Arad",
        "contextual_analysis": (
            "Arad is a western Romanian county on the border with Hungary. The County Council "
            "leads the strategy and works with municipalities, schools and civil society to welcome "
            "newcomers, including people who arrived from Ukraine since 2022.\n\n"
            "- Priority: coordination between county services and local councils\n"
            "- Priority: language and labour-market support for newcomers"
        ),
    },
    {
        "slug": "timis",
        "name": "Timiș",
        "country": "Romania",
        "nuts_code": "RO424",
        "population": 650000,
        "languages": "Romanian, Hungarian, German, Serbian",
        "lead_body": "County Council of Timiș",
        "contextual_analysis": (
            "Timiș coordinates with its 99 local councils. Timișoara, the county seat, receives the "
            "largest share of asylum applications lodged in Romania, which makes reception and "
            "orientation services a daily concern.\n\n"
            "A county intercultural strategy for 2024–2026 was drafted with partners."
        ),
    },
    {
        "slug": "catalonia",
        "name": "Catalonia",
        "country": "Spain",
        "nuts_code": "ES51",
        "population": 8000000,
        "languages": "Catalan, Spanish, Aranese",
        "lead_body": "Directorate General for Migration, Refuge and Anti-racism",
        "contextual_analysis": (
            "Catalonia brings migration, refuge and anti-racism policy together in one directorate "
            "general. Its plan against racism runs to about seventy measures across government "
            "departments.\n\n"
            "- Priority: mainstreaming anti-racism in every department\n"
            "- Priority: reception networks with municipalities"
        ),
    },
    {
        "slug": "navarra",
        "name": "Navarra",
        "country": "Spain",
        "nuts_code": "ES22",
        "population": 670000,
        "languages": "Spanish, Basque",
        "lead_body": "Directorate General for Migration Policies",
        "contextual_analysis": (
            "Between 16 and 18 percent of people living in Navarra are of foreign origin. The "
            "regional strategy for intercultural coexistence covers 2021–2026 and is steered by the "
            "Directorate General for Migration Policies."
        ),
    },
    {
        "slug": "donegal",
        "name": "Donegal",
        "country": "Ireland",
        "nuts_code": "IE041",
        "population": 167000,
        "languages": "English, Irish",
        "lead_body": "Donegal County Council",
        "contextual_analysis": (
            "In 2016 about seven percent of Donegal's residents had been born outside the State. In "
            "2022 the County Council adopted its first strategy for the inclusion of Black and "
            "minority ethnic communities."
        ),
    },
    {
        "slug": "emilia-romagna",
        "name": "Emilia-Romagna",
        "country": "Italy",
        "nuts_code": "ITH5",
        "population": 4450000,
        "languages": "Italian",
        "lead_body": "Emilia-Romagna Region",
        "contextual_analysis": (
            "Regional law 5/2004 frames integration policy in Emilia-Romagna through three-year "
            "programmes. In 2022 roughly 12.8 percent of residents held a non-Italian citizenship."
        ),
    },
    {
        "slug": "leipzig",
        "name": "Leipzig",
        "country": "Germany",
        "nuts_code": "DED5",
        "population": 1100000,
        "languages": "German",
        "lead_body": "Aufbauwerk Region Leipzig",
        "contextual_analysis": (
            "Aufbauwerk Region Leipzig is a company owned jointly by the city of Leipzig and three "
            "surrounding districts. It connects integration work across urban and rural areas."
        ),
    },
    {
        "slug": "pomerania",
        "name": "Pomerania (Pomorskie)",
        "country": "Poland",
        "nuts_code": "PL63",
        "population": 2350000,
        "languages": "Polish, Kashubian",
        "lead_body": "Regional Centre for Social Policy",
        "contextual_analysis": (
            "The regional assembly adopted a strategic plan for intercultural integration in April "
            "2024, prepared by the Regional Centre for Social Policy with local partners."
        ),
    },
    {
        "slug": "poznan",
        "name": "Poznań (Wielkopolska)",
        "country": "Poland",
        "nuts_code": "PL41",
        "population": 3500000,
        "languages": "Polish",
        "lead_body": "Regional Centre for Social Policy",
        "contextual_analysis": (
            "Since 2021 five centres for the integration of foreigners have operated across "
            "Wielkopolska, coordinated by the Regional Centre for Social Policy."
        ),
    },
    {
        "slug": "salzburg",
        "name": "Salzburg",
        "country": "Austria",
        "nuts_code": "AT32",
        "population": 560000,
        "languages": "German",
        "lead_body": "Land Salzburg, integration department",
        "contextual_analysis": (
            "The integration department of Land Salzburg works with municipalities, employers and "
            "associations on language, work and community life."
        ),
    },
]

ROLES = [Role.EDITOR, Role.CONTRIBUTOR, Role.ADMIN]


def _user(username: str, *, first: str, last: str, password: str, **extra):
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(
        username=username,
        defaults={
            "first_name": first,
            "last_name": last,
            "email": f"{username}@example.org",
            **extra,
        },
    )
    if created:
        user.set_password(password)
        user.save(update_fields=["password"])
    return user


@transaction.atomic
def seed(*, stdout=None) -> None:
    password = settings.DEMO_PASSWORD
    network = network_create(**NETWORK)
    for data in REGIONS:
        region = Region.objects.filter(slug=data["slug"]).first()
        if region is None:
            region = region_create(network=network, **data)
        for role in ROLES:
            user = _user(
                f"{region.slug}-{role}",
                first=region.name.split(" (")[0],
                last=str(Role(role).label),
                password=password,
            )
            membership_add(user=user, region=region, role=role)
    coordinator = _user("coordinator", first="Network", last="Coordinator", password=password)
    coordinator_add(user=coordinator, network=Network.objects.get(slug=NETWORK["slug"]))
    _user(
        "platform-admin",
        first="Platform",
        last="Admin",
        password=password,
        is_staff=True,
        is_superuser=True,
    )
    if stdout:
        stdout.write(f"Network, {len(REGIONS)} regions and demo accounts are in place.")

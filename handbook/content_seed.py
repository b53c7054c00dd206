"""Polish titles of the seeded framework, Handbook and thematic areas, for demonstrations.

Only titles: the pages then show both states side by side, a translated heading and an English
text marked as English. Existing translations are never overwritten.
"""

from django.contrib.contenttypes.models import ContentType

from .models import ContentTranslation, Section, ThematicArea, TranslationStatus
from .translation.lookup import source_hash

SECTIONS_PL = {
    "purpose": "Cel i podejście",
    "interculturality": "Kluczowe elementy międzykulturowości",
    "regional-contexts": "Konteksty regionalne",
    "objectives": "Cele",
    "stakeholders": "Interesariusze",
    "information": "Informacja: dane, dowody i komunikacja",
    "financial": "Kwestie finansowe",
    "evaluation": "Kryteria ewaluacji",
    "legal": "Aspekty prawne",
    "resources": "Zasoby",
    "framework": "Rama międzykulturowa i wielopoziomowe tworzenie polityk",
    "method": "Regionalna metoda budowania potencjału",
    "thematic-areas": "Tematyczne obszary polityki",
    "recommendations": "Rekomendacje i zasoby",
}
AREAS_PL = {
    "governance": "Zarządzanie, przywództwo i koordynacja wielopoziomowa",
    "education": "Edukacja i uczenie się przez całe życie",
    "labour": "Rynek pracy, przedsiębiorczość i biznes",
    "housing": "Mieszkalnictwo i sąsiedztwa",
    "health": "Zdrowie i usługi społeczne",
    "reception": "Przyjmowanie i witanie nowo przybyłych",
    "language": "Nauka języka i komunikacja międzykulturowa",
    "culture": "Kultura, sport i życie obywatelskie",
    "public-space": "Przestrzeń publiczna i rewitalizacja miast",
    "anti-discrimination": "Przeciwdziałanie dyskryminacji i rasizmowi",
    "participation": "Partycypacja i aktywne obywatelstwo",
    "media": "Media, komunikacja i narracje publiczne",
}


def seed_translations() -> int:
    """Create the Polish titles that do not exist yet; returns how many were created."""
    created = 0
    for model, titles in [(Section, SECTIONS_PL), (ThematicArea, AREAS_PL)]:
        ct = ContentType.objects.get_for_model(model)
        for obj in model.objects.filter(slug__in=titles):
            _row, new = ContentTranslation.objects.get_or_create(
                content_type=ct,
                object_id=obj.pk,
                field="title",
                language="pl",
                defaults={
                    "text": titles[obj.slug],
                    "status": TranslationStatus.REVIEWED,
                    "source_hash": source_hash(obj.title),
                },
            )
            created += new
    return created

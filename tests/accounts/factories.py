from regions.models import ContactPerson, GovernanceLevel, Sector, Stakeholder


def stakeholder(region, **fields) -> Stakeholder:
    n = Stakeholder.objects.count()
    defaults = {
        "name": f"Organisation {n}",
        "sector": Sector.CIVIL_SOCIETY,
        "level": GovernanceLevel.REGIONAL,
    }
    defaults.update(fields)
    return Stakeholder.objects.create(region=region, **defaults)


def contact(stakeholder, **fields) -> ContactPerson:
    defaults = {"name": "Ana Contact", "email": "ana@example.org"}
    defaults.update(fields)
    return ContactPerson.objects.create(
        region=stakeholder.region, stakeholder=stakeholder, **defaults
    )


HEADER = "name,sector,level,website,notes,contact_name,contact_email,contact_phone,contact_role,consent,consent_date,consent_purpose"


def csv_file(rows: list[str], name: str = "stakeholders.csv"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    content = "\n".join([HEADER, *rows]) + "\n"
    return SimpleUploadedFile(name, content.encode(), content_type="text/csv")


def good_rows(n: int) -> list[str]:
    return [
        f"Org {i},civil society,local,https://org{i}.example.org,,Person {i},p{i}@example.org,"
        f"+39 051 {i:04d},Director,yes,2026-01-15,Invitations to consultations"
        for i in range(n)
    ]

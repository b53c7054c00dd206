import factory
from django.contrib.auth import get_user_model

from regions.models import Network, Region, Role
from regions.services import coordinator_add, membership_add, network_create, region_create

PASSWORD = "correct-horse-battery"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()


def network() -> Network:
    return network_create(name="AER Intercultural Regions Network", slug="irn")


_counter = iter(range(10_000_000))


def region(**fields) -> Region:
    n = next(_counter)
    defaults = {
        "name": f"Region {n}",
        "slug": f"region-{n}",
        "country": "Spain",
        "nuts_code": f"ES{n % 100:02d}",
        "population": 100_000 + n,
        "languages": "Spanish",
        "lead_body": "Directorate General",
        "contextual_analysis": "Context of the region.",
    }
    defaults.update(fields)
    return region_create(network=network(), **defaults)


def member(region: Region, role: Role, **fields):
    user = UserFactory(**fields)
    membership_add(user=user, region=region, role=role)
    return user


def coordinator(**fields):
    user = UserFactory(**fields)
    coordinator_add(user=user, network=network())
    return user

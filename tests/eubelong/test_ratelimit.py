from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory

from eubelong.core.ratelimit import ratelimit


@ratelimit("test-scope", "3/m")
def view(request):
    return HttpResponse("ok")


def test_it_answers_429_past_the_limit_and_counts_per_client(db, editor, contributor):
    cache.clear()
    factory = RequestFactory()

    def post(user):
        request = factory.post("/x")
        request.user = user
        return view(request).status_code

    assert [post(editor) for _ in range(4)] == [200, 200, 200, 429]
    assert post(contributor) == 200


def test_it_lets_reads_through(db, editor):
    cache.clear()
    request = RequestFactory().get("/x")
    request.user = editor
    assert all(view(request).status_code == 200 for _ in range(5))


def test_it_degrades_to_no_limit_when_the_cache_is_down(db, editor, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    from django.core.cache import cache as broken

    request = RequestFactory().post("/x")
    request.user = editor
    try:
        broken.add("probe", 1)
    except Exception:  # noqa: BLE001
        pass
    else:
        raise AssertionError("the cache should be unreachable in this test")
    assert [view(request).status_code for _ in range(5)] == [200] * 5

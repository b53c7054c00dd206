"""The product's URLs plus one trivial view, for the benchmark only."""

from django.http import HttpResponse
from django.urls import include, path
from django.views.decorators.http import require_safe


@require_safe
def trivial(request):
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [
    path("bench-trivial/", trivial),
    path("", include("eubelong.urls")),
]

"""Public pages: read without signing in, one address per language."""

from django.urls import path, register_converter

from . import views
from .converters import LanguageConverter

register_converter(LanguageConverter, "lang")

app_name = "public"

# The handbook and framework before regions: their words are never a region's slug.
urlpatterns = [
    path("", views.choose_language, name="root"),
    path("<lang:lang>/", views.network, name="network"),
    path("<lang:lang>/handbook/", views.handbook, name="handbook"),
    path("<lang:lang>/handbook/areas/<slug:area>/", views.area, name="area"),
    path("<lang:lang>/handbook/<slug:section>/", views.handbook_section, name="handbook-section"),
    path("<lang:lang>/framework/", views.framework, name="framework"),
    path(
        "<lang:lang>/framework/<slug:section>/", views.framework_section, name="framework-section"
    ),
    path("<lang:lang>/<slug:region>/", views.region, name="region"),
]

from django.contrib import admin
from django.urls import include, path

from regions.views import home

from .health import healthz
from .i18n import set_language

urlpatterns = [
    path("", home, name="home"),
    path("healthz", healthz, name="healthz"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("accounts/", include("eubelong.accounts_urls")),
    path("regions/", include("regions.urls")),
    path("regions/", include("toolkit.urls")),
    path("", include("handbook.urls")),
    path("exports/", include("handbook.exports.urls")),
    path("compare/", include("toolkit.compare.urls")),
    path("admin/", admin.site.urls),
]

admin.site.site_header = "EU-Belong platform administration"
admin.site.site_title = "EU-Belong admin"

from django.contrib import admin
from django.urls import include, path

from eubelong.search import views as search_views
from regions.accounts.language import set_language
from regions.accounts.signin import admin_sign_in

from .core.accessibility import statement as accessibility_statement
from .core.health import healthz
from .work.views import home

urlpatterns = [
    path("", home, name="home"),
    path("healthz", healthz, name="healthz"),
    path("accessibility/", accessibility_statement, name="accessibility"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("accounts/", include("regions.accounts.urls")),
    path("regions/", include("regions.urls")),
    path("regions/", include("toolkit.urls")),
    path("search/", search_views.search, name="search"),
    path("lab/", include("toolkit.lab_urls")),
    path("", include("handbook.urls")),
    path("exports/", include("eubelong.exports.urls")),
    path("translations/", include("handbook.translation.urls")),
    path("compare/", include("toolkit.compare.urls")),
    path("", include("toolkit.reporting.urls")),
    path("notifications/", include("eubelong.notify.urls")),
    # Published strategies, open data and the API: read without signing in.
    path("open/data/", include("toolkit.publishing.opendata.urls")),
    path("open/", include("toolkit.publishing.public.urls")),
    path("api/", include("toolkit.publishing.api.urls")),
    path("regions/", include("toolkit.publishing.urls")),
    path("admin/login/", admin_sign_in, name="admin-login"),
    path("admin/", admin.site.urls),
]

handler403 = "regions.views.permission_denied"

admin.site.site_header = "EU-Belong platform administration"
admin.site.site_title = "EU-Belong admin"

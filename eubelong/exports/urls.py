from django.urls import path

from eubelong.core.ratelimit import ratelimit

from . import views

# Each job renders a PDF on a worker: cap how fast one person can queue them.
limited = ratelimit("export")

app_name = "exports"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", limited(views.create), name="create"),
    path("jobs/<uuid:job>/", views.job, name="job"),
    path("jobs/<uuid:job>/download/", views.download, name="download"),
    path("jobs/<uuid:job>/retry/", limited(views.retry), name="retry"),
    path("regions/<slug:region>/new/", limited(views.region_create), name="region-create"),
    path("regions/<slug:region>/jobs/<uuid:job>/", views.region_job, name="region-job"),
    path(
        "regions/<slug:region>/jobs/<uuid:job>/download/",
        views.region_download,
        name="region-download",
    ),
    path(
        "regions/<slug:region>/jobs/<uuid:job>/retry/",
        limited(views.region_retry),
        name="region-retry",
    ),
]

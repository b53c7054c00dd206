from django.urls import path

from . import views

app_name = "reporting"

R = "regions/<slug:region>/reports/"

urlpatterns = [
    path("reporting/", views.board, name="board"),
    path("reporting/cycles/<uuid:cycle>/periods/", views.periods, name="periods"),
    path("reporting/periods/<uuid:period>/", views.period_edit, name="period-edit"),
    path("indicator-library/", views.library, name="library"),
    path("indicator-library/new/", views.library_entry, name="library-new"),
    path("indicator-library/<uuid:entry>/", views.library_entry, name="library-edit"),
    path(R, views.region_reports, name="region-reports"),
    path(R + "<uuid:report>/", views.report, name="report"),
    path(R + "<uuid:report>/actions/<uuid:row>/", views.action_row, name="action-row"),
    path(R + "<uuid:report>/indicators/<uuid:value>/", views.value_row, name="value-row"),
    path(R + "<uuid:report>/submit/", views.report_submit, name="report-submit"),
    path(R + "<uuid:report>/review/", views.report_review, name="report-review"),
]

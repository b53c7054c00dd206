from django.urls import path

from . import views

app_name = "compare"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("priority/", views.drilldown, name="drilldown"),
    path("evidence/", views.evidence, name="evidence"),
    path("side-by-side/", views.side_by_side, name="side-by-side"),
    path("download.<str:fmt>", views.download, name="download"),
    path("progress/", views.progress_view, name="progress"),
    path("progress/download.<str:fmt>", views.progress_download, name="progress-download"),
]
urlpatterns += [
    path("self-assessment/", views.index, name="index"),
    path("questionnaire/", views.questionnaire, name="questionnaire"),
    path("r/<slug:region>/self-assessment/", views.assessment_edit, name="assessment"),
    path("r/<slug:region>/sharing/", views.sharing, name="sharing"),
]

from django.urls import path

from . import views

app_name = "publishing"

P = "<slug:region>/publishing/"

urlpatterns = [
    path(P, views.region_publishing, name="region"),
    path(P + "<uuid:workplan>/publish/", views.publish, name="publish"),
    path(P + "<uuid:workplan>/published/", views.published, name="published"),
    path(P + "<uuid:workplan>/withdraw/", views.withdraw, name="withdraw"),
]

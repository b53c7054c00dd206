from django.urls import path

from . import views

app_name = "regions"

urlpatterns = [
    path("<slug:region>/", views.region_home, name="home"),
    path("<slug:region>/profile/edit/", views.region_edit, name="edit"),
]

from django.urls import path

from . import views

app_name = "translations"

urlpatterns = [
    path("", views.translation_list, name="list"),
    path("<slug:kind>/<str:key>/<slug:language>/", views.translation_edit, name="edit"),
]

from django.urls import path

from . import views

app_name = "translations"

urlpatterns = [
    path("", views.translation_list, name="list"),
    path("export/<slug:language>.po", views.translation_export, name="export"),
    path("import/", views.translation_import, name="import"),
    path("<slug:kind>/<str:key>/<slug:language>/", views.translation_edit, name="edit"),
]

from django.urls import path

from . import translations

app_name = "translations"

urlpatterns = [
    path("", translations.translation_list, name="list"),
    path("<slug:kind>/<str:key>/<slug:language>/", translations.translation_edit, name="edit"),
]

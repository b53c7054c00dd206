from django.urls import path, register_converter

from . import views


class CatalogueFormat:
    regex = "jsonld|ttl"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(CatalogueFormat, "catalogue_format")

app_name = "opendata"
urlpatterns = [
    path("", views.index, name="index"),
    path("catalogue.<catalogue_format:fmt>", views.catalogue, name="catalogue"),
    path("<slug:name>/dictionary.json", views.dictionary, name="dictionary"),
    path("<slug:name>.<slug:fmt>", views.distribution, name="distribution"),
]

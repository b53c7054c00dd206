from django.urls import path

from . import views

app_name = "handbook"

urlpatterns = [
    path("framework/", views.framework, name="framework"),
    path("framework/<slug:section>/", views.framework_section, name="framework-section"),
    path(
        "framework/<slug:section>/edit/",
        views.framework_section_edit,
        name="framework-section-edit",
    ),
    path(
        "framework/<slug:section>/history/",
        views.framework_section_history,
        name="framework-section-history",
    ),
    path("handbook/", views.handbook_index, name="index"),
    path("handbook/areas/<slug:area>/", views.area_detail, name="area"),
    path("handbook/areas/<slug:area>/edit/", views.area_edit, name="area-edit"),
    path("handbook/areas/<slug:area>/history/", views.area_history, name="area-history"),
    path("handbook/modules/", views.module_list, name="modules"),
    path("handbook/modules/<uuid:module>/", views.module_detail, name="module"),
    path("handbook/modules/<uuid:module>/history/", views.module_history, name="module-history"),
    path(
        "handbook/materials/<uuid:material>/file/",
        views.material_download,
        name="material-download",
    ),
    path("handbook/resources/", views.resource_list, name="resources"),
    path("handbook/resources/new/", views.resource_create, name="resource-create"),
    path("handbook/resources/<uuid:resource>/edit/", views.resource_edit, name="resource-edit"),
    path(
        "handbook/resources/<uuid:resource>/history/",
        views.resource_history,
        name="resource-history",
    ),
    path(
        "handbook/resources/<uuid:resource>/file/",
        views.resource_download,
        name="resource-download",
    ),
    path("handbook/reach/", views.network_reach, name="network-reach"),
    path("handbook/<slug:section>/", views.handbook_section, name="section"),
    path("handbook/<slug:section>/edit/", views.handbook_section_edit, name="section-edit"),
    path(
        "handbook/<slug:section>/history/",
        views.handbook_section_history,
        name="section-history",
    ),
    path("regions/<slug:region>/modules/new/", views.module_create, name="module-create"),
    path(
        "regions/<slug:region>/modules/<uuid:module>/edit/",
        views.module_edit,
        name="module-edit",
    ),
    path(
        "regions/<slug:region>/modules/<uuid:module>/materials/",
        views.material_add,
        name="material-add",
    ),
    path(
        "regions/<slug:region>/materials/<uuid:material>/delete/",
        views.material_delete,
        name="material-delete",
    ),
    path("regions/<slug:region>/capacity/", views.capacity, name="capacity"),
    path("regions/<slug:region>/capacity/new/", views.activity_create, name="activity-create"),
    path(
        "regions/<slug:region>/capacity/<uuid:activity>/edit/",
        views.activity_edit,
        name="activity-edit",
    ),
    path(
        "regions/<slug:region>/capacity/<uuid:activity>/delete/",
        views.activity_delete,
        name="activity-delete",
    ),
]

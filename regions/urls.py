from django.urls import path

from eubelong.core.ratelimit import ratelimit

from . import audit_views, views
from .members import views as members_views
from .stakeholders import views as stakeholders_views

app_name = "regions"

urlpatterns = [
    path("", views.region_index, name="index"),
    path("<slug:region>/", views.region_home, name="home"),
    path("<slug:region>/profile/edit/", views.region_edit, name="edit"),
    path("<slug:region>/members/", members_views.members, name="members"),
    path(
        "<slug:region>/members/invite/",
        ratelimit("invite")(members_views.invite),
        name="member-invite",
    ),
    path("<slug:region>/members/<str:member>/role/", members_views.member_role, name="member-role"),
    path(
        "<slug:region>/members/<str:member>/remove/",
        members_views.member_delete,
        name="member-remove",
    ),
    path(
        "<slug:region>/invitations/<uuid:invitation>/withdraw/",
        members_views.invitation_cancel,
        name="invitation-withdraw",
    ),
    path(
        "<slug:region>/invitations/<uuid:invitation>/resend/",
        ratelimit("invite")(members_views.invitation_send_again),
        name="invitation-resend",
    ),
    path("<slug:region>/stakeholders/", stakeholders_views.stakeholder_list, name="stakeholders"),
    path(
        "<slug:region>/stakeholders/new/",
        stakeholders_views.stakeholder_new,
        name="stakeholder-new",
    ),
    path(
        "<slug:region>/stakeholders/import/",
        stakeholders_views.stakeholder_import,
        name="stakeholder-import",
    ),
    path(
        "<slug:region>/stakeholders/import/confirm/",
        stakeholders_views.stakeholder_import_confirm,
        name="stakeholder-import-confirm",
    ),
    path(
        "<slug:region>/stakeholders/export.<str:fmt>",
        stakeholders_views.stakeholder_export,
        name="stakeholder-export",
    ),
    path(
        "<slug:region>/stakeholders/<uuid:stakeholder>/",
        stakeholders_views.stakeholder_show,
        name="stakeholder",
    ),
    path(
        "<slug:region>/stakeholders/<uuid:stakeholder>/edit/",
        stakeholders_views.stakeholder_edit,
        name="stakeholder-edit",
    ),
    path(
        "<slug:region>/stakeholders/<uuid:stakeholder>/delete/",
        stakeholders_views.stakeholder_remove,
        name="stakeholder-delete",
    ),
    path(
        "<slug:region>/stakeholders/<uuid:stakeholder>/contacts/new/",
        stakeholders_views.contact_new,
        name="contact-new",
    ),
    path(
        "<slug:region>/contacts/<uuid:contact>/edit/",
        stakeholders_views.contact_edit,
        name="contact-edit",
    ),
    path(
        "<slug:region>/contacts/<uuid:contact>/delete/",
        stakeholders_views.contact_remove,
        name="contact-delete",
    ),
    path("<slug:region>/audit/", audit_views.region_audit, name="audit"),
]

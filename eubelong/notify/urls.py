from django.urls import path

from . import views

app_name = "notify"

urlpatterns = [
    path("", views.notice_list, name="list"),
    path("read/", views.notices_read_all, name="read-all"),
    path("settings/", views.settings_page, name="settings"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("<uuid:notice>/open/", views.notice_open, name="open"),
]

"""A learning lab's own short addresses, for participants without an account (docs/labs.md)."""

from django.urls import path

from .views import lab_room

app_name = "lab"

urlpatterns = [
    path("<str:token>/", lab_room.lab_join, name="join"),
    path("<str:token>/room/", lab_room.lab_room, name="room"),
    path("<str:token>/items/<uuid:response>/", lab_room.lab_contribute, name="contribute"),
]

from django.urls import path

from . import details_views, views

app_name = "organise"

urlpatterns = [
    path("organise/", views.home, name="home"),
    path("organise/series/<slug:series_slug>/new/", views.new_edition, name="new_edition"),
    path("organise/welcome/<uidb64>/<token>/", views.ChoosePassword.as_view(), name="choose_password"),
    path("events/<slug:slug>/organise/clone/", views.clone, name="clone"),
    path("events/<slug:slug>/organise/status/", views.change_status, name="status"),
    path("events/<slug:slug>/organise/staff/", views.staff_page, name="staff"),
    path("events/<slug:slug>/organise/staff/<int:pk>/remove/", views.remove_staff, name="remove_staff"),
    path("events/<slug:slug>/organise/details/", details_views.details_page, name="details"),
    path("events/<slug:slug>/organise/venues/", details_views.venues_page, name="venues"),
    path("events/<slug:slug>/organise/venues/<int:pk>/", details_views.change_venue, name="change_venue"),
    path("events/<slug:slug>/organise/venues/<int:pk>/delete/", details_views.delete_venue, name="delete_venue"),
    path("events/<slug:slug>/organise/venues/<int:pk>/rooms/", details_views.add_room, name="add_room"),
    path("events/<slug:slug>/organise/rooms/<int:pk>/", details_views.change_room, name="change_room"),
    path("events/<slug:slug>/organise/rooms/<int:pk>/delete/", details_views.delete_room, name="delete_room"),
    path("events/<slug:slug>/organise/organising-bodies/", details_views.bodies_page, name="bodies"),
    path("events/<slug:slug>/organise/organising-bodies/<int:pk>/", details_views.change_body, name="change_body"),
    path(
        "events/<slug:slug>/organise/organising-bodies/<int:pk>/remove/", details_views.remove_body, name="remove_body"
    ),
    path("events/<slug:slug>/organise/audit/", views.audit_page, name="audit"),
    path("events/<slug:slug>/organise/outbox/", views.outbox_page, name="outbox"),
    path("events/<slug:slug>/organise/outbox/<int:pk>/send-again/", views.send_again, name="send_again"),
]

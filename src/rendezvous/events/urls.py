from django.urls import path

from . import organiser_views, views

app_name = "events"

urlpatterns = [
    path("", views.home, name="home"),
    path("events/<slug:slug>/", views.edition, name="edition"),
    path("events/<slug:slug>/organise/", organiser_views.dashboard, name="organise"),
]

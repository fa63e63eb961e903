from django.urls import path

from . import views

app_name = "participation"

urlpatterns = [
    path("events/<slug:slug>/check-in/", views.check_in_desk, name="check_in"),
    path("events/<slug:slug>/check-in/<int:pk>/undo/", views.undo_check_in, name="undo_check_in"),
    path("events/<slug:slug>/badges/<int:pk>.pdf", views.badge, name="badge"),
    path("events/<slug:slug>/organise/badges.pdf", views.badge_sheet, name="badge_sheet"),
    path("events/<slug:slug>/join/<str:secret>/", views.join, name="join"),
]

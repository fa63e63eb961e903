from django.urls import path

from . import views

app_name = "organise"

urlpatterns = [
    path("organise/", views.home, name="home"),
    path("organise/series/<slug:series_slug>/new/", views.new_edition, name="new_edition"),
    path("organise/welcome/<uidb64>/<token>/", views.ChoosePassword.as_view(), name="choose_password"),
    path("events/<slug:slug>/organise/clone/", views.clone, name="clone"),
    path("events/<slug:slug>/organise/status/", views.change_status, name="status"),
    path("events/<slug:slug>/organise/staff/", views.staff_page, name="staff"),
    path("events/<slug:slug>/organise/staff/<int:pk>/remove/", views.remove_staff, name="remove_staff"),
    path("events/<slug:slug>/organise/audit/", views.audit_page, name="audit"),
    path("events/<slug:slug>/organise/outbox/", views.outbox_page, name="outbox"),
    path("events/<slug:slug>/organise/outbox/<int:pk>/send-again/", views.send_again, name="send_again"),
]

from django.urls import path

from . import views

app_name = "webhooks"

urlpatterns = [
    path("events/<slug:slug>/organise/webhooks/", views.webhooks, name="webhooks"),
]

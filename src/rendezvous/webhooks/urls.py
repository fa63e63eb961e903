from django.urls import path

from . import views

app_name = "webhooks"

urlpatterns = [
    path("events/<slug:slug>/organise/webhooks/", views.webhooks, name="webhooks"),
    path("hub/organisations/<int:organisation_id>/webhooks/", views.publisher_webhooks, name="publisher_webhooks"),
]

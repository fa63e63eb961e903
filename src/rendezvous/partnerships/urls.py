from django.urls import path

from . import views

app_name = "partnerships"

urlpatterns = [
    path("hub/", views.programme_list, name="programmes"),
    path("hub/programmes/<slug:slug>/", views.programme_detail, name="programme"),
    path("hub/calls/<slug:slug>/", views.call_detail, name="call"),
    path("hub/calls/<slug:slug>/apply/", views.apply, name="apply"),
    path("hub/calls/<slug:slug>/selection/", views.selection_page, name="selection"),
    path("hub/applications/<int:pk>/", views.application_detail, name="application"),
    path("hub/applications/<int:pk>/edit/", views.edit_application, name="edit_application"),
    path("hub/applications/<int:pk>/attachments/<int:attachment_pk>/", views.attachment, name="attachment"),
]

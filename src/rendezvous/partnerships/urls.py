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
    path("hub/programmes/<slug:slug>/follow/", views.follow_programme, name="follow_programme"),
    path("hub/programmes/<slug:slug>/followers/", views.followers, name="followers"),
    path("hub/calls/<slug:slug>/follow/", views.follow_call, name="follow_call"),
    path("hub/board/", views.board, name="board"),
    path("hub/board/new/", views.new_post, name="new_post"),
    path("hub/board/<int:pk>/", views.post_detail, name="post"),
    path("hub/board/<int:pk>/edit/", views.edit_post, name="edit_post"),
    path("hub/board/<int:pk>/withdraw/", views.withdraw_post, name="withdraw_post"),
    path("hub/board/<int:pk>/contact/", views.contact_post, name="contact_post"),
    path("hub/me/", views.my_hub, name="my_hub"),
    path("hub/me/feed/", views.regenerate_feed, name="regenerate_feed"),
    path("hub/feeds/<str:token>.ics", views.feed, name="feed"),
]

from django.urls import path

from .views import calls, connect, representation

app_name = "partnerships"

urlpatterns = [
    path("hub/", calls.programme_list, name="programmes"),
    path("hub/search/", calls.search_page, name="search"),
    path("hub/programmes/<slug:slug>/", calls.programme_detail, name="programme"),
    path("hub/calls/<slug:slug>/", calls.call_detail, name="call"),
    path("hub/calls/<slug:slug>/apply/", calls.apply, name="apply"),
    path("hub/calls/<slug:slug>/deadlines.ics", calls.call_ics, name="call_ics"),
    path("hub/calls/<slug:slug>/selection/", calls.selection_page, name="selection"),
    path("hub/applications/<int:pk>/", calls.application_detail, name="application"),
    path("hub/applications/<int:pk>/edit/", calls.edit_application, name="edit_application"),
    path("hub/applications/<int:pk>/attachments/<int:attachment_pk>/", calls.attachment, name="attachment"),
    path("hub/programmes/<slug:slug>/follow/", connect.follow_programme, name="follow_programme"),
    path("hub/programmes/<slug:slug>/followers/", connect.followers, name="followers"),
    path("hub/calls/<slug:slug>/follow/", connect.follow_call, name="follow_call"),
    path("hub/board/", connect.board, name="board"),
    path("hub/board/new/", connect.new_post, name="new_post"),
    path("hub/board/<int:pk>/", connect.post_detail, name="post"),
    path("hub/board/<int:pk>/edit/", connect.edit_post, name="edit_post"),
    path("hub/board/<int:pk>/withdraw/", connect.withdraw_post, name="withdraw_post"),
    path("hub/board/<int:pk>/contact/", connect.contact_post, name="contact_post"),
    path("hub/board/<int:pk>/report/", connect.report_post, name="report_post"),
    path("hub/represent/", representation.represent, name="represent"),
    path("hub/represent/requests/", representation.representation_requests, name="representation_requests"),
    path(
        "hub/represent/requests/<int:pk>/decide/",
        representation.decide_representation,
        name="decide_representation",
    ),
    path("hub/me/", connect.my_hub, name="my_hub"),
    path("hub/me/feed/", connect.regenerate_feed, name="regenerate_feed"),
    path("hub/feeds/<str:token>.ics", connect.feed, name="feed"),
    path("hub/digest/unsubscribe/<str:token>/", connect.unsubscribe, name="unsubscribe"),
]

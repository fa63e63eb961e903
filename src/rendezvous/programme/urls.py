from django.urls import path

from . import editor_views, export_views, material_views, organiser_views, views

app_name = "programme"

urlpatterns = [
    path("events/<slug:slug>/programme/", views.programme, name="programme"),
    path("events/<slug:slug>/sessions/<slug:session_slug>/", views.session_detail, name="session"),
    path("events/<slug:slug>/speakers/", views.speakers, name="speakers"),
    path("events/<slug:slug>/organise/timetable-check/", organiser_views.timetable_check, name="timetable_check"),
    path("events/<slug:slug>/programme.ics", export_views.programme_ics, name="programme_ics"),
    path("events/<slug:slug>/sessions/<slug:session_slug>.ics", export_views.session_ics, name="session_ics"),
    path("events/<slug:slug>/schedule.xml", export_views.schedule_xml, name="schedule_xml"),
    path("events/<slug:slug>/schedule.json", export_views.schedule_json, name="schedule_json"),
    # Presentation materials (material_views.py).
    path("events/<slug:slug>/materials/", material_views.index, name="materials"),
    path(
        "events/<slug:slug>/materials/<uuid:material_uuid>/download",
        material_views.download,
        name="material_download",
    ),
    # The programme editor (editor_views.py).
    path("events/<slug:slug>/organise/programme/", editor_views.index, name="organise_programme"),
    path("events/<slug:slug>/organise/programme/sessions/new/", editor_views.new_session, name="new_session"),
    path(
        "events/<slug:slug>/organise/programme/sessions/<int:session_id>/",
        editor_views.edit_session,
        name="edit_session",
    ),
    path(
        "events/<slug:slug>/organise/programme/sessions/<int:session_id>/delete/",
        editor_views.delete_session,
        name="delete_session",
    ),
    path(
        "events/<slug:slug>/organise/programme/sessions/<int:session_id>/chairs/",
        editor_views.add_chair,
        name="add_chair",
    ),
    path(
        "events/<slug:slug>/organise/programme/sessions/<int:session_id>/chairs/<int:chair_id>/remove/",
        editor_views.remove_chair,
        name="remove_chair",
    ),
    path(
        "events/<slug:slug>/organise/programme/sessions/<int:session_id>/contributions/new/",
        editor_views.new_contribution,
        name="new_contribution",
    ),
    path(
        "events/<slug:slug>/organise/programme/contributions/<int:contribution_id>/",
        editor_views.edit_contribution,
        name="edit_contribution",
    ),
    path(
        "events/<slug:slug>/organise/programme/contributions/<int:contribution_id>/move/",
        editor_views.move_contribution,
        name="move_contribution",
    ),
    path(
        "events/<slug:slug>/organise/programme/contributions/<int:contribution_id>/delete/",
        editor_views.delete_contribution,
        name="delete_contribution",
    ),
    path(
        "events/<slug:slug>/organise/programme/contributions/<int:contribution_id>/speakers/",
        editor_views.add_speaker,
        name="add_speaker",
    ),
    path(
        "events/<slug:slug>/organise/programme/contributions/<int:contribution_id>/speakers/<int:speaker_id>/remove/",
        editor_views.remove_speaker,
        name="remove_speaker",
    ),
    path("events/<slug:slug>/organise/materials/", material_views.organise, name="organise_materials"),
    path("events/<slug:slug>/my-materials/", material_views.my_materials, name="my_materials"),
]

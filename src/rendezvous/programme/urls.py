from django.urls import path

from . import export_views, material_views, organiser_views, views

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
    path("events/<slug:slug>/organise/materials/", material_views.organise, name="organise_materials"),
    path("events/<slug:slug>/my-materials/", material_views.my_materials, name="my_materials"),
]

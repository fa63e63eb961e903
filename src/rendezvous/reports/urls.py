from django.urls import path

from . import views

app_name = "reports"

STATISTICS = "events/<slug:slug>/organise/statistics/"

urlpatterns = [
    path(STATISTICS, views.statistics, name="statistics"),
    *(
        path(f"{STATISTICS}attendance.{fmt}", views.attendance_report, {"fmt": fmt}, name=f"attendance_{fmt}")
        for fmt in ("txt", "json", "docx")
    ),
    path(f"{STATISTICS}report.docx", views.full_report, name="full_report"),
    path(f"{STATISTICS}report.pdf", views.full_report_pdf, name="full_report_pdf"),
    path("events/<slug:slug>/organise/report/", views.report_texts, name="report_texts"),
    path("organise/organisations/duplicates/", views.organisation_duplicates, name="organisation_duplicates"),
    path(f"{STATISTICS}<slug:chart>.csv", views.chart_csv, name="chart_csv"),
    path("events/<slug:slug>/organise/participants.csv", views.participants_csv, name="participants_csv"),
    path("events/<slug:slug>/organise/participants.xlsx", views.participants_xlsx, name="participants_xlsx"),
]

from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("documents/verify/<str:reference>/", views.verify, name="verify"),
    path("accounts/my-data/", views.my_data, name="my_data"),
    path("accounts/my-data/download/", views.my_data_download, name="my_data_download"),
    path("events/<slug:slug>/my-registration/certificate/", views.my_certificate, name="my_certificate"),
    path("events/<slug:slug>/my-registration/visa-letter/", views.my_visa_letter, name="my_visa_letter"),
    path("events/<slug:slug>/my-registration/visa-letter/pdf/", views.my_visa_letter_pdf, name="my_visa_letter_pdf"),
    path("events/<slug:slug>/organise/certificates/", views.organise_certificates, name="organise_certificates"),
    path("events/<slug:slug>/organise/documents/settings/", views.organise_settings, name="organise_settings"),
    path("events/<slug:slug>/organise/visa-letters/", views.visa_queue, name="visa_queue"),
    path("events/<slug:slug>/organise/visa-letters/<int:pk>/", views.visa_request, name="visa_request"),
    path("events/<slug:slug>/organise/visa-letters/<int:pk>/pdf/", views.visa_letter_pdf, name="visa_letter_pdf"),
    path("events/<slug:slug>/organise/staff/<int:user_id>/visa-letters/", views.visa_officer, name="visa_officer"),
    path("events/<slug:slug>/organise/erasure/", views.organise_erasure, name="organise_erasure"),
]

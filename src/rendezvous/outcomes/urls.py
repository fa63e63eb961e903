from django.urls import path

from . import views

app_name = "outcomes"

urlpatterns = [
    path("events/<slug:slug>/outcome/", views.outcome_document, name="document"),
    path("events/<slug:slug>/outcome.docx", views.outcome_docx, name="docx"),
    path("events/<slug:slug>/outcome/versions/", views.history, name="history"),
    path("events/<slug:slug>/outcome/paragraphs/<int:pk>/amend/", views.propose_amendment, name="amend"),
    path("events/<slug:slug>/outcome/manage/", views.manage, name="manage"),
    path("events/<slug:slug>/outcome/manage/paragraphs/<int:pk>/", views.edit_paragraph, name="edit_paragraph"),
    path("events/<slug:slug>/outcome/manage/amendments/<int:pk>/", views.decide_amendment, name="decide"),
]

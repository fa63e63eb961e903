from django.urls import path

from . import views

app_name = "registration"

urlpatterns = [
    path("events/<slug:slug>/register/", views.register, name="register"),
    path("events/<slug:slug>/register/invitation/<str:token>/", views.redeem, name="redeem"),
    path("events/<slug:slug>/my-registration/", views.mine, name="mine"),
]

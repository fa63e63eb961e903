from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("sign-in/", views.sign_in, name="sign_in"),
    path("sign-in/organiser/", views.organiser_sign_in, name="organiser_sign_in"),
    path("sign-in/link/<str:token>/", views.sign_in_confirm, name="sign_in_confirm"),
    path("sign-in/code/", views.sign_in_code, name="sign_in_code"),
    path("security/", views.account_security, name="account_security"),
    path("security/keys/options/", views.security_key_options, name="security_key_options"),
    path("security/keys/", views.security_key_register, name="security_key_register"),
    path("sign-in/key/options/", views.sign_in_key_options, name="sign_in_key_options"),
    path("sign-in/key/", views.sign_in_key, name="sign_in_key"),
    path("sign-out/", views.sign_out, name="sign_out"),
]

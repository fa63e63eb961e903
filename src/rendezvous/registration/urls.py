from django.urls import path

from . import message_views, organiser_views, policy_views, views

app_name = "registration"

urlpatterns = [
    path("events/<slug:slug>/register/", views.register, name="register"),
    path("events/<slug:slug>/register/invitation/<str:token>/", views.redeem, name="redeem"),
    path("events/<slug:slug>/my-registration/", views.mine, name="mine"),
    path("my-registrations/", views.my_registrations, name="my_registrations"),
    # Organisers (organiser_views.py): moderation queue, capacity, invitations.
    path("events/<slug:slug>/organise/registrations/", organiser_views.queue, name="organise_queue"),
    path("events/<slug:slug>/organise/registrations/capacity/", organiser_views.capacity, name="organise_capacity"),
    path(
        "events/<slug:slug>/organise/registrations/import/",
        organiser_views.import_registrations,
        name="organise_import_registrations",
    ),
    path(
        "events/<slug:slug>/organise/registrations/<int:pk>/",
        organiser_views.registration_detail,
        name="organise_registration",
    ),
    path(
        "events/<slug:slug>/organise/registrations/<int:pk>/nomination-letter/",
        organiser_views.nomination_letter,
        name="organise_nomination_letter",
    ),
    path("events/<slug:slug>/organise/registration-policy/", policy_views.policy_page, name="organise_policy"),
    path("events/<slug:slug>/organise/invitations/", organiser_views.invitations, name="organise_invitations"),
    path(
        "events/<slug:slug>/organise/invitations/import/",
        organiser_views.import_invitations,
        name="organise_import_invitations",
    ),
    path(
        "events/<slug:slug>/organise/invitations/<int:pk>/revoke/",
        organiser_views.revoke_invitation,
        name="organise_revoke_invitation",
    ),
    path(
        "events/<slug:slug>/organise/invitations/<int:pk>/resend/",
        organiser_views.resend_invitation,
        name="organise_resend_invitation",
    ),
    # Messages to participants and the automatic e-mails' wording (message_views.py).
    path("events/<slug:slug>/organise/messages/", message_views.compose, name="organise_messages"),
    path("events/<slug:slug>/organise/emails/", message_views.email_texts, name="organise_email_texts"),
    path("events/<slug:slug>/organise/emails/<slug:kind>/", message_views.email_text, name="organise_email_text"),
]

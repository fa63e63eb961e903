from django.contrib import admin

from .models import CheckIn, OnlineJoin, ParticipantPass


@admin.register(CheckIn)
class CheckInAdmin(admin.ModelAdmin):
    list_display = ("registration", "day", "checked_in_at", "checked_in_by")
    list_filter = ("registration__edition", "day")
    search_fields = ("registration__given_name", "registration__family_name", "registration__email")
    list_select_related = ("registration", "checked_in_by")
    raw_id_fields = ("registration", "checked_in_by")
    date_hierarchy = "checked_in_at"


@admin.register(OnlineJoin)
class OnlineJoinAdmin(admin.ModelAdmin):
    list_display = ("registration", "joined_at", "session")
    list_filter = ("registration__edition",)
    search_fields = ("registration__given_name", "registration__family_name", "registration__email")
    list_select_related = ("registration", "session")
    raw_id_fields = ("registration", "session")
    date_hierarchy = "joined_at"


@admin.register(ParticipantPass)
class ParticipantPassAdmin(admin.ModelAdmin):
    """Codes are shown for support at the desk (a participant who lost their badge); they are never edited."""

    list_display = ("registration", "badge_code", "created_at")
    search_fields = ("registration__given_name", "registration__family_name", "registration__email", "badge_code")
    list_select_related = ("registration",)
    readonly_fields = ("registration", "badge_code", "join_code", "created_at")

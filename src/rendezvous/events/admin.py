"""Admin for series, editions (with venues, organisers and staff inline), venues and rooms.

Superusers see every edition; other staff see only the editions they organise (`EditionStaff`), so one
secretariat cannot read or change another edition's records by accident.
"""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from .models import Edition, EditionOrganiser, EditionStaff, Room, Series, StaffRole, Venue


def organised_editions(request):
    """The editions the signed-in organiser may run in the admin."""
    editions = Edition.objects.all()
    if request.user.is_superuser:
        return editions
    return editions.filter(staff__user=request.user, staff__role=StaffRole.ORGANISER).distinct()


class EditionScopedAdmin(admin.ModelAdmin):
    """Limits rows and edition choices to the editions the user organises; `edition_path` leads to the edition."""

    edition_path = "edition"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(**{f"{self.edition_path}__in": organised_editions(request)})

    def get_list_filter(self, request):
        # A plain filter on an edition lists every edition's title, drafts of others included.
        filters = super().get_list_filter(request)
        if request.user.is_superuser:
            return filters
        return [
            (name, admin.RelatedOnlyFieldListFilter)
            if isinstance(name, str) and name.split("__")[-1] == "edition"
            else name
            for name in filters
        ]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "edition":
            kwargs["queryset"] = organised_editions(request)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Series)
class SeriesAdmin(admin.ModelAdmin):
    list_display = ("name", "slug")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}


class VenueInline(admin.TabularInline):
    model = Venue
    extra = 0
    fields = ("name", "city", "country")
    show_change_link = True


class EditionOrganiserInline(admin.TabularInline):
    model = EditionOrganiser
    extra = 0
    fields = ("organisation", "role", "order")
    autocomplete_fields = ("organisation",)
    verbose_name = "organising body"
    verbose_name_plural = "organising bodies"


class EditionStaffInline(admin.TabularInline):
    model = EditionStaff
    extra = 0
    fields = ("user", "role")
    autocomplete_fields = ("user",)


@admin.register(Edition)
class EditionAdmin(EditionScopedAdmin):
    edition_path = "pk"
    list_display = ("title", "slug", "start_date", "end_date", "timezone", "format", "status", "timetable_link")
    list_filter = ("status", "format", "series")
    search_fields = ("title", "short_title", "slug", "city", "document_symbol")
    date_hierarchy = "start_date"
    prepopulated_fields = {"slug": ("short_title",)}
    autocomplete_fields = ("series",)
    inlines = (VenueInline, EditionOrganiserInline, EditionStaffInline)
    fieldsets = (
        (None, {"fields": ("title", "short_title", "slug", ("series", "number"), "status")}),
        ("When and where", {"fields": (("start_date", "end_date"), "timezone", "format", ("city", "country"))}),
        (
            "Languages and online participation",
            {"fields": ("working_languages", "online_platform", "online_meeting_url")},
        ),
        ("About", {"fields": ("summary", "objectives", "how_to_take_part", "website", "document_symbol")}),
        ("Security", {"fields": ("organisers_require_strong_second_factor",)}),
    )

    @admin.display(description="Timetable")
    def timetable_link(self, edition):
        return format_html(
            '<a href="{}">Timetable check</a>', reverse("programme:timetable_check", kwargs={"slug": edition.slug})
        )


class RoomInline(admin.TabularInline):
    model = Room
    extra = 1
    fields = ("name", "capacity")


@admin.register(Venue)
class VenueAdmin(EditionScopedAdmin):
    list_display = ("name", "city", "country", "edition")
    list_filter = ("edition",)
    list_select_related = ("edition",)
    search_fields = ("name", "city", "address")
    inlines = (RoomInline,)


@admin.register(Room)
class RoomAdmin(EditionScopedAdmin):
    """Registered so sessions can pick a room by typing; rooms are normally edited with their venue."""

    edition_path = "venue__edition"
    list_display = ("name", "venue", "capacity")
    list_filter = ("venue__edition",)
    list_select_related = ("venue",)
    search_fields = ("name", "venue__name")

    def get_model_perms(self, request):
        # Hidden from the index: rooms belong on their venue's page.
        return {}

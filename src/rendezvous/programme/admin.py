"""Admin for the programme: sessions with chairs and contributions inline, contributions with their speakers.

Times are stored in UTC; the session list shows them in each edition's own zone, as the programme prints them.
"""

import datetime
import zoneinfo

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from rendezvous.events.admin import EditionScopedAdmin, organised_editions
from rendezvous.events.models import Room

from .models import Contribution, ContributionSpeaker, Session, SessionChair


class DayFilter(admin.SimpleListFilter):
    """Filter by the day a session starts, as a day in its edition's zone (not in UTC)."""

    title = "day"
    parameter_name = "day"

    def lookups(self, request, model_admin):
        sessions = model_admin.get_queryset(request)
        edition_id = request.GET.get("edition__id__exact")
        if edition_id:
            sessions = sessions.filter(edition_id=edition_id)
        days = set()
        for start, zone_name in sessions.values_list("start", "edition__timezone"):
            days.add(start.astimezone(_zone(zone_name)).date())
        return [(day.isoformat(), f"{day:%a} {day.day} {day:%b %Y}") for day in sorted(days)]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        try:
            day = datetime.date.fromisoformat(self.value())
        except ValueError:
            return queryset.none()
        # One range per zone in use, so the filter stays a single query whatever the number of editions.
        matches = Q(pk__in=[])
        for zone_name in set(queryset.values_list("edition__timezone", flat=True)):
            zone = _zone(zone_name)
            midnight = datetime.datetime.combine(day, datetime.time(), tzinfo=zone)
            next_midnight = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time(), tzinfo=zone)
            matches |= Q(edition__timezone=zone_name, start__gte=midnight, start__lt=next_midnight)
        return queryset.filter(matches)


class RoomFilter(admin.RelatedFieldListFilter):
    """Rooms of the editions shown (of the edition filtered on, if any), named with their venue in one query."""

    def field_choices(self, field, request, model_admin):
        rooms = Room.objects.filter(venue__edition__in=organised_editions(request)).select_related("venue")
        edition_id = request.GET.get("edition__id__exact")
        if edition_id and edition_id.isdigit():
            rooms = rooms.filter(venue__edition_id=edition_id)
        return [(room.pk, str(room)) for room in rooms]


def _zone(name: str) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(name)


class SessionChairInline(admin.TabularInline):
    model = SessionChair
    extra = 0
    fields = ("person", "organisation", "order")
    autocomplete_fields = ("person", "organisation")
    verbose_name = "chair or moderator"
    verbose_name_plural = "chairs and moderators"


class ContributionInline(admin.TabularInline):
    model = Contribution
    extra = 0
    fields = ("order", "title", "kind", "delivery")
    ordering = ("order", "id")
    show_change_link = True


@admin.register(Session)
class SessionAdmin(EditionScopedAdmin):
    list_display = ("session", "kind", "local_time", "room_name", "edition_name")
    list_display_links = ("session",)
    list_filter = ("edition", "kind", DayFilter, ("room", RoomFilter))
    list_select_related = ("edition", "room__venue")
    search_fields = ("title", "code", "description", "slug")
    date_hierarchy = "start"
    ordering = ("edition", "start", "end", "id")
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("room",)
    inlines = (SessionChairInline, ContributionInline)

    def get_fieldsets(self, request, obj=None):
        zone = getattr(request, "rendezvous_form_zone", "UTC")
        return (
            (None, {"fields": ("edition", ("kind", "code"), "title", "slug", "description")}),
            (
                "When and where",
                {"fields": (("start", "end"), "room"), "description": f"Times are in {zone}, the edition's zone."},
            ),
        )

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        """Show and read the start and end in the edition's zone, as organisers think of their programme."""
        zone = self._form_zone(request, object_id)
        request.rendezvous_form_zone = zone
        with timezone.override(zoneinfo.ZoneInfo(zone)):
            response = super().changeform_view(request, object_id, form_url, extra_context)
            # Render inside the override: the form widgets format the times when the template is rendered.
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            return response

    def _form_zone(self, request, object_id) -> str:
        # On save, the edition being saved decides; on display, the session's edition (or ?edition= when adding).
        edition_id = request.POST.get("edition") or request.GET.get("edition")
        editions = organised_editions(request)
        if edition_id and str(edition_id).isdigit():
            zone = editions.filter(pk=edition_id).values_list("timezone", flat=True).first()
            if zone:
                return zone
        if object_id:
            zone = (
                Session.objects.filter(pk=unquote(object_id), edition__in=editions)
                .values_list("edition__timezone", flat=True)
                .first()
            )
            if zone:
                return zone
        return "UTC"

    @admin.display(description="session", ordering="code")
    def session(self, session):
        return session.display_title

    @admin.display(description="room", ordering="room__name")
    def room_name(self, session):
        return session.room.name if session.room else "—"

    @admin.display(description="edition", ordering="edition__start_date")
    def edition_name(self, session):
        return session.edition.short_title or session.edition.slug

    @admin.display(description="When (edition's zone)", ordering="start")
    def local_time(self, session):
        zone = session.edition.zone
        start, end = session.start.astimezone(zone), session.end.astimezone(zone)
        day = f"{start:%a} {start.day} {start:%b %Y}"
        if start.date() == end.date():
            return f"{day}, {start:%H:%M}–{end:%H:%M} ({session.edition.timezone})"
        return f"{day}, {start:%H:%M} – {end:%a} {end.day} {end:%b}, {end:%H:%M} ({session.edition.timezone})"

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "timetable_links": self._timetable_links(request)}
        return super().changelist_view(request, extra_context=extra_context)

    def _timetable_links(self, request):
        """One "Timetable check" link for the edition filtered on, else one per edition (the latest few)."""
        editions = organised_editions(request)
        edition_id = request.GET.get("edition__id__exact")
        if edition_id and edition_id.isdigit():
            editions = editions.filter(pk=edition_id)
        editions = list(editions.order_by("-start_date")[:5])
        return [
            {
                "label": "Timetable check" if len(editions) == 1 else f"Timetable check: {e.short_title or e.title}",
                "url": reverse("programme:timetable_check", kwargs={"slug": e.slug}),
            }
            for e in editions
        ]


class ContributionSpeakerInline(admin.TabularInline):
    model = ContributionSpeaker
    extra = 0
    fields = ("person", "organisation", "position", "order")
    autocomplete_fields = ("person", "organisation")


@admin.register(Contribution)
class ContributionAdmin(EditionScopedAdmin):
    edition_path = "session__edition"
    list_display = ("title", "session", "kind", "delivery", "order")
    list_filter = ("session__edition", "kind", "delivery")
    list_select_related = ("session",)
    search_fields = ("title", "abstract", "speakers__person__family_name", "speakers__organisation__name")
    autocomplete_fields = ("session",)
    ordering = ("session__start", "order", "id")
    inlines = (ContributionSpeakerInline,)

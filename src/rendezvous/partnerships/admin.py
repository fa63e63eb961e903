from django.contrib import admin

from . import models


class CallStageInline(admin.TabularInline):
    model = models.CallStage
    extra = 0


class PlatformBudgetInline(admin.TabularInline):
    model = models.PlatformBudget
    extra = 0


class CallTeamInline(admin.TabularInline):
    model = models.CallTeamMember
    extra = 0
    autocomplete_fields = ["user"]


class ResultInline(admin.TabularInline):
    model = models.Result
    extra = 0
    raw_id_fields = ["application"]


@admin.register(models.Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "destination", "phase"]
    list_filter = ["destination", "phase"]
    search_fields = ["name", "acronym", "summary"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["owners"]
    raw_id_fields = ["contributions"]


@admin.register(models.Call)
class CallAdmin(admin.ModelAdmin):
    list_display = ["title", "programme", "kind", "status", "results_published_at"]
    list_filter = ["kind", "status"]
    search_fields = ["title", "programme__name"]
    prepopulated_fields = {"slug": ["title"]}
    raw_id_fields = ["announced_in"]
    inlines = [CallStageInline, PlatformBudgetInline, CallTeamInline, ResultInline]


@admin.register(models.OrganisationMember)
class OrganisationMemberAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role"]
    search_fields = ["user__email", "organisation__name"]
    autocomplete_fields = ["user"]


@admin.register(models.Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ["title", "call", "organisation", "stage", "status", "is_example"]
    list_filter = ["status", "stage", "is_example"]
    search_fields = ["title", "organisation__name"]

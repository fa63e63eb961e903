from django.http import HttpResponse


def programme_ics(request, slug):
    return HttpResponse("ics")


def session_ics(request, slug, session_slug):
    return HttpResponse("ics")


def schedule_xml(request, slug):
    return HttpResponse("xml")


def schedule_json(request, slug):
    return HttpResponse("json")

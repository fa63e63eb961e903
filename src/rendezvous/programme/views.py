from django.http import HttpResponse


def programme(request, slug):
    return HttpResponse("programme")


def session_detail(request, slug, session_slug):
    return HttpResponse("session")


def speakers(request, slug):
    return HttpResponse("speakers")

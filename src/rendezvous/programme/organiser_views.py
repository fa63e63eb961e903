from django.http import HttpResponse


def timetable_check(request, slug):
    return HttpResponse("check")

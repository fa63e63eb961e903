from django.http import HttpResponse


def home(request):
    return HttpResponse("Rendezvous")


def edition(request, slug):
    return HttpResponse(slug)

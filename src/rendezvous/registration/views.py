from django.http import HttpResponse


def register(request, slug):
    return HttpResponse("register")


def redeem(request, slug, token):
    return HttpResponse("redeem")


def mine(request, slug):
    return HttpResponse("mine")

from django.contrib.auth import logout
from django.http import HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST


def sign_in(request):
    return HttpResponse("sign in")


def sign_in_confirm(request, token):
    return HttpResponse("confirm")


@require_POST
def sign_out(request):
    logout(request)
    return redirect("/")

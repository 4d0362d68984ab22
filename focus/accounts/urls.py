from allauth.mfa.totp.views import activate_totp
from csp.decorators import csp_update
from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("contributions/", views.contributions, name="contributions"),
    # allauth's own address for this page, matched first: the QR code that sets up an
    # authenticator app is a data: image, and only this page may show one.
    path(
        "2fa/totp/activate/",
        csp_update({"img-src": "data:"})(activate_totp),
        name="activate_totp",
    ),
]

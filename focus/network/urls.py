from django.urls import path

from . import convening_urls, views

app_name = "network"
urlpatterns = [
    path("networks/", views.networks, name="networks"),
    path("networks/<slug:slug>/", views.network, name="network"),
    *convening_urls.urlpatterns,
]

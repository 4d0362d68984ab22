from django.urls import path

from . import convening_urls, space_views, views

app_name = "network"
urlpatterns = [
    path("networks/", views.networks, name="networks"),
    path("networks/<slug:slug>/", views.network, name="network"),
    path("networks/<slug:slug>/apply/", space_views.apply, name="apply"),
    path("networks/<slug:slug>/members/", space_views.members, name="members"),
    path("networks/<slug:slug>/space/", space_views.space, name="space"),
    path(
        "networks/<slug:slug>/space/applications/<int:pk>/",
        space_views.decide,
        name="decide",
    ),
    path("networks/<slug:slug>/space/settings/", space_views.settings, name="settings"),
    path("networks/<slug:slug>/space/mine.json", space_views.mine, name="mine"),
    path("networks/<slug:slug>/space/leave/", space_views.leave, name="leave"),
    *convening_urls.urlpatterns,
]

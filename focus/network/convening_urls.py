"""The convenings' public addresses (/<lang>/convenings/…)."""

from django.urls import path

from . import convening_views as views

urlpatterns: list = [
    path("convenings/", views.convenings, name="convenings"),
    path("convenings.ics", views.calendar, name="calendar"),
    path("convenings/registration/<uuid:uuid>/", views.registration, name="registration"),
    path("convenings/<slug:slug>/", views.convening, name="convening"),
    path("convenings/<slug:slug>.ics", views.convening_calendar, name="convening-calendar"),
    path("convenings/<slug:slug>/register/", views.register, name="register"),
    path("convenings/<slug:slug>/registered/", views.registered, name="registered"),
]

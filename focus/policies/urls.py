from django.urls import path

from . import views

app_name = "policies"
urlpatterns = [
    path("instruments/<slug:slug>/", views.instrument, name="instrument"),
    path("mechanisms/<slug:slug>/", views.mechanism, name="mechanism"),
    path("developments/", views.timeline, name="timeline"),
]

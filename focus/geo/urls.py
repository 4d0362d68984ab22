from django.urls import path

from . import views

app_name = "geo"
urlpatterns = [
    path("countries/<str:iso3>/", views.country, name="country"),
    path("regions/<slug:code>/", views.region, name="region"),
]

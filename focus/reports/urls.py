from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("countries/<str:iso3>/brief/", views.country_brief_page, name="country-brief"),
    path("countries/<str:iso3>/brief.pdf", views.country_brief_download, name="country-brief-pdf"),
]

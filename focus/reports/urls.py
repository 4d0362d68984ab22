from django.urls import path

from . import report_views, views

app_name = "reports"
urlpatterns = [
    path("countries/<str:iso3>/brief/", views.country_brief_page, name="country-brief"),
    path("countries/<str:iso3>/brief.pdf", views.country_brief_download, name="country-brief-pdf"),
    path("reports/", report_views.reports, name="reports"),
    path("reports/<int:year>/", report_views.annual_report, name="annual-report"),
    path("reports/<int:year>/report.pdf", report_views.annual_report_pdf, name="annual-report-pdf"),
]

from django.urls import path

from . import views

app_name = "standards"
urlpatterns = [
    path("standards/", views.standards, name="standards"),
    path("standards/frameworks/<slug:slug>/", views.framework, name="framework"),
    path("standards/frameworks/<slug:slug>/<str:code>/", views.criterion, name="criterion"),
    path("standards/<slug:slug>/", views.standard, name="standard"),
    path("assessments/<int:pk>/", views.assessment, name="assessment"),
    path("compare/", views.compare, name="compare"),
    path("recommendations/", views.recommendations, name="recommendations"),
    path("recommendations/<int:pk>/", views.recommendation, name="recommendation"),
    path("good-practices/", views.good_practices, name="good-practices"),
]

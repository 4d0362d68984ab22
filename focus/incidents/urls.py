from django.urls import path

from . import views

app_name = "incidents"
urlpatterns = [path("trends/", views.trends_page, name="trends")]

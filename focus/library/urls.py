from django.urls import path

from . import views

app_name = "library"
urlpatterns = [
    path("library/", views.library, name="library"),
    path("library/<slug:slug>/", views.document, name="document"),
    path("library/<slug:slug>/files/<int:file_id>/", views.download, name="file"),
]

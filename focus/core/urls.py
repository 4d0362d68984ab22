from django.urls import path

from . import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("about/", views.page, {"slug": "about"}, name="about"),
    path("key-elements/", views.page, {"slug": "key-elements"}, name="key-elements"),
]

"""Open data: the REST API, bulk exports, feeds, the sitemap and robots.txt.

`urlpatterns` are served without a language prefix (machines' addresses), in the "api"
namespace; `i18n_urlpatterns` are human pages and feeds, under /<lang>/, in the "data"
namespace (both set in focus/urls.py). The API itself is mounted there, at /api/v1/: ninja
reverses its own namespace, which must be at the top.
"""

from django.urls import path

from . import feeds, machines, views

urlpatterns: list = [*machines.urlpatterns]

i18n_urlpatterns: list = [
    path("data/", views.data, name="data"),
    path("data/dictionary/", views.dictionary, name="dictionary"),
    path("data/countries.geojson", views.geojson, name="geojson"),
    path("data/<slug:table>.<str:extension>", views.download, name="download"),
    *feeds.urlpatterns,
]

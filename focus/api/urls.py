"""Open data: the REST API, bulk exports, feeds, the sitemap and robots.txt.

`urlpatterns` are served without a language prefix (machines' addresses);
`i18n_urlpatterns` are human pages and feeds, under /<lang>/.
"""

from django.urls import path

# Namespaces (set in focus/urls.py): "api" for urlpatterns, "data" for i18n_urlpatterns.

urlpatterns: list = []

i18n_urlpatterns: list = []

"""RSS 2.0 and Atom feeds of developments and of new documents (django.contrib.syndication)."""

urlpatterns: list = []

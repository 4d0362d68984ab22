from . import convening_urls

app_name = "network"
urlpatterns = [
    *convening_urls.urlpatterns,
]

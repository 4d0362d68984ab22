from django.urls import path

from . import views

app_name = "contributions"
urlpatterns = [
    path("contribute/", views.contribute, name="contribute"),
    path("contribute/correction/", views.correct, name="correct"),
    path("contribute/status/<str:code>/", views.status, name="status"),
    path("contribute/queue/", views.queue, name="queue"),
    path("contribute/queue/<int:pk>/", views.review, name="review"),
    path("contribute/<slug:kind>/", views.propose, name="propose"),
    path("changes/<slug:record>/<str:key>/", views.changes, name="changes"),
]

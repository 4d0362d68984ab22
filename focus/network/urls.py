from django.urls import path

from . import action_views, convening_urls, delegation_views, space_views, thread_views, views
from .bill_views import bill_tracker
from .resource_views import resources

app_name = "network"
urlpatterns = [
    path("networks/", views.networks, name="networks"),
    path("networks/<slug:slug>/", views.network, name="network"),
    path("networks/<slug:slug>/apply/", space_views.apply, name="apply"),
    path("networks/<slug:slug>/members/", space_views.members, name="members"),
    path("networks/<slug:slug>/space/", space_views.space, name="space"),
    path(
        "networks/<slug:slug>/space/applications/<int:pk>/",
        space_views.decide,
        name="decide",
    ),
    path("networks/<slug:slug>/space/settings/", space_views.settings, name="settings"),
    path("networks/<slug:slug>/space/mine.json", space_views.mine, name="mine"),
    path("networks/<slug:slug>/space/leave/", space_views.leave, name="leave"),
    path("networks/<slug:slug>/space/actions/new/", action_views.new_action, name="new-action"),
    path("networks/<slug:slug>/space/actions/<int:pk>/", action_views.action, name="action"),
    path(
        "networks/<slug:slug>/space/actions/<int:pk>/pledges/<int:pledge>/",
        action_views.report_back,
        name="report-back",
    ),
    path("networks/<slug:slug>/space/actions/<int:pk>/close/", action_views.close, name="close"),
    path("networks/<slug:slug>/space/bills/", bill_tracker, name="bills"),
    path("networks/<slug:slug>/space/resources/", resources, name="resources"),
    path("networks/<slug:slug>/space/threads/", thread_views.threads, name="threads"),
    path("networks/<slug:slug>/space/threads/new/", thread_views.new_thread, name="new-thread"),
    path("networks/<slug:slug>/space/threads/<int:pk>/", thread_views.thread, name="thread"),
    path("networks/<slug:slug>/space/delegations/", delegation_views.index, name="delegations"),
    path(
        "networks/<slug:slug>/space/delegations/<str:code>/",
        delegation_views.delegation,
        name="delegation",
    ),
    path(
        "networks/<slug:slug>/space/delegations/<str:code>/recommendations/<int:pk>/",
        delegation_views.follow_up,
        name="follow-up",
    ),
    *convening_urls.urlpatterns,
]

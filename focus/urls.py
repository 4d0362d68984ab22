from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from focus.accounts.views import admin_login
from focus.api import urls as open_data
from focus.api.api import api
from focus.incidents.admin import cases  # the restricted cases: 404 to all but their roles

admin.site.site_header = _("Focus editorial back office")
admin.site.site_title = _("Focus back office")
admin.site.index_title = _("Records of the observatory")
# The index also says how many contributions wait for review.
admin.site.index_template = "admin/focus_index.html"

urlpatterns = [
    # Staff sign in where the second factor is asked for, never through the admin's form.
    path("admin/login/", admin_login),
    path("admin/", admin.site.urls),
    path("cases/", cases.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("", include((open_data.urlpatterns, "api"))),
]
urlpatterns += i18n_patterns(
    path("", include("focus.core.urls")),
    path("", include("focus.geo.urls")),
    path("", include("focus.policies.urls")),
    path("", include("focus.library.urls")),
    path("", include("focus.search.urls")),
    path("", include("focus.contributions.urls")),
    path("", include("focus.standards.urls")),
    path("", include("focus.reports.urls")),
    # Aggregates only, held back by focus/incidents/suppression.py; never a case.
    path("", include("focus.incidents.urls")),
    path("", include("focus.network.urls")),
    path("", include("focus.alerts.urls")),
    path("", include((open_data.i18n_urlpatterns, "data"))),
    path("accounts/", include("focus.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    prefix_default_language=True,
)

handler400 = "focus.core.views.bad_request"
handler404 = "focus.core.views.not_found"
handler500 = "focus.core.views.server_error"

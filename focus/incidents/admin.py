"""The restricted case database, at /cases/: an admin site of its own for Analysts and
Reviewers. To anyone else, administrators included, every address in it is a 404: a
case, and this place, do not exist for them. Each reading of a case is logged.

Sealed fields cannot be searched (fields.py): the lists filter by plain facts only.
"""

from django.contrib import admin
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from . import access, trends
from .models import Act, CaseRead, Incident, IncidentSource, Perpetrator, Victim


class CaseSite(admin.AdminSite):
    site_header = _("Focus: incidents (restricted)")
    site_title = _("Incidents")
    index_title = _("Cases of attacks on defenders")
    site_url = None

    def has_permission(self, request):
        return access.may_read_cases(request.user)

    def admin_view(self, view, cacheable=False):
        wrapped = super().admin_view(view, cacheable)

        def inner(request, *args, **kwargs):
            if not self.has_permission(request):
                raise Http404
            return wrapped(request, *args, **kwargs)

        return inner

    # People sign in and out on the site's own pages (with their second factor).
    def login(self, request, extra_context=None):
        raise Http404

    def logout(self, request, extra_context=None):
        raise Http404


cases = CaseSite(name="cases")


class VictimInline(admin.StackedInline):
    model = Victim
    extra = 0
    fields = ["kind", "name", "contact", "profile", "gender", "age_band", "protected", "mechanism"]
    raw_id_fields = ["mechanism"]


class PerpetratorInline(admin.TabularInline):
    model = Perpetrator
    extra = 0
    fields = ["kind", "note"]


class ActInline(admin.TabularInline):
    model = Act
    extra = 0
    fields = ["kind", "victim", "perpetrator"]


class SourceInline(admin.TabularInline):
    model = IncidentSource
    extra = 0
    fields = ["reference", "public"]


@admin.register(Incident, site=cases)
class IncidentAdmin(SimpleHistoryAdmin):
    list_display = ["short_id", "display_date", "country", "subdivision", "confidentiality"]
    list_filter = ["confidentiality", "country", "acts__kind"]
    list_select_related = ["country", "subdivision"]
    fields = [
        "date",
        "date_precision",
        "country",
        "subdivision",
        "place",
        "narrative",
        "confidentiality",
    ]
    raw_id_fields = ["country", "subdivision"]
    inlines = [VictimInline, PerpetratorInline, ActInline, SourceInline]

    @admin.display(description=_("case"))
    def short_id(self, obj):
        return str(obj.uuid)[:8]

    @admin.display(description=_("date"), ordering="date")
    def display_date(self, obj):
        return obj.display_date

    def get_queryset(self, request):
        return access.visible(super().get_queryset(request), request.user)

    def get_object(self, request, object_id, from_field=None):
        # A case the user may not read does not exist for them.
        found = super().get_object(request, object_id, from_field)
        if found is None:
            raise Http404
        return found

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET" and response.status_code == 200:
            _log(request, object_id, CaseRead.Page.CASE)
        return response

    def history_view(self, request, object_id, extra_context=None):
        response = super().history_view(request, object_id, extra_context)
        if response.status_code == 200:
            _log(request, object_id, CaseRead.Page.HISTORY)
        return response

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # The public counts follow once the case and its acts are saved.
        transaction.on_commit(trends.rebuild)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        transaction.on_commit(trends.rebuild)

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        transaction.on_commit(trends.rebuild)


def _log(request, object_id, page: str) -> None:
    incident = access.visible(Incident.objects.all(), request.user).filter(pk=object_id).first()
    if incident is not None:
        CaseRead.objects.create(incident=incident, user=request.user, page=page)


@admin.register(CaseRead, site=cases)
class CaseReadAdmin(admin.ModelAdmin):
    """Who read which case: for analysts, read only."""

    list_display = ["at", "user", "incident", "page"]
    list_filter = ["page"]
    list_select_related = ["user", "incident", "incident__country"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

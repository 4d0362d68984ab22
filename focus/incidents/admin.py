"""The restricted case database, at /cases/: an admin site of its own for Analysts and
Reviewers. To anyone else, administrators included, every address in it is a 404: a
case, and this place, do not exist for them. Each reading of a case is logged.

Sealed fields cannot be searched (fields.py): the lists filter by plain facts only.
"""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import (
    Http404,
    HttpResponseBadRequest,
    HttpResponseNotAllowed,
    StreamingHttpResponse,
)
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from . import access, exports
from .import_admin import CaseImportAdmin
from .models import (
    Act,
    CaseExport,
    CaseImport,
    CaseRead,
    Incident,
    IncidentSource,
    Perpetrator,
    Victim,
)
from .tasks import rebuild_trends


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
    list_filter = ["confidentiality", "country", "acts__kind", "case_import"]
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
        transaction.on_commit(rebuild_trends.enqueue)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        transaction.on_commit(rebuild_trends.enqueue)

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        transaction.on_commit(rebuild_trends.enqueue)


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


# Exports of cases (exports.py): analysts ask and download here, on the cases site;
# administrators decide on the editorial admin, seeing who asked, why and how many cases,
# never a case.


def _scope(export: CaseExport) -> str:
    place = str(export.country) if export.country_id else gettext("every country")
    if export.year_from and export.year_to:
        years = gettext("%(first)s to %(last)s") % {
            "first": export.year_from,
            "last": export.year_to,
        }
    elif export.year_from:
        years = gettext("from %(year)s") % {"year": export.year_from}
    elif export.year_to:
        years = gettext("until %(year)s") % {"year": export.year_to}
    else:
        years = gettext("every year")
    return f"{place}, {years}"


class CaseExportForm(forms.ModelForm):
    class Meta:
        model = CaseExport
        fields = ["reason", "country", "year_from", "year_to", "with_sealed"]

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("year_from"), cleaned.get("year_to")
        if first and last and first > last:
            raise forms.ValidationError(_("The first year comes after the last."))
        return cleaned


def _analysts_only(request) -> None:
    # Reviewers read cases but take none out: to them, as to anyone else, exports do
    # not exist.
    if not access.is_analyst(request.user):
        raise Http404


@admin.register(CaseExport, site=cases)
class CaseExportAdmin(admin.ModelAdmin):
    """An analyst's own requests for exports: asked for here, downloaded here once an
    administrator has approved them, until they expire. Another analyst's are a 404."""

    list_display = ["short_id", "requested", "scope", "with_sealed", "status", "expires", "file"]
    list_filter = ["status"]
    list_select_related = ["country"]
    fields = [
        "reason",
        "scope",
        "with_sealed",
        "requested",
        "status",
        "decided",
        "expires",
        "downloads",
        "last_downloaded",
    ]
    readonly_fields = fields  # type: ignore[assignment]  # names only
    change_form_template = "incidents/admin/caseexport_download.html"

    @admin.display(description=_("export"))
    def short_id(self, obj):
        return str(obj.uuid)[:8]

    @admin.display(description=_("scope"))
    def scope(self, obj):
        return _scope(obj)

    @admin.display(description=_("file"))
    def file(self, obj):
        # The list holds the analyst's own requests only (get_queryset).
        if exports.is_open(obj):
            return format_html('<a href="{}">{}</a>', _download_url(obj), gettext("Download"))
        if obj.status == CaseExport.Status.APPROVED:
            return gettext("expired")
        return "—"

    def has_module_permission(self, request):
        return access.is_analyst(request.user)

    def has_view_permission(self, request, obj=None):
        return access.is_analyst(request.user) and (
            obj is None or obj.requested_by_id == request.user.pk
        )

    has_add_permission = has_module_permission

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).filter(requested_by=request.user)

    def get_object(self, request, object_id, from_field=None):
        found = super().get_object(request, object_id, from_field)
        if found is None:
            raise Http404
        return found

    def get_urls(self):
        download = path(
            "<uuid:uuid>/download/",
            self.admin_site.admin_view(self.download_view),
            name="incidents_caseexport_download",
        )
        return [download, *super().get_urls()]

    def changelist_view(self, request, extra_context=None):
        _analysts_only(request)
        return super().changelist_view(request, extra_context)

    def add_view(self, request, form_url="", extra_context=None):
        """The request: a form of its own, sent to exports.request."""
        _analysts_only(request)
        form = CaseExportForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                exports.request(request.user, **form.cleaned_data)
            except exports.NotAllowed as refused:
                form.add_error(None, str(refused))
            else:
                messages.success(
                    request,
                    gettext(
                        "Your request is sent. An administrator other than you approves or "
                        "refuses it; once it is approved, download the file here."
                    ),
                )
                return redirect("cases:incidents_caseexport_changelist")
        request.current_app = self.admin_site.name
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": gettext("Ask for an export of cases"),
            "form": form,
            "hours": settings.CASE_EXPORT_HOURS,
        }
        return TemplateResponse(request, "incidents/admin/caseexport_request.html", context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        _analysts_only(request)
        export = self.get_object(request, object_id)
        if exports.is_downloadable(export, request.user):
            extra_context = {**(extra_context or {}), "download_url": _download_url(export)}
        return super().change_view(request, object_id, form_url, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        _analysts_only(request)
        return super().history_view(request, object_id, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        _analysts_only(request)
        return super().delete_view(request, object_id, extra_context)

    def download_view(self, request, uuid):
        """The file of an approved export, for the analyst who asked, until it expires.
        To anyone else, and before approval, after refusal or expiry, it does not exist."""
        _analysts_only(request)
        export = CaseExport.objects.filter(uuid=uuid, requested_by=request.user).first()
        if export is None:
            raise Http404
        try:
            lines = exports.download(export, request.user)
        except exports.NotAllowed:
            raise Http404 from None
        response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
        name = f"cases-{str(export.uuid)[:8]}-{timezone.now():%Y%m%d-%H%M}.csv"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


def _download_url(export: CaseExport) -> str:
    return reverse("cases:incidents_caseexport_download", args=[export.uuid])


@admin.register(CaseExport)
class CaseExportDecisionAdmin(admin.ModelAdmin):
    """Requests for exports of cases on the editorial admin, for administrators only: who
    asked, when, why, for what scope and how many cases it covers; never a case. Read
    only but for the decision, one POST, taken once and never on one's own request."""

    list_display = [
        "short_id",
        "requested",
        "requested_by",
        "scope",
        "with_sealed",
        "status",
        "decided_by",
        "expires",
        "downloads",
    ]
    list_filter = ["status", "with_sealed"]
    list_select_related = ["requested_by", "decided_by", "country"]
    fields = [
        "requested_by",
        "requested",
        "reason",
        "scope",
        "with_sealed",
        "cases_covered",
        "status",
        "decided_by",
        "decided",
        "expires",
        "downloads",
        "last_downloaded",
    ]
    readonly_fields = fields  # type: ignore[assignment]  # names only
    change_form_template = "incidents/admin/caseexport_decide.html"

    @admin.display(description=_("export"))
    def short_id(self, obj):
        return str(obj.uuid)[:8]

    @admin.display(description=_("scope"))
    def scope(self, obj):
        return _scope(obj)

    @admin.display(description=_("cases covered"))
    def cases_covered(self, obj):
        # As the analyst who asked may read them now; a number, never a case.
        return exports.count_covered(obj)

    def has_module_permission(self, request):
        return exports.may_decide(request.user)

    def has_view_permission(self, request, obj=None):
        return exports.may_decide(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        decide = path(
            "<int:object_id>/decide/",
            self.admin_site.admin_view(self.decide_view),
            name="incidents_caseexport_decide",
        )
        return [decide, *super().get_urls()]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        export = CaseExport.objects.filter(pk=object_id).first() if object_id.isdigit() else None
        if export is not None:
            extra_context = {
                **(extra_context or {}),
                "waiting": export.status == CaseExport.Status.REQUESTED,
                "own_request": export.requested_by_id == request.user.pk,
                "hours": settings.CASE_EXPORT_HOURS,
            }
        return super().change_view(request, object_id, form_url, extra_context)

    def decide_view(self, request, object_id):
        """Approve or refuse a request (POST, with its CSRF token)."""
        if not exports.may_decide(request.user):
            raise PermissionDenied
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        export = get_object_or_404(CaseExport, pk=object_id)
        decisions = {
            "approve": (exports.approve, gettext("Approved: the analyst may download it.")),
            "refuse": (exports.refuse, gettext("Refused.")),
        }
        chosen = [name for name in decisions if name in request.POST]
        if len(chosen) != 1:
            return HttpResponseBadRequest()
        decide, done = decisions[chosen[0]]
        try:
            decide(export, request.user)
        except exports.NotAllowed as refused:
            messages.error(request, str(refused))
        else:
            self.log_change(request, export, done)
            messages.success(request, done)
        return redirect("admin:incidents_caseexport_change", export.pk)


# Imports of cases from CSV files (import_admin.py): analysts only.
cases.register(CaseImport, CaseImportAdmin)

"""The import of cases on the cases site: the list of imports, and a page per step
(upload, columns, values, preview, then the import's own page with its progress and
report). Analysts only: to anyone else, reviewers included, every page is a 404."""

from django.contrib import admin, messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from focus.core.dates import format_partial_date

from . import access, importing
from .import_forms import ColumnsForm, UploadForm, ValuesForm, WriteForm
from .models import CaseImport
from .tasks import write_import
from .vocabulary import ActKind

STEPS = [
    ("upload", _("File")),
    ("columns", _("Columns")),
    ("values", _("Values")),
    ("preview", _("Preview")),
    ("write", _("Writing")),
]
SAMPLE_ROWS = 10
PROBLEMS_SHOWN = 50


class CaseImportAdmin(admin.ModelAdmin):
    list_display = ["uploaded", "filename", "uploaded_by", "rows", "status", "written"]
    list_filter = ["status"]
    list_select_related = ["uploaded_by"]
    change_list_template = "incidents/import/change_list.html"

    @admin.display(description=_("cases written"))
    def written(self, obj):
        return obj.report.get("incidents", "")

    # Only analysts: for anyone else the imports do not exist (404, not 403).
    def has_module_permission(self, request):
        return access.is_analyst(request.user)

    def has_view_permission(self, request, obj=None):
        return access.is_analyst(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        self._analyst(request)
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        self._analyst(request)
        found = CaseImport.objects.filter(pk=object_id).first()
        if found is None:
            raise Http404
        return redirect(self._url("show", found))

    def history_view(self, request, object_id, extra_context=None):
        raise Http404

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("new/", wrap(self.upload_view), name="incidents_caseimport_upload"),
            path("<uuid:key>/", wrap(self.show_view), name="incidents_caseimport_show"),
            path(
                "<uuid:key>/columns/",
                wrap(self.columns_view),
                name="incidents_caseimport_columns",
            ),
            path("<uuid:key>/values/", wrap(self.values_view), name="incidents_caseimport_values"),
            path(
                "<uuid:key>/preview/",
                wrap(self.preview_view),
                name="incidents_caseimport_preview",
            ),
            path(
                "<uuid:key>/abandon/",
                wrap(self.abandon_view),
                name="incidents_caseimport_abandon",
            ),
            *super().get_urls(),
        ]

    # --- helpers -----------------------------------------------------------------

    def _analyst(self, request) -> None:
        if not access.is_analyst(request.user):
            raise Http404

    def _url(self, step: str, case_import: CaseImport) -> str:
        return reverse(
            f"{self.admin_site.name}:incidents_caseimport_{step}", args=[case_import.uuid]
        )

    def _get(self, request, key) -> CaseImport:
        self._analyst(request)
        return get_object_or_404(CaseImport, uuid=key)

    def _render(self, request, template, step, case_import=None, **context):
        return TemplateResponse(
            request,
            f"incidents/import/{template}.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": gettext("Import cases from a CSV file"),
                "steps": [
                    (key, label, self._step_url(key, step, case_import)) for key, label in STEPS
                ],
                "step": step,
                "case_import": case_import,
                **context,
            },
            status=400 if request.method == "POST" else 200,
        )

    def _step_url(self, key: str, current: str, case_import: CaseImport | None) -> str:
        """Steps already done can be gone back to while the import is being mapped."""
        order = [k for k, _label in STEPS]
        if (
            case_import is None
            or case_import.status != CaseImport.Status.MAPPING
            or key not in ("columns", "values", "preview")
            or order.index(key) >= order.index(current)
        ):
            return ""
        return self._url(key, case_import)

    def _mapping_step(self, request, key):
        case_import = self._get(request, key)
        if case_import.status != CaseImport.Status.MAPPING:
            return case_import, redirect(self._url("show", case_import))
        return case_import, None

    # --- the steps ---------------------------------------------------------------

    @method_decorator(require_http_methods(["GET", "POST"]))
    def upload_view(self, request):
        self._analyst(request)
        form = UploadForm(_posted(request), request.FILES if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            table = form.cleaned_data["table"]
            mapping = importing.Mapping(columns=importing.suggest_columns(table.header))
            mapping.date_form = importing.suggest_date_form(table, mapping)
            case_import = CaseImport.objects.create(
                uploaded_by=request.user,
                filename=form.cleaned_data["file"].name[:200],
                content=form.cleaned_data["text"],
                mapping=mapping.dumps(),
                rows=len(table.rows),
            )
            return redirect(self._url("columns", case_import))
        return self._render(request, "upload", "upload", form=form)

    @method_decorator(require_http_methods(["GET", "POST"]))
    def columns_view(self, request, key):
        case_import, elsewhere = self._mapping_step(request, key)
        if elsewhere:
            return elsewhere
        table = importing.read(case_import.content)
        mapping = importing.Mapping.loads(case_import.mapping)
        form = ColumnsForm(_posted(request), table=table, mapping=mapping)
        if request.method == "POST" and form.is_valid():
            case_import.mapping = form.mapping(mapping).dumps()
            case_import.save(update_fields=["mapping"])
            return redirect(self._url("values", case_import))
        return self._render(request, "columns", "columns", case_import, form=form)

    @method_decorator(require_http_methods(["GET", "POST"]))
    def values_view(self, request, key):
        case_import, elsewhere = self._mapping_step(request, key)
        if elsewhere:
            return elsewhere
        table = importing.read(case_import.content)
        mapping = importing.Mapping.loads(case_import.mapping)
        questions = importing.value_questions(table, mapping, importing.Countries())
        form = ValuesForm(_posted(request), questions=questions, mapping=mapping)
        if request.method == "POST" and form.is_valid():
            case_import.mapping = form.mapping(mapping).dumps()
            case_import.save(update_fields=["mapping"])
            return redirect(self._url("preview", case_import))
        return self._render(
            request,
            "values",
            "values",
            case_import,
            form=form,
            unanswered=sum(1 for q in importing.unanswered(questions, mapping) if not q.guess),
        )

    @method_decorator(require_http_methods(["GET", "POST"]))
    def preview_view(self, request, key):
        case_import, elsewhere = self._mapping_step(request, key)
        if elsewhere:
            return elsewhere
        table = importing.read(case_import.content)
        mapping = importing.Mapping.loads(case_import.mapping)
        countries = importing.Countries()
        open_questions = importing.unanswered(
            importing.value_questions(table, mapping, countries), mapping
        )
        if open_questions:
            messages.warning(request, gettext("Say first what every value means."))
            return redirect(self._url("values", case_import))
        plan = importing.plan(table, mapping, countries)
        form = WriteForm(_posted(request), problems=len(plan.problems))
        if request.method == "POST" and form.is_valid():
            mapping.leave_out_problems = bool(form.cleaned_data.get("leave_out_problems"))
            case_import.mapping = mapping.dumps()
            case_import.status = CaseImport.Status.QUEUED
            case_import.save(update_fields=["mapping", "status"])
            transaction.on_commit(lambda: write_import.enqueue(case_import.pk))
            return redirect(self._url("show", case_import))
        names = {c.code: str(c.name) for c in countries.by_code.values()}
        return self._render(
            request,
            "preview",
            "preview",
            case_import,
            form=form,
            plan=plan,
            problems=plan.problems[:PROBLEMS_SHOWN],
            samples=_samples(plan),
            by_year=plan.totals("year"),
            by_country=[(names.get(code, code), n) for code, n in plan.totals("country")],
            by_act=[(ActKind(code).label, n) for code, n in plan.totals("act")],
        )

    @method_decorator(require_http_methods(["GET"]))
    def show_view(self, request, key):
        case_import = self._get(request, key)
        if case_import.status == CaseImport.Status.MAPPING:
            return redirect(self._url("columns", case_import))
        working = case_import.status in (CaseImport.Status.QUEUED, CaseImport.Status.WRITING)
        return self._render(
            request,
            "show",
            "write",
            case_import,
            working=working,
            list_url=reverse(f"{self.admin_site.name}:incidents_incident_changelist")
            + f"?case_import__id__exact={case_import.pk}",
        )

    @method_decorator(require_http_methods(["POST"]))
    def abandon_view(self, request, key):
        case_import, elsewhere = self._mapping_step(request, key)
        if elsewhere:
            return elsewhere
        CaseImport.objects.filter(pk=case_import.pk).update(
            status=CaseImport.Status.ABANDONED, content="", mapping=""
        )
        messages.success(request, gettext("The import was abandoned: nothing was written."))
        return redirect(reverse(f"{self.admin_site.name}:incidents_caseimport_changelist"))


def _posted(request):
    # An empty POST (a form with nothing to choose) is still a submission.
    return request.POST if request.method == "POST" else None


def _samples(plan: importing.Plan) -> list[dict]:
    """The first cases of a plan as the analyst reads them: in words, not codes."""
    label = {
        name: dict(importing.choices_of(name))
        for name in ("profile", "gender", "age", "perpetrator", "act")
    }
    return [
        {
            "line": incident.line,
            "date": format_partial_date(incident.date, incident.precision),
            "country": incident.country,
            "subdivision": incident.subdivision,
            "name": victim.name,
            "act": label["act"][victim.act],
            "profile": label["profile"][victim.profile],
            "gender": label["gender"][victim.gender],
            "age": label["age"][victim.age_band],
            "perpetrator": label["perpetrator"][victim.perpetrator],
            "victims": len(incident.victims),
        }
        for incident in plan.incidents[:SAMPLE_ROWS]
        for victim in incident.victims[:1]
    ]

"""The forms of an import of cases, one per step (importing.py has the rules)."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from focus.geo.models import Jurisdiction

from . import importing
from .importing import TARGET, TARGETS, Mapping, Table
from .vocabulary import Confidentiality


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("A table with a header row: one row per victim or per act."),
    )
    encoding = forms.ChoiceField(
        label=_("Encoding"),
        required=False,
        choices=[("", _("UTF-8 (most files)")), *list(importing.ENCODINGS.items())[1:]],
    )

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        if upload is None:
            return data
        if upload.size > importing.max_bytes():
            raise forms.ValidationError(
                gettext("The file is larger than %(max)s MB.")
                % {"max": importing.max_bytes() // (1024 * 1024)}
            )
        try:
            text = importing.decode(upload.read(), data.get("encoding", ""))
            data["table"] = importing.read(text)
        except importing.FileProblem as problem:
            raise forms.ValidationError(str(problem)) from problem
        data["text"] = text
        return data


LEAVE_OUT = ("", _("— leave out —"))


class ColumnsForm(forms.Form):
    """Which field each column fills; the value of the fields no column gives; how
    dates are written; where the file comes from."""

    date_form = forms.ChoiceField(
        label=_("Dates are written"),
        required=False,
        choices=[("", _("— choose —")), *importing.DATE_FORMATS.items()],
    )
    source = forms.CharField(
        label=_("Source of the file"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        help_text=_(
            "Who published it, its title, address and date of download. Kept with every "
            "case, sealed."
        ),
    )
    source_public = forms.BooleanField(label=_("The file is a published source"), required=False)
    confidentiality = forms.ChoiceField(
        label=_("Confidentiality of the cases"), choices=Confidentiality.choices
    )

    def __init__(self, *args, table: Table, mapping: Mapping, **kwargs):
        super().__init__(*args, **kwargs)
        self.table = table
        self.columns = []
        targets = [LEAVE_OUT, *((t.name, t.label) for t in TARGETS)]
        for index, column in enumerate(table.header):
            name = f"column_{index}"
            self.fields[name] = forms.ChoiceField(
                label=column, required=False, choices=targets, initial=mapping.columns.get(column)
            )
            samples = [v for v in table.column(column) if not importing.is_blank(v)][:3]
            self.columns.append((self[name], samples))
        self.defaults = []
        for name, value in mapping.defaults.items():
            field_name = f"default_{name}"
            choices = importing.choices_of(name)
            empty = (
                [("", _("— none: a column must give it —"))] if name in ("act", "country") else []
            )
            self.fields[field_name] = forms.ChoiceField(
                label=TARGET[name].label, required=False, choices=[*empty, *choices], initial=value
            )
            self.defaults.append(self[field_name])
        self.fields["date_form"].initial = mapping.date_form
        self.fields["source"].initial = mapping.source
        self.fields["source_public"].initial = mapping.source_public
        self.fields["confidentiality"].initial = mapping.confidentiality

    def clean(self):
        data = super().clean()
        columns = {
            column: data.get(f"column_{i}")
            for i, column in enumerate(self.table.header)
            if data.get(f"column_{i}")
        }
        chosen = list(columns.values())
        for target in TARGETS:
            if not target.many and chosen.count(target.name) > 1:
                self.add_error(
                    None,
                    gettext("Only one column can fill the field “%(field)s”.")
                    % {"field": target.label},
                )
        for name in ("act", "country"):
            if name not in chosen and not data.get(f"default_{name}"):
                self.add_error(
                    f"default_{name}",
                    gettext(
                        "Choose a column for the field “%(field)s”, or its value for every row."
                    )
                    % {"field": TARGET[name].label},
                )
        for column, target in columns.items():
            if TARGET[target].kind != "choice":
                continue
            values = {v for v in self.table.column(column) if not importing.is_blank(v)}
            if target == "age":
                values = {v for v in values if importing.age_of(v) is None}
            limit = importing.MAX_SUBDIVISIONS if target == "subdivision" else importing.MAX_VALUES
            if len(values) > limit:
                self.add_error(
                    None,
                    gettext(
                        "The column %(column)s has %(count)s different values: too many for "
                        "the field “%(field)s”. Choose another column for it."
                    )
                    % {"column": column, "count": len(values), "field": TARGET[target].label},
                )
        if "date" in chosen:
            column = next(c for c, target in columns.items() if target == "date")
            fits = importing.date_forms(self.table.column(column))
            if not data.get("date_form"):
                if len(fits) == 1:
                    data["date_form"] = fits[0]
                else:
                    self.add_error(
                        "date_form",
                        gettext(
                            "Say how the dates are written: the column could be read in "
                            "more than one way, or in none."
                        ),
                    )
        data["columns"] = columns
        return data

    def mapping(self, previous: Mapping) -> Mapping:
        data = self.cleaned_data
        return Mapping(
            columns=data["columns"],
            defaults={name: data.get(f"default_{name}", "") for name in importing.DEFAULTS},
            date_form=data.get("date_form", ""),
            # What the values mean stays decided for the columns still mapped.
            values={
                target: values
                for target, values in previous.values.items()
                if target in data["columns"].values()
            },
            source=data["source"],
            source_public=data["source_public"],
            confidentiality=data["confidentiality"],
        )


class ValuesForm(forms.Form):
    """What each value found in a mapped column means. The values no rule recognises
    start blank: the import cannot go on until the analyst says what they mean."""

    def __init__(self, *args, questions: list[importing.ValueQuestion], mapping: Mapping, **kw):
        super().__init__(*args, **kw)
        self.questions = questions
        self.groups: dict[str, list] = {}
        choices_of = {}
        for index, question in enumerate(questions):
            if question.target == "subdivision":
                units = Jurisdiction.objects.subdivisions().filter(parent__code=question.country)
                choices = [
                    ("", _("none: keep the words with the place described")),
                    *((u.code, f"{u.name} ({u.code})") for u in units.order_by("name")),
                ]
                label = f"{question.country}: {question.value}"
            else:
                if question.target not in choices_of:
                    choices_of[question.target] = [
                        ("", _("— choose —")),
                        *importing.choices_of(question.target),
                    ]
                choices = choices_of[question.target]
                label = question.value
            decided = mapping.values.get(question.target, {}).get(question.key)
            name = f"value_{index}"
            self.fields[name] = forms.ChoiceField(
                label=label,
                choices=choices,
                required=question.target != "subdivision",
                initial=decided if decided is not None else question.guess,
            )
            self.groups.setdefault(question.target, []).append((self[name], question))

    def grouped(self):
        return [(TARGET[target].label, rows) for target, rows in self.groups.items()]

    def mapping(self, previous: Mapping) -> Mapping:
        values: dict[str, dict[str, str]] = {}
        for index, question in enumerate(self.questions):
            values.setdefault(question.target, {})[question.key] = self.cleaned_data[
                f"value_{index}"
            ]
        previous.values = values
        return previous


class WriteForm(forms.Form):
    leave_out_problems = forms.BooleanField(
        label=_("Leave out the rows with problems listed above"), required=False
    )

    def __init__(self, *args, problems: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.problems = problems
        if not problems:
            del self.fields["leave_out_problems"]

    def clean(self):
        data = super().clean()
        if self.problems and not data.get("leave_out_problems"):
            raise forms.ValidationError(
                gettext(
                    "Some rows have problems: go back and change the mapping, or choose to "
                    "leave those rows out."
                )
            )
        return data

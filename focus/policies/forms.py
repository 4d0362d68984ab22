from django import forms
from django.utils.translation import gettext_lazy as _

from focus.core.forms import PlaceFilterForm
from focus.core.http import EARLIEST

from .lifecycle import DevelopmentType
from .vocabulary import InstrumentType, MechanismKind, MechanismStatus


class TimelineFilterForm(PlaceFilterForm):
    """The timeline's filters, read from a plain GET form."""

    SORTS = [("date", _("date, latest first")), ("added", _("latest additions first"))]

    type = forms.ChoiceField(
        choices=[("", _("All types")), *DevelopmentType.choices], required=False, label=_("Type")
    )
    start = forms.DateField(
        required=False,
        label=_("From"),
        help_text=_("year-month-day"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    end = forms.DateField(
        required=False,
        label=_("To"),
        help_text=_("year-month-day"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    sort = forms.ChoiceField(choices=SORTS, required=False, label=_("Order"))

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        for name in ("start", "end"):
            value = cleaned.get(name)
            if value and value < EARLIEST:
                self.add_error(name, _("Choose a date after 1900."))
        if start and end and start > end:
            self.add_error("end", _("The end of the range comes before its start."))
        return cleaned


class InstrumentFilterForm(PlaceFilterForm):
    """Instruments by place and type (the API's and the exports' filters)."""

    type = forms.ChoiceField(
        choices=[("", _("All types")), *InstrumentType.choices], required=False, label=_("Type")
    )


class MechanismFilterForm(PlaceFilterForm):
    """Mechanisms by place, kind and whether they work now."""

    kind = forms.ChoiceField(
        choices=[("", _("All kinds")), *MechanismKind.choices], required=False, label=_("Kind")
    )
    status = forms.ChoiceField(
        choices=[("", _("Any status")), *MechanismStatus.choices],
        required=False,
        label=_("Status"),
    )

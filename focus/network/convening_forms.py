"""The convenings' forms: the filters of the list page and of the calendar feed, and a
registration for a place."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from focus.geo.models import Region
from focus.library.models import Topic

from .models import Convening
from .vocabulary import ConveningKind

# A name is text: no markup, no control characters.
_NOT_IN_A_NAME = re.compile(r"[<>\x00-\x1f\x7f]")


class ConveningFilterForm(forms.Form):
    """Convenings by the year they started, the region of their country, a topic and a
    kind. The list page and the calendar feed read their filters with it."""

    year = forms.IntegerField(
        required=False, min_value=1900, max_value=2100, label=_("Year"),
        widget=forms.Select(choices=[("", _("All years"))]),
    )  # fmt: skip
    region: forms.ModelChoiceField[Region] = forms.ModelChoiceField(
        queryset=Region.objects.all(), to_field_name="code", required=False,
        label=_("Region"), empty_label=_("All regions"),
    )  # fmt: skip
    topic: forms.ModelChoiceField[Topic] = forms.ModelChoiceField(
        queryset=Topic.objects.all(), to_field_name="slug", required=False,
        label=_("Topic"), empty_label=_("All topics"),
    )  # fmt: skip
    kind = forms.ChoiceField(
        choices=[("", _("All kinds")), *ConveningKind.choices], required=False, label=_("Kind")
    )

    def __init__(self, data, **kwargs):
        data = data.copy()
        for name in ("region", "topic", "kind"):
            if data.get(name):
                data[name] = data[name].strip().lower()
        super().__init__(data, **kwargs)

    @classmethod
    def for_the_page(cls, data):
        """The list page offers only the years and topics that convenings have."""
        form = cls(data)
        public = Convening.objects.public()
        years = public.filter(start_date__isnull=False).dates("start_date", "year", order="DESC")
        form.fields["year"].widget.choices = [("", _("All years"))] + [
            (str(d.year), str(d.year)) for d in years
        ]
        used = Convening.topics.through.objects.filter(convening__published=True)
        form.fields["topic"].queryset = Topic.objects.filter(
            pk__in=used.values("topic_id")
        ).order_by("name")
        return form

    def filters(self) -> dict:
        data = self.cleaned_data
        return {
            "year": data["year"],
            "region": data["region"],
            "topic": data["topic"],
            "kind": data["kind"],
        }


class RegistrationForm(forms.Form):
    """A place at a convening: a name, an address to confirm to, and consent."""

    # The trap: hidden from people (and from screen readers), filled in by robots.
    website = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    name = forms.CharField(
        label=_("Your name"),
        max_length=200,
        help_text=_("As the organisers should call you; it need not be your full name."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        help_text=_("We write to it to confirm your place, and only about this convening."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that Focus keeps my name, e-mail address and language for this "
            "convening, and gives them to its organisers."
        ),
        required=True,
        error_messages={"required": _("Tick the box to agree, or we cannot keep your place.")},
    )

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise forms.ValidationError(_("This field must be left empty."), code="trap")
        return ""

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if _NOT_IN_A_NAME.search(name):
            raise forms.ValidationError(
                _("Write your name without the characters < and >."), code="markup"
            )
        if not name:
            raise forms.ValidationError(_("Give a name."), code="required")
        return name

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        local, _at, domain = email.rpartition("@")
        return f"{local}@{domain.lower()}"

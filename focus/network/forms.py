"""Forms of the networks' members: applying, and what a member shows the public."""

from typing import TYPE_CHECKING

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from focus.geo.models import Jurisdiction
from focus.library.models import Topic
from focus.policies.models import Development, Instrument
from focus.standards.models import Recommendation

from .models import Action, Delegation, Member, Pledge, Post, Thread
from .vocabulary import ActionKind, NetworkKind

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def limit(field: forms.CharField, length: int) -> None:
    """Cap a text field the model leaves unbounded, in the browser and on the server."""
    field.max_length = length
    field.validators.append(MaxLengthValidator(length))
    field.widget.attrs["maxlength"] = str(length)


class ApplicationForm(forms.ModelForm):
    class Meta:
        model = Member
        fields = [
            "display_name",
            "country",
            "parliament",
            "party_group",
            "committees",
            "delegation",
            "stakeholder_group",
            "motivation",
        ]
        widgets = {"motivation": forms.Textarea(attrs={"rows": 4, "maxlength": 5000})}

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].queryset = Jurisdiction.objects.countries().order_by("name")
        self.fields["motivation"].required = True
        limit(self.fields["motivation"], 5_000)
        if network.kind == NetworkKind.PARLIAMENTARY:
            del self.fields["delegation"], self.fields["stakeholder_group"]
            self.fields["parliament"].required = True
        else:
            del self.fields["parliament"], self.fields["party_group"], self.fields["committees"]
            self.fields["delegation"].queryset = Delegation.objects.filter(
                network=network
            ).select_related("country")
            self.fields["stakeholder_group"].required = network.kind == NetworkKind.FOCAL_POINTS


class SettingsForm(forms.ModelForm):
    """What a member shows in the public directory (nothing unless chosen), and how
    often they hear of new actions and replies."""

    shown = forms.MultipleChoiceField(
        label=_("Show in the public list of members"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Nothing is shown unless you tick it."),
    )

    class Meta:
        model = Member
        fields = ["shown", "notify"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["shown"].choices = [
            (name, Member._meta.get_field(name).verbose_name) for name in Member.SHOWABLE
        ]


class InstrumentChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.jurisdiction.name}: {obj.display_title}"


class ActionForm(forms.ModelForm):
    """A call to the members to act on a situation, linked to what it is about."""

    # What a link from another page may pre-fill: the bill tracker's bill, a delegation's
    # recommendation, a development.
    LINKS = ("instrument", "development", "recommendation")

    asks = forms.MultipleChoiceField(
        label=_("What members can do"),
        choices=ActionKind.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    instrument = InstrumentChoice(
        label=_("Instrument or draft bill"), queryset=Instrument.objects.none(), required=False
    )

    class Meta:
        model = Action
        fields = [
            "title", "situation", "asks", "country", "instrument", "development", "recommendation",
        ]  # fmt: skip
        widgets = {
            "situation": forms.Textarea(attrs={"rows": 6}),
            "development": forms.HiddenInput,
            "recommendation": forms.HiddenInput,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit(self.fields["situation"], 20_000)
        self.fields["country"].queryset = Jurisdiction.objects.countries().order_by("name")
        self.fields["instrument"].queryset = (
            Instrument.objects.filter(international=False)
            .select_related("jurisdiction")
            .order_by("jurisdiction__name", "title_en")
        )
        self.fields["development"].queryset = Development.objects.select_related("instrument")
        self.fields["recommendation"].queryset = Recommendation.objects.select_related(
            "jurisdiction"
        )

    def link_from(self, query) -> None:
        """Pre-fill what a link names (`?recommendation=12`), and the country and law it
        implies; a value that names nothing is ignored."""
        for name in self.LINKS:
            value = query.get(name, "")
            if not (value.isascii() and value.isdigit() and len(value) < 10):
                continue
            found = self.fields[name].queryset.filter(pk=int(value)).first()  # type: ignore[attr-defined]  # a ModelChoiceField
            if found is None:
                continue
            self.initial[name] = found.pk
            if name == "recommendation":
                self.initial.setdefault("country", found.jurisdiction_id)
                continue
            instrument = found.instrument if name == "development" else found
            self.initial.setdefault("instrument", instrument.pk)
            place = instrument.jurisdiction
            self.initial.setdefault("country", place.parent_id or place.pk)

    def linked(self) -> list[tuple["StrOrPromise | None", object]]:
        """The linked development or recommendation, to show: their fields are hidden."""
        shown = []
        for name in ("development", "recommendation"):
            value = self[name].value()
            if value:
                found = self.fields[name].queryset.filter(pk=value).first()  # type: ignore[attr-defined]  # a ModelChoiceField
                if found is not None:
                    shown.append((self.fields[name].label, found))
        return shown


class PledgeForm(forms.ModelForm):
    class Meta:
        model = Pledge
        fields = ["kind", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2, "maxlength": 5000})}

    def __init__(self, *args, action, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [
            (value, label) for value, label in ActionKind.choices if value in action.asks
        ]


class ReplyForm(forms.ModelForm):
    class Meta:
        model = Post
        fields = ["body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 4, "maxlength": 20000})}
        labels = {"body": _("Your reply")}


class ThreadForm(forms.ModelForm):
    """A new conversation: its title, topic and country, and its first message."""

    body = forms.CharField(
        label=_("Your message"),
        max_length=20_000,
        help_text=_("Markdown."),
        widget=forms.Textarea(attrs={"rows": 8, "maxlength": 20000}),
    )

    class Meta:
        model = Thread
        fields = ["title", "topic", "country"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = Topic.objects.order_by("name")
        self.fields["topic"].empty_label = _("No particular topic")
        self.fields["country"].queryset = Jurisdiction.objects.countries().order_by("name")
        self.fields["country"].empty_label = _("No particular country")

    def clean_title(self):
        # One line: it is a heading, and the subject of the e-mails about replies.
        return " ".join(self.cleaned_data["title"].split())


class ThreadFilterForm(forms.Form):
    """A network's conversations by topic and by country. Only the topics and countries
    that have conversations in the network are offered; country codes are read in
    either case, as in every other filter."""

    topic: forms.ModelChoiceField[Topic] = forms.ModelChoiceField(
        queryset=Topic.objects.none(), to_field_name="slug", required=False,
        label=_("Topic"), empty_label=_("All topics"),
    )  # fmt: skip
    country: forms.ModelChoiceField[Jurisdiction] = forms.ModelChoiceField(
        queryset=Jurisdiction.objects.none(), to_field_name="code", required=False,
        label=_("Country"), empty_label=_("All countries"),
    )  # fmt: skip

    def __init__(self, data, *, network, **kwargs):
        data = data.copy()
        if data.get("topic"):
            data["topic"] = data["topic"].strip().lower()
        if data.get("country"):
            data["country"] = data["country"].strip().upper()
        super().__init__(data, **kwargs)
        threads = Thread.objects.filter(network=network)
        self.fields["topic"].queryset = Topic.objects.filter(
            pk__in=threads.values("topic_id")
        ).order_by("name")
        self.fields["country"].queryset = Jurisdiction.objects.filter(
            pk__in=threads.values("country_id")
        ).order_by("name")


class ReportBackForm(forms.ModelForm):
    class Meta:
        model = Pledge
        fields = ["report_back"]
        widgets = {"report_back": forms.Textarea(attrs={"rows": 3, "maxlength": 20000})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["report_back"].required = True

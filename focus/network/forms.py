"""Forms of the networks' members: applying, and what a member shows the public."""

from django import forms
from django.utils.translation import gettext_lazy as _

from focus.geo.models import Jurisdiction
from focus.library.models import Topic
from focus.policies.models import Instrument

from .models import Action, Delegation, Member, Pledge, Post, Thread
from .vocabulary import ActionKind, NetworkKind


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
        self.fields["motivation"].max_length = 5000
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


class ActionForm(forms.ModelForm):
    """A call to the members to act on a situation."""

    asks = forms.MultipleChoiceField(
        label=_("What members can do"),
        choices=ActionKind.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Action
        fields = ["title", "situation", "asks", "country", "instrument"]
        widgets = {"situation": forms.Textarea(attrs={"rows": 6, "maxlength": 20000})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["situation"].max_length = 20_000
        self.fields["country"].queryset = Jurisdiction.objects.countries().order_by("name")
        self.fields["instrument"].queryset = Instrument.objects.national().order_by("title_en")


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

    topic = forms.ModelChoiceField(
        queryset=Topic.objects.none(), to_field_name="slug", required=False,
        label=_("Topic"), empty_label=_("All topics"),
    )  # fmt: skip
    country = forms.ModelChoiceField(
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

"""Forms of the networks' members: applying, and what a member shows the public."""

from django import forms
from django.utils.translation import gettext_lazy as _

from focus.geo.models import Jurisdiction

from .models import Delegation, Member
from .vocabulary import NetworkKind


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

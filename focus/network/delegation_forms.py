"""The forms of a delegation's page: what the delegation says of itself, and where a
recommendation stands."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .forms import limit
from .models import Delegation, FollowUp


class DelegationForm(forms.ModelForm):
    class Meta:
        model = Delegation
        fields = ["institutions", "institutions_public", "work_plan"]
        labels = {"institutions_public": _("The delegation agrees to show its institutions")}
        help_texts = {
            "institutions": _("The institutions taking part, one per line."),
            "institutions_public": _(
                "They then appear on the network's public page; the people never do."
            ),
            "work_plan": _("Markdown. Seen by the delegation and the network's moderators."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit(self.fields["institutions"], 5_000)
        limit(self.fields["work_plan"], 20_000)


class FollowUpForm(forms.ModelForm):
    class Meta:
        model = FollowUp
        fields = ["status", "evidence"]
        widgets = {"evidence": forms.Textarea(attrs={"rows": 3})}

from django import forms
from django.utils.translation import gettext_lazy as _

from focus.core.forms import PlaceFilterForm

from .trends import MAX_FILTERS
from .vocabulary import ActKind, Gender, PerpetratorKind, Profile


class TrendsFilterForm(PlaceFilterForm):
    """The public trends' filters: at most two at once (trends.py says why)."""

    year = forms.IntegerField(required=False, min_value=1900, max_value=2100, label=_("Year"))
    act = forms.ChoiceField(
        choices=[("", _("All acts")), *ActKind.choices], required=False, label=_("Act")
    )
    profile = forms.ChoiceField(
        choices=[("", _("All profiles")), *Profile.choices],
        required=False,
        label=_("Defender profile"),
    )
    gender = forms.ChoiceField(
        choices=[("", _("All")), *Gender.choices], required=False, label=_("Gender")
    )
    perpetrator = forms.ChoiceField(
        choices=[("", _("All")), *PerpetratorKind.choices], required=False, label=_("Perpetrator")
    )

    def clean(self):
        cleaned = super().clean()
        if len(self.filters()) > MAX_FILTERS:
            raise forms.ValidationError(
                _(
                    "Choose at most %(count)d filters at once: more would let small counts be worked out."
                )
                % {"count": MAX_FILTERS}
            )
        return cleaned

    def filters(self) -> dict[str, str]:
        """The chosen filters as the trend cells name them."""
        data = getattr(self, "cleaned_data", {})
        chosen = {}
        for name in ("year", "act", "profile", "gender", "perpetrator"):
            if data.get(name) not in (None, ""):
                chosen[name] = str(data[name])
        if data.get("region") is not None:
            chosen["region"] = data["region"].code
        if data.get("country") is not None:
            chosen["country"] = data["country"].code
        return chosen

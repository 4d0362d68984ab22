from django import template

from focus.contributions.models import Contribution

register = template.Library()


@register.inclusion_tag("contributions/waiting.html")
def contributions_waiting():
    """How many contributions wait for an editor (on the admin's index)."""
    return {"count": Contribution.objects.open().count()}

"""The resources of a network's members' space: model letters and questions, standards
and library documents the moderators chose, and the standards of the analysis to work
from. Members of the network only (404 to anyone else)."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from focus.core.text import markdown_html

from .bills import standards_to_work_from
from .space_views import _space


@require_safe
def resources(request, slug: str):
    network, member, elsewhere = _space(request, slug)
    if elsewhere:
        return elsewhere
    items = network.resources.select_related("standard", "document")
    return render(
        request,
        "network/resources.html",
        {
            "network": network,
            "member": member,
            "resources": [(r, markdown_html(r.body)) for r in items],
            "standards": standards_to_work_from(),
        },
    )

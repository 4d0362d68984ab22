from urllib.parse import urlencode

from axes.helpers import get_cool_off
from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_safe

from focus.contributions.models import Contribution
from focus.core.http import page_of


@login_required
@require_safe
def contributions(request):
    """The signed-in contributor's own contributions: what, when, where each stands, and
    the published record. Nothing else of what they sent is shown here."""
    mine = (
        Contribution.objects.filter(account=request.user)
        .order_by("-received", "-pk")
        .prefetch_related("result")
    )
    return render(request, "accounts/contributions.html", {"page": page_of(request, mine, 50)})


def admin_login(request):
    """The admin's own sign-in form knows no second factor: the site's is used instead."""
    if request.user.is_authenticated:
        if admin.site.has_permission(request):
            return redirect("admin:index")
        # Signed in, with an account that may not use the admin: sending it to sign in
        # again would only bring it back here.
        raise PermissionDenied
    url = reverse("account_login")
    next_url = request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        url = f"{url}?{urlencode({'next': next_url})}"
    return redirect(url)


def locked_out(request, original_response=None, credentials=None):
    """What axes shows once an account is locked: a page in the site's layout, and 429.
    It does not name the account (whose e-mail address may have been typed)."""
    cool_off = get_cool_off(request)
    response = render(
        request,
        "accounts/locked_out.html",
        {"minutes": int(cool_off.total_seconds() // 60)},
        status=429,
    )
    response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response

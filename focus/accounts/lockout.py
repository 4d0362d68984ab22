"""What django-axes needs to count failed sign-ins per account and nothing else.

Failures are keyed on the account, not on the address: Tor users share a few exit
addresses, and locking one would lock them all. axes is told no address and keeps no
browser details, so its records name a username and a time, nothing more.
"""

from axes.handlers.database import AxesDatabaseHandler
from django.contrib.auth import get_user_model
from django.db.models import Q


def account_name(request, credentials=None) -> str | None:
    """The account a sign-in is about, whether its username or its e-mail address was typed,
    so that both count against the same account (allauth sends the login as "username",
    and also as "email" when it has an @)."""
    credentials = credentials or {}
    login = credentials.get("username") or credentials.get("email") or credentials.get("login")
    if not login and request is not None:
        login = request.POST.get("login", "")
    login = str(login or "").strip()
    if not login:
        return None
    known = getattr(request, "_focus_account_names", {})
    if login not in known:
        user = (
            get_user_model()
            .objects.filter(Q(username__iexact=login) | Q(email__iexact=login))
            .order_by("pk")
            .only("username")
            .first()
        )
        # An unknown name is counted too: a lockout must not tell which accounts exist.
        known[login] = user.username if user else login.lower()[:150]
        if request is not None:
            request._focus_account_names = known
    return known[login]


def no_address(request) -> None:
    """axes never learns the client's address."""
    return None


class AnonymousDatabaseHandler(AxesDatabaseHandler):
    """axes' database handler, which keeps its records without the client's browser details."""

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        if request is not None:
            request.axes_user_agent = ""
            request.axes_http_accept = ""
        return super().user_login_failed(sender, credentials, request, **kwargs)

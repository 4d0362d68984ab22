import re

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from focus.core.roles import STAFF_ROLES

# The admin, the restricted cases, and the editors' queue in every language.
_LANGUAGES = "|".join(code for code, _name in settings.LANGUAGES)
PROTECTED = re.compile(rf"^/(?:admin/|cases/|(?:{_LANGUAGES})/contribute/queue/)")


def must_use_two_factor(user) -> bool:
    return user.is_authenticated and (
        user.is_superuser or user.is_staff or user.groups.filter(name__in=STAFF_ROLES).exists()
    )


class TwoFactorForStaffMiddleware:
    """Editors and administrators reach the admin and the contributions queue only once
    their account has an authenticator app; until then they are sent to set one up.

    Every other page, the account pages among them (setting it up, signing out), stays open.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            PROTECTED.match(request.path_info)
            and must_use_two_factor(request.user)
            and not is_mfa_enabled(request.user, [Authenticator.Type.TOTP])
        ):
            messages.warning(
                request,
                _(
                    "Editors, administrators, analysts and reviewers must use two-factor "
                    "authentication: add an authenticator app to your account to continue."
                ),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)

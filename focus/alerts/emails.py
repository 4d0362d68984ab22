"""The e-mail that asks an address to confirm, and the words that say what a subscription
follows (in that e-mail and on the alerts' pages). Every link is absolute: a message is
read away from the site."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from focus.core.paths import page_path
from focus.core.text import sort_key
from focus.geo.models import Jurisdiction, Region
from focus.policies.models import Instrument, Mechanism
from focus.policies.vocabulary import Beneficiary, InstrumentType

from .forms import describe_search
from .models import Choices, Frequency, Subscription

log = logging.getLogger(__name__)


def describe(choices: Choices) -> list[tuple[str, str]]:
    """(heading, what) for each kind of thing followed, in the active language."""
    lines = []
    if choices.countries:
        countries = Jurisdiction.objects.countries().filter(
            code__in=[c.upper() for c in choices.countries]
        )
        names = sorted((c.name for c in countries), key=sort_key)
        lines.append((_("Countries"), ", ".join(names)))
    if choices.regions:
        names = [r.name for r in Region.objects.filter(code__in=choices.regions)]
        lines.append((_("Regions"), ", ".join(names)))
    if choices.instrument_types:
        labels = [str(InstrumentType(c).label) for c in choices.instrument_types]
        lines.append((_("Types of instrument"), ", ".join(labels)))
    if choices.beneficiaries:
        labels = sorted((str(Beneficiary(c).label) for c in choices.beneficiaries), key=sort_key)
        lines.append((_("Groups protected"), ", ".join(labels)))
    if choices.instrument:
        instrument = Instrument.objects.filter(slug=choices.instrument).first()
        if instrument:
            lines.append((_("Instrument"), str(instrument.display_title)))
    if choices.mechanism:
        mechanism = Mechanism.objects.filter(slug=choices.mechanism).first()
        if mechanism:
            lines.append((_("Mechanism"), str(mechanism.display_name)))
    if choices.search:
        lines.append((_("Saved search"), describe_search(choices.search)))
    lines.append((_("How often"), str(Frequency(choices.frequency).label)))
    return lines


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def send_confirmation(subscription_id: int, kind: str, payload: dict | None = None) -> bool:
    """Ask the address to confirm its subscription ("confirm"), or to take new choices
    ("change", for an address that already receives alerts). Plain text, in the language
    chosen. A mail server that is down loses nothing: the visitor may ask again."""
    from .services import confirmation_token

    subscription = Subscription.objects.filter(pk=subscription_id).first()
    if subscription is None:
        return False
    choices = Choices.from_payload(payload) if payload is not None else subscription.choices()
    with translation.override(choices.language):
        token = confirmation_token(subscription, choices if payload is not None else None)
        body = render_to_string(
            "alerts/email/confirm.txt",
            {
                "kind": kind,
                "lines": describe(choices),
                "confirm": absolute(page_path("alerts:confirm", token)),
                "manage": absolute(subscription.manage_path()),
                "subscribe": absolute(page_path("alerts:subscribe")),
            },
        )
        subject = (
            _("Confirm your alerts")
            if kind == "confirm"
            else _("Confirm the new choices for your alerts")
        )
    message = EmailMessage(
        f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}", body, None, [subscription.email]
    )
    try:
        return bool(message.send())
    except OSError:
        log.exception("Could not send the %s e-mail of subscription %s", kind, subscription.pk)
        return False

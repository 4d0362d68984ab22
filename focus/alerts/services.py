"""Subscribing, confirming, changing and leaving, and the clearing of unconfirmed
subscriptions.

Whether an address subscribes is never shown on a page: asking again with the same
address gets the same answer, and only the address's owner, by e-mail, learns more.
"""

import datetime as dt
import hashlib
import hmac
import logging

import django_fast_ratelimit as ratelimit
from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import CONFIRM_DAYS, Choices, Subscription, token_key

log = logging.getLogger(__name__)

CONFIRM_SALT = "focus.alerts.confirm"
# Confirmation e-mails to one address: one every ten minutes, five a day at most, however
# many clients ask for it (no storm of mail to someone who did not ask).
ADDRESS_RATES = ("1/10m", "5/d")


class LinkError(Exception):
    """A link from an e-mail that cannot be used."""


class LinkUnknown(LinkError):
    """Forged, or for a subscription that is no more: a 404."""


class LinkExpired(LinkError):
    """Older than CONFIRM_DAYS: a 400 that says so."""


class LinkOutOfDate(LinkError):
    """Made for choices that have changed since: a 400 that says so."""


def _address_key(email: str) -> bytes:
    """A keyed hash of the address: the cache counts mails without holding the address."""
    return hmac.new(
        settings.SECRET_KEY.encode(), b"alerts:" + email.lower().encode(), hashlib.sha256
    ).digest()


def address_over_limit(email: str) -> bool:
    """Count one confirmation e-mail to this address; True once one rate is exceeded."""
    key = _address_key(email)
    limits = [
        ratelimit.get_ratelimit(
            group=f"alerts-address-{rate}", key=key, rate=rate, action=ratelimit.Action.INCREASE
        )
        for rate in ADDRESS_RATES
    ]
    return any(limit.request_limit > 0 for limit in limits)


def subscription_request(*, email: str, choices: Choices) -> str:
    """Someone asked for alerts at this address; the address is sent a link to confirm.

    A new address gets an unconfirmed subscription; an unconfirmed one takes the new
    choices (the older e-mail's link then no longer works); a confirmed one is left as it
    is, and its owner is sent a link to take the new choices. Nothing is changed or sent
    when the address had a confirmation e-mail a moment ago. Returns what was done:
    "new", "again", "change" or "limited".
    """
    if address_over_limit(email):
        return "limited"
    try:
        with transaction.atomic():
            return _request(email, choices)
    except IntegrityError:  # the same address, a moment earlier, in another request
        with transaction.atomic():
            return _request(email, choices)


def _request(email: str, choices: Choices) -> str:
    existing = Subscription.objects.with_address(email).select_for_update().first()
    if existing is None:
        subscription = Subscription(email=email)
        subscription.apply(choices)
        _mail_later(subscription.pk, "confirm")
        return "new"
    if existing.confirmed is None:
        existing.created = timezone.now()
        existing.apply(choices)
        _mail_later(existing.pk, "confirm")
        return "again"
    _mail_later(existing.pk, "change", choices.as_payload())
    return "change"


def _mail_later(pk: int, kind: str, payload: dict | None = None) -> None:
    from .emails import send_confirmation

    transaction.on_commit(lambda: send_confirmation(pk, kind, payload))


def confirmation_token(subscription: Subscription, choices: Choices | None = None) -> str:
    """A signed link's token: confirms the subscription as it stands now, or (with
    `choices`) replaces its choices; refused after CONFIRM_DAYS, or once they change."""
    payload: dict[str, object] = {"k": subscription.key, "v": subscription.choices().digest()}
    if choices is not None:
        payload["c"] = choices.as_payload()
    return signing.dumps(payload, salt=CONFIRM_SALT, compress=True)


def read_confirmation(token: str) -> tuple[Subscription, Choices | None]:
    """The subscription a confirmation link is for, and the choices it brings, if any."""
    try:
        payload = signing.loads(token, salt=CONFIRM_SALT, max_age=dt.timedelta(days=CONFIRM_DAYS))
    except signing.SignatureExpired:
        raise LinkExpired from None
    except (signing.BadSignature, ValueError):
        raise LinkUnknown from None
    if not isinstance(payload, dict) or not isinstance(payload.get("k"), str):
        raise LinkUnknown
    subscription = Subscription.objects.filter(key=payload["k"]).first()
    if subscription is None:
        raise LinkUnknown
    if subscription.choices().digest() != payload.get("v"):
        raise LinkOutOfDate
    choices = payload.get("c")
    try:
        return subscription, Choices.from_payload(choices) if isinstance(choices, dict) else None
    except TypeError:
        raise LinkUnknown from None


@transaction.atomic
def subscription_confirm(*, subscription: Subscription, choices: Choices | None = None) -> bool:
    """Confirm a subscription (alerts start from now), and take new choices if a link
    brought them. Returns whether anything changed."""
    changed = False
    if choices is not None and choices != subscription.choices():
        subscription.apply(choices)
        changed = True
    if subscription.confirmed is None:
        now = timezone.now()
        subscription.confirmed = subscription.cursor = now
        subscription.save(update_fields=["confirmed", "cursor"])
        changed = True
    return changed


def subscription_for(token: str) -> Subscription | None:
    """The subscription a manage or unsubscribe link is for; None when forged or gone."""
    key = token_key(token)
    if key is None:
        return None
    return Subscription.objects.filter(key=key).select_related("instrument", "mechanism").first()


@transaction.atomic
def subscription_change(*, subscription: Subscription, choices: Choices) -> None:
    """Take new choices from the manage page."""
    subscription.apply(choices)


def subscription_end(*, subscription: Subscription) -> None:
    """Unsubscribe: the subscription, address included, is deleted at once."""
    subscription.delete()


def delete_unconfirmed(now: dt.datetime | None = None) -> int:
    """Delete the subscriptions asked for more than CONFIRM_DAYS ago and never confirmed;
    returns how many."""
    now = now or timezone.now()
    before = now - dt.timedelta(days=CONFIRM_DAYS)
    _total, by_model = Subscription.objects.unconfirmed_since(before).delete()
    return by_model.get(Subscription._meta.label, 0)

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter

from focus.core.http import client_key

from . import sealing


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request) -> str:
        """allauth's rate limits count per client: they count a keyed hash of the address
        that changes every day, so the cache never holds an address."""
        return client_key(request).hex()

    def pre_authenticate(self, request, **credentials) -> None:
        """Wrong passwords are counted per account by axes, which shows its lockout page;
        allauth's own count would stop them first with a form error. Its limits on sign-in
        requests per client and on authenticator codes per account still apply."""


class MFAAdapter(DefaultMFAAdapter):
    def encrypt(self, text: str) -> str:
        """Authenticator secrets are sealed before they reach the database (sealing.py)."""
        return sealing.seal(text)

    def decrypt(self, encrypted_text: str) -> str:
        return sealing.open_sealed(encrypted_text)

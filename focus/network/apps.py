from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "focus.network"
    label = "network"
    verbose_name = _("Networks and convenings")

    def ready(self):
        from focus.core.panels import COUNTRY_PANELS

        from .panels import country_networks

        COUNTRY_PANELS.append(country_networks)

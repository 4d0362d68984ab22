from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IncidentsConfig(AppConfig):
    """Attacks on defenders: restricted. No public app imports it; the public only ever
    sees aggregates computed here, with small counts suppressed."""

    name = "focus.incidents"
    label = "incidents"
    verbose_name = _("Incidents (restricted)")

    def ready(self):
        # Its public trends on each country page, without the country page importing it.
        from focus.core.panels import COUNTRY_PANELS

        from .panels import country_trends

        COUNTRY_PANELS.append(country_trends)

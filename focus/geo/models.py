from django.db import models
from django.utils.translation import gettext_lazy as _

from focus.core.paths import page_path


class Region(models.Model):
    """A grouping of countries, used to browse and compare."""

    code = models.SlugField(
        _("code"), max_length=40, unique=True, help_text=_("Stable identifier used in URLs.")
    )
    name = models.CharField(_("name"), max_length=100, help_text=_("Name of the region."))
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Position in lists of regions.")
    )

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return page_path("geo:region", self.code)


class JurisdictionQuerySet(models.QuerySet):
    def countries(self):
        """ISO 3166-1 countries and territories (and Kosovo)."""
        return self.filter(kind=Jurisdiction.Kind.COUNTRY)

    def subdivisions(self):
        """ISO 3166-2 subnational units."""
        return self.filter(kind=Jurisdiction.Kind.SUBDIVISION)

    def regional_bodies(self):
        """Supranational bodies whose instruments are not any one country's."""
        return self.filter(kind=Jurisdiction.Kind.REGIONAL_BODY)

    def in_region(self, region: Region):
        return self.filter(region=region)

    def filtered(self, *, region=None, country=None, kind=""):
        """By region (a country's subnational units with it), country (itself and its
        units) and kind; the API and the exports share them."""
        places = self
        if region is not None:
            places = places.filter(models.Q(region=region) | models.Q(parent__region=region))
        if country is not None:
            places = places.filter(models.Q(pk=country.pk) | models.Q(parent=country))
        if kind:
            places = places.filter(kind=kind)
        return places


class Jurisdiction(models.Model):
    """Where an instrument applies: a country, a subnational unit or a regional body."""

    class Kind(models.TextChoices):
        COUNTRY = "country", _("country")
        SUBDIVISION = "subdivision", _("subnational unit")
        REGIONAL_BODY = "regional_body", _("regional body")

    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=Kind.choices,
        help_text=_("Country, subnational unit or regional body."),
    )
    code = models.CharField(
        _("code"),
        max_length=12,
        unique=True,
        help_text=_(
            "ISO 3166-1 alpha-3 for a country (MEX), ISO 3166-2 for a subnational unit "
            "(CD-SK), or a code beginning with X for a regional body (EUU, XAF)."
        ),
    )
    iso_alpha2 = models.CharField(
        _("ISO alpha-2"),
        max_length=2,
        blank=True,
        help_text=_("ISO 3166-1 alpha-2 code of a country."),
    )
    iso_numeric = models.CharField(
        _("ISO numeric"),
        max_length=3,
        blank=True,
        help_text=_("ISO 3166-1 numeric code of a country."),
    )
    name = models.CharField(_("name"), max_length=200, help_text=_("Common name."))
    official_name = models.CharField(
        _("official name"),
        max_length=300,
        blank=True,
        help_text=_("Official name, where it differs."),
    )
    subdivision_type = models.CharField(
        _("subdivision type"),
        max_length=100,
        blank=True,
        help_text=_("What ISO 3166-2 calls this unit: province, state, region…"),
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="jurisdictions",
        help_text=_(
            "Region of a country or regional body; subnational units take their country's."
        ),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("country"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="subdivisions",
        help_text=_("The country a subnational unit belongs to."),
    )

    objects = JurisdictionQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("jurisdiction")
        verbose_name_plural = _("jurisdictions")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="subdivision") | models.Q(parent__isnull=False),
                name="geo_subdivision_has_country",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        """A country's page; a subnational unit's section of it; a regional body's region."""
        if self.kind == self.Kind.COUNTRY:
            return page_path("geo:country", self.code.lower())
        if self.kind == self.Kind.SUBDIVISION and self.parent:
            return f"{page_path('geo:country', self.parent.code.lower())}#{self.code}"
        if self.region:
            return f"{page_path('geo:region', self.region.code)}#{self.code}"
        return ""

    @property
    def country(self) -> "Jurisdiction":
        """The country itself, or the country a subnational unit belongs to."""
        return self.parent if self.kind == self.Kind.SUBDIVISION and self.parent else self

    @property
    def iso3(self) -> str:
        return self.code if self.kind == self.Kind.COUNTRY else ""

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.kind == self.Kind.SUBDIVISION:
            if self.parent is None:
                raise ValidationError({"parent": _("A subnational unit needs its country.")})
            if self.parent.kind != self.Kind.COUNTRY:
                raise ValidationError(
                    {"parent": _("The parent of a subnational unit must be a country.")}
                )
            if not self.code.startswith(self.parent.iso_alpha2 + "-"):
                raise ValidationError(
                    {
                        "code": _(
                            "An ISO 3166-2 code starts with its country's alpha-2 code and a hyphen."
                        )
                    }
                )
        elif self.parent_id:
            raise ValidationError({"parent": _("Only a subnational unit has a parent country.")})

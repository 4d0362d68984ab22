import factory

from focus.geo.models import Jurisdiction, Region


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = "americas"
    name_en = "Americas"
    name_es = "Américas"
    name_fr = "Amériques"


class CountryFactory(factory.django.DjangoModelFactory):
    """A country; synthetic test data unless the test gives real values."""

    class Meta:
        model = Jurisdiction
        django_get_or_create = ("code",)

    kind = Jurisdiction.Kind.COUNTRY
    # QMA-QZZ are reserved by ISO for private use: they never clash with a real code.
    code = factory.Sequence(lambda n: f"Q{n // 26 % 14 + 77:c}{n % 26 + 65:c}")
    iso_alpha2 = factory.LazyAttribute(lambda o: o.code[:2])
    name_en = factory.LazyAttribute(lambda o: f"Testland {o.code}")
    region = factory.SubFactory(RegionFactory)


class SubdivisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Jurisdiction
        django_get_or_create = ("code",)

    kind = Jurisdiction.Kind.SUBDIVISION
    parent = factory.SubFactory(CountryFactory)
    code = factory.LazyAttributeSequence(lambda o, n: f"{o.parent.iso_alpha2}-S{n}")
    name_en = factory.LazyAttribute(lambda o: f"Province {o.code}")
    region = None

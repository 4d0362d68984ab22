"""A text field sealed at rest with the keys of crypto.py.

On a record it reads and writes plain text. What reaches the database, a history table
(django-simple-history copies the field) or a dump (`dumpdata` writes
`value_to_string`) is the sealed form, bound to the field's table and column and to the
row's `uuid`, which a model with such fields must have.
"""

from django.db import models
from django.db.models.query_utils import DeferredAttribute

from . import crypto


class Sealed(str):
    """A value as the database holds it: sealed, not yet opened."""


class Opened(str):
    """The plain text of a sealed value, which remembers the sealed form it was read from
    (what a raw save, such as loaddata's, writes back)."""

    sealed: str

    def __new__(cls, text: str, sealed: str):
        opened = super().__new__(cls, text)
        opened.sealed = sealed
        return opened


class SealedAttribute(DeferredAttribute):
    """Opens the sealed value when it is read; a value set is plain until saved."""

    def __get__(self, instance, cls=None):
        if instance is None:
            return self
        value = super().__get__(instance, cls)
        if isinstance(value, Sealed) and value:
            opened = instance.__dict__.setdefault("_opened_fields", {})
            key = (self.field.attname, str(value))
            if key not in opened:
                text = crypto.keyring().open(value, self.field.context_of(instance))
                opened[key] = Opened(text, str(value))
            return opened[key]
        return value

    def __set__(self, instance, value):
        instance.__dict__[self.field.attname] = value


class EncryptedTextField(models.TextField):
    """Names, narratives, contacts: text nobody reads from the database, its history or
    its dumps without the keys.

    It cannot be searched or filtered on: a lookup compares sealed values, which differ
    every time the same text is sealed.
    """

    descriptor_class = SealedAttribute

    def __init__(self, *args, binding: str = "", **kwargs):
        # "<table>.<column>" of the model that owns the value, kept as it is when
        # django-simple-history copies the field to the history table.
        self.binding = binding
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["binding"] = self.binding
        return name, path, args, kwargs

    def contribute_to_class(self, cls, name, *args, **kwargs):
        super().contribute_to_class(cls, name, *args, **kwargs)
        if not self.binding:
            self.binding = f"{cls._meta.db_table}.{self.column}"

    def context_of(self, instance) -> str:
        row = getattr(instance, "uuid", None)
        if row is None:
            raise ValueError(f"{type(instance).__name__} needs a uuid to seal {self.name}")
        return f"{self.binding}|{row}"

    def from_db_value(self, value, expression, connection):
        return Sealed(value) if value else value

    def to_python(self, value):
        # A sealed value read back from a dump (loaddata) stays sealed.
        if isinstance(value, str) and not isinstance(value, Sealed) and crypto.SEALED.match(value):
            return Sealed(value)
        return value

    def get_prep_value(self, value):
        # The last guard: plain text never reaches the database. A lookup on the field
        # ends here too, as it must (sealed values cannot be compared).
        value = super().get_prep_value(value)
        if value is None or value == "" or isinstance(value, Sealed):
            return value
        if isinstance(value, Opened):
            return value.sealed
        raise ValueError(f"{self.name} holds sealed text: it is written sealed, never compared")

    def sealed_value(self, instance) -> str | None:
        """What the database holds for this record: the value sealed."""
        value = instance.__dict__.get(self.attname)
        if value is None or value == "" or isinstance(value, Sealed):
            return value
        return Sealed(crypto.keyring().seal(value, self.context_of(instance)))

    def pre_save(self, instance, add):
        sealed = self.sealed_value(instance)
        if sealed:
            instance.__dict__[self.attname] = sealed
        return sealed

    def value_to_string(self, obj):
        # Dumps write the sealed form.
        return str(self.sealed_value(obj) or "")

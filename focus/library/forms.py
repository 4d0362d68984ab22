import tempfile
from pathlib import Path

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .extraction import Refused, check_file
from .models import DocumentFile, sha256_of
from .reading import max_upload_bytes


class DocumentFileForm(forms.ModelForm):
    """An upload is checked before it is kept: type by its content, size, duplicates."""

    class Meta:
        model = DocumentFile
        fields = ["role", "language", "file"]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload or upload == self.initial.get("file"):
            return upload
        kind = check_upload(upload)
        checksum = sha256_of(upload)
        existing = DocumentFile.objects.filter(checksum=checksum).select_related("document").first()
        if existing and existing.pk != self.instance.pk:
            raise forms.ValidationError(
                format_html(
                    _("This file is already in the library, in “{}”."),
                    existing.document,
                )
            )
        self.instance.checksum = checksum
        self.instance.kind = kind
        self.instance.size = upload.size
        return upload


def check_upload(upload) -> str:
    """The kind of an uploaded file, judged by its content; ValidationError with the reason
    when it is refused (empty, too large, of a kind not accepted, a ZIP bomb, locked)."""
    if hasattr(upload, "temporary_file_path"):
        return _check(Path(upload.temporary_file_path()), upload.name)
    with tempfile.NamedTemporaryFile(suffix=Path(upload.name).suffix[:10]) as copy:
        for chunk in upload.chunks():
            copy.write(chunk)
        copy.flush()
        return _check(Path(copy.name), upload.name)


def _check(path: Path, name: str) -> str:
    try:
        return check_file(path, name, max_upload_bytes())
    except Refused as refused:
        raise forms.ValidationError(refused.reason) from None

from django_tasks import task

from .models import DocumentFile
from .reading import read_file


@task()
def read_uploaded_file(file_id: int) -> str:
    """Background task: read one uploaded file (see reading.read_file)."""
    item = DocumentFile.objects.filter(pk=file_id).first()
    if item is None:
        return "gone"
    return read_file(item).status

"""Background work on the cases (django-tasks, run by `manage.py db_worker`)."""

import logging

from django.utils import timezone
from django.utils.translation import gettext
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from . import importing, trends
from .models import CaseImport

logger = logging.getLogger(__name__)


@task()
def write_import(import_id: int) -> str:
    """Write an import the analyst has previewed; on failure nothing is written and the
    import says so."""
    queued = CaseImport.objects.filter(pk=import_id, status=CaseImport.Status.QUEUED)
    if not queued.update(status=CaseImport.Status.WRITING, progress=0):
        return "gone"
    case_import = CaseImport.objects.get(pk=import_id)
    try:
        importing.write(case_import, user=case_import.uploaded_by)
    except Exception as error:
        # The message may quote nothing of the file: the log has the details.
        logger.exception("import %s failed", case_import.uuid)
        CaseImport.objects.filter(pk=import_id).update(
            status=CaseImport.Status.FAILED,
            finished=timezone.now(),
            content="",
            report={
                "error": gettext("The writing stopped on an error (%(kind)s).")
                % {"kind": type(error).__name__}
            },
        )
        return "failed"
    rebuild_trends.enqueue()
    return "done"


@task()
def rebuild_trends() -> int:
    """Count the acts into the public trends again, after cases were written. A burst of
    saves queues one of these each: all but the last are skipped (it counts everything)."""
    if DBTaskResult.objects.ready().filter(task_path=rebuild_trends.module_path).exists():
        return -1
    return trends.rebuild()

"""Background work of the alerts (django-tasks, run by `manage.py db_worker`)."""

from django_tasks import task

from . import sending, services


@task()
def send_alerts() -> dict:
    """One run of the alerts (see sending.send_alerts); returns its figures."""
    run = sending.send_alerts()
    return {"picked_up": run.picked_up, "due": run.due, "messages": run.messages}


@task()
def delete_unconfirmed_subscriptions() -> int:
    """Delete the subscriptions left unconfirmed for 7 days; returns how many."""
    return services.delete_unconfirmed()

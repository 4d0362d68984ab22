"""Who may see cases: Analysts read and write them, Reviewers read the restricted ones.
To anyone else a case does not exist (404, never 403)."""

from focus.core.roles import ANALYSTS, REVIEWERS

from .vocabulary import Confidentiality


def roles_of(user) -> set[str]:
    if not (user.is_authenticated and user.is_active):
        return set()
    if not hasattr(user, "_incident_roles"):
        user._incident_roles = set(
            user.groups.filter(name__in=(ANALYSTS, REVIEWERS)).values_list("name", flat=True)
        )
    return user._incident_roles


def may_read_cases(user) -> bool:
    return bool(roles_of(user))


def is_analyst(user) -> bool:
    return ANALYSTS in roles_of(user)


def visible(incidents, user):
    """The incidents a user may read: all for analysts, the restricted ones for reviewers,
    none for anyone else."""
    if is_analyst(user):
        return incidents
    if may_read_cases(user):
        return incidents.filter(confidentiality=Confidentiality.RESTRICTED)
    return incidents.none()

"""The editorial roles: Editors curate the records; Administrators also manage people.

Called by data migrations, with the historical app registry, so that each new app can
extend the roles in a migration of its own.
"""

EDITORS = "Editors"
ADMINISTRATORS = "Administrators"
# Contributors whose proposals editors review first (contributions.services checks it).
TRUSTED_CONTRIBUTORS = "Trusted contributors"
# The restricted database of incidents: Analysts read and write cases, Reviewers read
# them (focus/incidents/access.py). Nobody else, administrators included, sees a case.
ANALYSTS = "Analysts"
REVIEWERS = "Reviewers"
# These roles must sign in with a second factor (accounts.middleware).
STAFF_ROLES = (EDITORS, ADMINISTRATORS, ANALYSTS, REVIEWERS)

# Apps whose records editors curate, and the actions they may take on each model.
# Places are fixed by ISO: editors may correct names, not add or remove countries.
EDITORIAL_PERMISSIONS: dict[str, tuple[str, ...]] = {
    "geo.region": ("view", "change"),
    "geo.jurisdiction": ("view", "change"),
    "policies.*": ("view", "add", "change", "delete"),
    "core.page": ("view", "add", "change"),
    "library.*": ("view", "add", "change", "delete"),
    "standards.*": ("view", "add", "change", "delete"),
    "core.historicalpage": ("view",),
    "contributions.contribution": ("view", "moderate"),
}


def _permissions(apps, spec: dict[str, tuple[str, ...]]):
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    wanted = []
    for key, actions in spec.items():
        app_label, model = key.split(".")
        types = ContentType.objects.filter(app_label=app_label)
        if model != "*":
            types = types.filter(model=model)
        for content_type in types:
            codenames = [f"{action}_{content_type.model}" for action in actions]
            wanted += Permission.objects.filter(content_type=content_type, codename__in=codenames)
    return wanted


def ensure_permissions(apps, app_labels: list[str]) -> None:
    """Create the permissions of these apps now: Django only does it after all migrations."""
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.contenttypes.management import create_contenttypes

    for label in app_labels:
        config = global_apps.get_app_config(label)
        create_contenttypes(config, verbosity=0, apps=apps)
        create_permissions(config, verbosity=0, apps=apps)


def grant(apps, spec: dict[str, tuple[str, ...]]) -> None:
    """Give both roles these permissions on records (administrators have all of the editors')."""
    Group = apps.get_model("auth", "Group")
    permissions = _permissions(apps, spec)
    for name in (EDITORS, ADMINISTRATORS):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions)


def grant_administrators_people(apps) -> None:
    """Administrators also manage accounts and roles."""
    Group = apps.get_model("auth", "Group")
    group, _ = Group.objects.get_or_create(name=ADMINISTRATORS)
    group.permissions.add(*_permissions(apps, {"auth.*": ("view", "add", "change", "delete")}))


def grant_to(apps, group_name: str, spec: dict[str, tuple[str, ...]]) -> None:
    """Permissions for one role only (creating its group)."""
    Group = apps.get_model("auth", "Group")
    group, _ = Group.objects.get_or_create(name=group_name)
    group.permissions.add(*_permissions(apps, spec))


def grant_administrators(apps, spec: dict[str, tuple[str, ...]]) -> None:
    """Permissions for administrators alone."""
    Group = apps.get_model("auth", "Group")
    group, _ = Group.objects.get_or_create(name=ADMINISTRATORS)
    group.permissions.add(*_permissions(apps, spec))

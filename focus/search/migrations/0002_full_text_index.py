"""The full-text index, made the way each database engine does it best.

PostgreSQL: text search configurations that drop accents (unaccent) before stemming in
English, Spanish, French and Portuguese, and a GIN index on the entries' tsvector.
SQLite: an FTS5 table whose tokenizer drops accents; stemming is done in Python.
"""

from django.db import migrations

LANGUAGES = {"en": "english", "es": "spanish", "fr": "french", "pt": "portuguese"}


def create(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        statements = ["CREATE EXTENSION IF NOT EXISTS unaccent"]
        for code, name in [*LANGUAGES.items(), ("simple", "simple")]:
            config = f"focus_{code}"
            dictionary = "simple" if name == "simple" else f"{name}_stem"
            statements += [
                f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {config}",
                f"CREATE TEXT SEARCH CONFIGURATION {config} (COPY = {name})",
                f"ALTER TEXT SEARCH CONFIGURATION {config} ALTER MAPPING FOR "
                f"hword, hword_part, word WITH unaccent, {dictionary}",
            ]
        statements.append(
            "CREATE INDEX search_entry_vector ON search_searchentry USING gin (vector)"
        )
    elif connection.vendor == "sqlite":
        statements = [
            "CREATE VIRTUAL TABLE search_fts USING fts5("
            "title, body, tokenize = 'unicode61 remove_diacritics 2')"
        ]
    else:
        statements = []
    for statement in statements:
        schema_editor.execute(statement)


def drop(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_entry_vector")
        for code in [*LANGUAGES, "simple"]:
            schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS focus_{code}")
    elif connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS search_fts")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]

from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin


class HistoryTranslationAdmin(SimpleHistoryAdmin, TranslationAdmin):
    """Translated fields side by side, with the full history of each record and revert."""

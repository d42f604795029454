"""Shared column helpers for models with Vietnamese and English text."""

from flask_babel import get_locale


def current_language():
    try:
        locale = get_locale()
    except Exception:  # outside a request: the default language
        return "vi"
    return locale.language if locale else "vi"


class Bilingual:
    """Mixin: `obj.t("name")` returns name_en for English readers when it is filled in."""

    def t(self, field):
        if current_language() == "en":
            value = getattr(self, f"{field}_en", None)
            if value:
                return value
        return getattr(self, f"{field}_vi")

"""What every template can use: the current point, user, language, and helpers."""

from flask import request
from flask_babel import get_locale
from flask_wtf.csrf import generate_csrf

from .models.base import current_language


def init_app(app):
    @app.context_processor
    def globals_for_templates():
        return {
            "lang": current_language(),
            "csrf_token_value": generate_csrf,
            "current_path": request.full_path.rstrip("?") if request else "/",
            "locale": get_locale(),
        }

"""Staff, volunteers and admins who sign in."""

from flask import current_app
from flask_login import UserMixin
from werkzeug.security import check_password_hash, generate_password_hash

from ..extensions import db

# kiosk: a self-service device by the door; it takes numbers at /kiosk and nothing else.
ROLES = ("admin", "staff", "volunteer", "kiosk")


class User(UserMixin, db.Model):
    id = db.Column(db.Integer, primary_key=True)
    username = db.Column(db.String(60), unique=True, nullable=False)
    full_name = db.Column(db.String(120))
    password_hash = db.Column(db.String(255), nullable=False)
    role = db.Column(db.String(12), nullable=False)
    point_id = db.Column(db.ForeignKey("service_point.id"))  # None: every point (admins)
    active = db.Column(db.Boolean, nullable=False, default=True)
    last_login_at = db.Column(db.DateTime)
    # Changing it logs the user out everywhere (Flask-Login reads get_id()).
    session_version = db.Column(db.Integer, nullable=False, default=1)

    point = db.relationship("ServicePoint")

    __table_args__ = (
        db.CheckConstraint("role IN ('admin', 'staff', 'volunteer', 'kiosk')", name="role_values"),
    )

    def set_password(self, password):
        self.password_hash = generate_password_hash(
            password, current_app.config.get("PASSWORD_HASH_METHOD", "scrypt")
        )
        self.session_version = (self.session_version or 0) + 1

    def check_password(self, password):
        return check_password_hash(self.password_hash, password)

    def get_id(self):
        return f"{self.id}:{self.session_version}"

    @property
    def is_active(self):
        return bool(self.active)

    def has_role(self, *roles):
        return self.role == "admin" or self.role in roles

    @property
    def display_name(self):
        return self.full_name or self.username

"""Fixed-window counters for throttles that must hold across workers and instances."""

from ..extensions import db


class RateCounter(db.Model):
    key = db.Column(db.String(200), primary_key=True)
    window = db.Column(db.BigInteger, primary_key=True)  # window start, epoch seconds
    count = db.Column(db.Integer, nullable=False, default=0)
    expires_at = db.Column(db.BigInteger, nullable=False, index=True)

"""Baseline for the queue benchmark: a bare Flask endpoint under the same gunicorn settings."""

from flask import Flask

app = Flask(__name__)


@app.get("/ping")
def ping():
    return "ok"

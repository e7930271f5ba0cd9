from flask import Flask


def init_app(app: Flask) -> None:
    """Admin pages: users, campuses, non-instructional days (issue 4)."""

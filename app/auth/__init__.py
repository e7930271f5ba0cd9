from flask import Flask

from app.auth.views import bp


def init_app(app: Flask) -> None:
    from app.extensions import db, login_manager
    from app.models import User

    @login_manager.user_loader
    def load_user(user_id: str):
        # Flask-Login checks is_active only at sign-in; refusing here ends a deactivated user's session at once.
        user = db.session.get(User, int(user_id)) if user_id.isdigit() else None
        return user if user is not None and user.active else None

    app.register_blueprint(bp)

from flask import Flask

from app.auth.views import bp


def init_app(app: Flask) -> None:
    from app.extensions import db, login_manager
    from app.models import User

    @login_manager.user_loader
    def load_user(user_id: str):
        return db.session.get(User, int(user_id)) if user_id.isdigit() else None

    app.register_blueprint(bp)

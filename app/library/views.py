from flask import Blueprint, render_template

bp = Blueprint("library", __name__)


@bp.route("/")
def home():
    return render_template("library/home.html")

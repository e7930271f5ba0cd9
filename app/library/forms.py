"""The search form: a GET form (no CSRF), read from request.args."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SearchField


class SearchForm(FlaskForm):
    class Meta:
        csrf = False

    q = SearchField(_l("Search the guidelines"), render_kw={"autocomplete": "off", "spellcheck": "true"})
    collection = HiddenField()
    audience = HiddenField()
    page = HiddenField()

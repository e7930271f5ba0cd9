"""Fixtures for the tools area: a saved record per role, a question case, licences."""
from datetime import date

import pytest

from app.tools import public_domain as pd
from app.tools import services


@pytest.fixture
def pd_inputs():
    return pd.WorkFacts(category="us_published", as_of=date(2026, 1, 1), publication_year=1950, notice="yes", renewed="yes")


@pytest.fixture
def record(users, pd_inputs):
    return services.save_record(users["teacher"], "public-domain", pd_inputs)


@pytest.fixture
def question(users):
    from app.cases.services import ask_question

    return ask_question(users["teacher"], topic="copyright", subject="Can I copy this?", question="Details")

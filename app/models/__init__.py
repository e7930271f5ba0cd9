"""Every model, imported here so that Alembic and create_all() see every table."""
from app.models.user import Campus, LoginThrottle, Role, User  # noqa: F401
from app.models.calendar import DayKind, NonInstructionalDay  # noqa: F401
from app.models.case import *  # noqa: F401,F403
from app.models.tool import *  # noqa: F401,F403

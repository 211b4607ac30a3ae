from .appointments import blp as appointments_blp
from .availability import blp as availability_blp
from .calendar_feeds import blp as calendar_feeds_blp
from .clients import blp as clients_blp
from .consultations import blp as consultations_blp
from .reminders import blp as reminders_blp

blueprints = (availability_blp, consultations_blp, appointments_blp, clients_blp, calendar_feeds_blp, reminders_blp)

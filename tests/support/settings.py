"""Where the tests find the real infrastructure on this machine."""
import os

AMQP_URL = os.environ.get("AMQP_URL", "amqp://guest:guest@127.0.0.1:5672/%2F")
BACKENDS = ("sqlite", "postgresql")

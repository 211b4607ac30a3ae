from .availability import blp as availability_blp

blueprints = (availability_blp,)

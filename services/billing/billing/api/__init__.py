from .providers import blp as providers_blp

blueprints = (providers_blp,)

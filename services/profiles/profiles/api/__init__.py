from .auth import blp as auth_blp
from .directory import blp as directory_blp
from .practices import blp as practices_blp
from .therapists import blp as therapists_blp

blueprints = (auth_blp, practices_blp, therapists_blp, directory_blp)

from rapport_shared.migrations import run_env

from booking.adapters.orm import metadata

run_env(metadata)

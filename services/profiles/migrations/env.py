from rapport_shared.migrations import run_env

from profiles.adapters.orm import metadata

run_env(metadata)

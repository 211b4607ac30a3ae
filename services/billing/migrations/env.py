from rapport_shared.migrations import run_env

from billing.adapters.orm import metadata

run_env(metadata)

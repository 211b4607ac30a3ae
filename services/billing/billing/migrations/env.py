from billing.adapters.orm import metadata
from rapport_shared.migrations import run_env

run_env(metadata)

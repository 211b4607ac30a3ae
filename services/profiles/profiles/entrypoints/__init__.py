"""What runs profiles: its consumers of other services ' events and its worker (the API is in api/)."""

"""rapport-admin: practice staff's client of the public Rapport API. It imports no service code."""

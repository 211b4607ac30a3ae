"""Rapport's building blocks (mechanisms only, never domain)."""

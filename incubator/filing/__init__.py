"""The NRTA filing tier, the filing dossier and filing / licence numbers (pure code: no
database here; the services and selectors feed it)."""

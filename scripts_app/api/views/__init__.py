"""The workspace API, one module per resource; the same access helpers and services as the
pages. scripts_app/api/urls.py maps them."""

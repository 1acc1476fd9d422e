"""The versioned REST API (``/api/v1/``), built with django-ninja."""

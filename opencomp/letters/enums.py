from django.db import models


class DeliveryMethod(models.TextChoices):
    """How a letter reached one recipient."""

    MAIL = "mail", "Mail"
    CERTIFIED_MAIL = "certified_mail", "Certified mail"
    EMAIL = "email", "Email"


#: Methods that put paper in an envelope (need a postal address).
POSTAL = frozenset({DeliveryMethod.MAIL, DeliveryMethod.CERTIFIED_MAIL})

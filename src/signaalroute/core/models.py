"""Shared model building blocks."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class PublicIdModel(models.Model):
    """Public UUID next to the primary key: APIs and URLs use `uuid`, never `pk`."""

    uuid = models.UUIDField(_("UUID"), default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        abstract = True


class AppendOnlyError(Exception):
    pass


class AppendOnlyModel(models.Model):
    """History rows: written once, never edited or deleted through the ORM instance API."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError(f"{type(self).__name__} rows are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(f"{type(self).__name__} rows are append-only.")


class Planningsslot(models.Model):
    """One run of a periodic job (`core/planner.py`): the unique (job, slot) row is inserted in
    the same transaction that enqueues the task, so several planners on several machines never
    enqueue a slot twice. Kept for 30 days; holds no personal data."""

    taak = models.CharField(_("taak"), max_length=50)
    slot = models.DateTimeField(_("slot"))
    ingepland_op = models.DateTimeField(_("ingepland op"), auto_now_add=True)
    taak_id = models.CharField(_("taak-id"), max_length=64, blank=True)
    planner = models.CharField(_("planner"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("planningsslot")
        verbose_name_plural = _("planningsslots")
        constraints = [
            models.UniqueConstraint(fields=["taak", "slot"], name="planningsslot_uniek"),
        ]

    def __str__(self) -> str:
        return f"{self.taak} {self.slot.isoformat()}"

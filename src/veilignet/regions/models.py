"""Veilig Thuis regions and their municipalities, with population per year (CBS)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.Model):
    """A Veilig Thuis region: a group of municipalities that work together."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self):
        return self.name


class Municipality(models.Model):
    """A municipality, identified by its CBS code (e.g. GM0855)."""

    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="municipalities", verbose_name=_("region")
    )
    cbs_code = models.CharField(_("CBS code"), max_length=6, unique=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self):
        return self.name


class Population(models.Model):
    """Number of inhabitants of a municipality on 1 January of a year (CBS)."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="populations"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    inhabitants = models.PositiveIntegerField(_("inhabitants"))

    class Meta:
        ordering = ["municipality", "year"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "year"], name="one_population_a_year")
        ]
        verbose_name = _("population")
        verbose_name_plural = _("populations")

    def __str__(self):
        return f"{self.municipality} {self.year}: {self.inhabitants}"

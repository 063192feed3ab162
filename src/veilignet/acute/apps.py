from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AcuteConfig(AppConfig):
    name = "veilignet.acute"
    label = "acute"
    verbose_name = _("Acute help")

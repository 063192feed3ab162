from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "veilignet.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from veilignet.accounts import checks  # noqa: F401  (registers deploy checks)

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "veilignet.core"
    label = "core"

    def ready(self):
        from veilignet.core import choices

        choices.install()

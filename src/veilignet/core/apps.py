from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "veilignet.core"
    label = "core"

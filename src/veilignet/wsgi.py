"""WSGI entry point (gunicorn veilignet.wsgi)."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "veilignet.settings")
application = get_wsgi_application()

# What is loaded now (Django, the apps, their models and settings) lives as long as the
# process: leave it out of the garbage collector's full collections, which otherwise
# traverse all of it (some 170,000 objects: a pause of 53-82 ms for every request on
# that worker, 0.6 ms once frozen; docs/benchmarks.md, "Garbage collection").
gc.freeze()

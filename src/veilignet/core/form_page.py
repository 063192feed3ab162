"""The form page every app's change views share: run a service on a valid POST, show a
refused rule as a form error, and ask for a confirmation tick on irreversible changes."""

from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _


def form_page(request, form, action, back, template, context, *, danger=False, on_show=None):
    """On a valid POST run `action(cleaned_data)` (a service call) and go to the URL it
    returns when it returns one, else to `back`; a refused rule becomes a form error and
    nothing typed is lost. With `danger` the POST needs the confirm tick. `on_show()` runs
    when the form is shown without a submit being refused (a GET or an invalid POST)."""
    if request.method == "POST" and danger and not request.POST.get("confirm"):
        form.is_valid()
        form.add_error(None, _("Tick the box to confirm."))
    elif request.method == "POST" and form.is_valid():
        try:
            target = action(form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect(target if isinstance(target, str) else back)
    elif on_show is not None:
        on_show()
    return render(request, template, {**context, "form": form, "danger": danger})

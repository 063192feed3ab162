"""Login (password + second factor), enrolment of the authenticator app, logout, reset."""

import base64

import segno
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from veilignet.accounts.forms import LoginForm, TokenForm
from veilignet.core.access import LoggedIn, public
from veilignet.core.redirects import next_url


def _next_url(request):
    return next_url(request, reverse_lazy("core:home"))


@public
@sensitive_post_parameters("password", "otp_token")
def login_view(request):
    """One form: username, password and (once enrolled) the code from the app."""
    form = LoginForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        login(request, form.user)
        if form.device is None:
            return redirect("accounts:otp_setup")
        otp_login(request, form.device)
        return redirect(_next_url(request))
    return render(request, "accounts/login.html", {"form": form, "next": _next_url(request)})


class _EnrolmentPolicy(LoggedIn):
    """Logged in with a password but without a confirmed second factor yet."""

    def enforce(self, request):
        if not request.user.is_authenticated:
            return super().enforce(request)
        if request.user.is_verified() or user_has_device(request.user, confirmed=True):
            return redirect("core:home")
        return None


@_EnrolmentPolicy()
def otp_setup(request):
    """Enrol an authenticator app: show the QR code, confirm with a first code."""
    device, _created = TOTPDevice.objects.get_or_create(
        user=request.user, confirmed=False, defaults={"name": "authenticator"}
    )
    form = TokenForm(data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["otp_token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            messages.success(request, _("Your authenticator app is linked."))
            return redirect("core:home")
        form.add_error("otp_token", _("The code is incorrect or has expired."))
    qr = segno.make(device.config_url, error="m")
    return render(
        request,
        "accounts/otp_setup.html",
        {
            "form": form,
            "qr_svg": qr.svg_data_uri(scale=5),
            "secret": base64.b32encode(device.bin_key).decode(),
        },
    )


logout_view = public(auth_views.LogoutView.as_view())

password_reset = public(
    auth_views.PasswordResetView.as_view(
        template_name="accounts/password_reset.html",
        email_template_name="accounts/password_reset_email.txt",
        subject_template_name="accounts/password_reset_subject.txt",
        success_url=reverse_lazy("accounts:password_reset_done"),
    )
)
password_reset_done = public(
    auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html")
)
password_reset_confirm = public(
    auth_views.PasswordResetConfirmView.as_view(
        template_name="accounts/password_reset_confirm.html",
        success_url=reverse_lazy("accounts:password_reset_complete"),
    )
)
password_reset_complete = public(
    auth_views.PasswordResetCompleteView.as_view(
        template_name="accounts/password_reset_complete.html"
    )
)

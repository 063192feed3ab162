"""Login with password and second factor, and second-factor enrolment."""

from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth.signals import user_login_failed
from django.utils.translation import gettext_lazy as _
from django_otp import match_token, user_has_device

from veilignet.core.forms import StyledForm


class LoginForm(StyledForm):
    """Username, password and the six-digit code; the code is required once enrolled."""

    username = forms.CharField(
        label=_("Username"), max_length=150, widget=forms.TextInput(attrs={"autofocus": True})
    )
    password = forms.CharField(
        label=_("Password"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "off"})
    )
    otp_token = forms.CharField(
        label=_("Code from your authenticator app"),
        required=False,
        max_length=8,
        help_text=_("Leave empty only when you log in for the first time."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    error_messages = {
        "invalid_login": _("Username or password is incorrect."),
        "token_required": _("Enter the code from your authenticator app."),
        "invalid_token": _("The code is incorrect or has expired."),
        "inactive": _("This account is blocked."),
    }

    def __init__(self, request, *args, **kwargs):
        self.request = request
        self.user = None
        self.device = None
        super().__init__(*args, **kwargs)

    def clean(self):
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if not username or not password:
            return self.cleaned_data
        user = authenticate(self.request, username=username, password=password)
        if user is None:
            raise forms.ValidationError(self.error_messages["invalid_login"])
        if not user.is_active:
            raise forms.ValidationError(self.error_messages["inactive"])
        if user_has_device(user, confirmed=True):
            token = self.cleaned_data.get("otp_token", "").strip()
            device = match_token(user, token) if token else None
            if device is None:
                # A wrong second factor counts as a failed login for throttling.
                user_login_failed.send(
                    sender=__name__, credentials={"username": username}, request=self.request
                )
                key = "invalid_token" if token else "token_required"
                self.add_error("otp_token", self.error_messages[key])
                return self.cleaned_data
            self.device = device
        self.user = user
        return self.cleaned_data


class TokenForm(StyledForm):
    """A six-digit code to confirm a newly enrolled authenticator app."""

    otp_token = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=8,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

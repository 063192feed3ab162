"""Who may use which view: every view declares an access policy, the default is deny.

A view declares its policy with a decorator (function views) or the `access_policy`
class attribute (class-based and API views). `AccessPolicyMiddleware` refuses any
view that declares nothing, so a forgotten declaration fails closed.
"""

import logging

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django_otp import user_has_device

from veilignet.audit import events

logger = logging.getLogger(__name__)


class Policy:
    """Base class: a policy decides whether a request may reach a view."""

    def enforce(self, request):
        """Return None to let the request through, or a response; raise PermissionDenied."""
        raise NotImplementedError

    def allows_role(self, role) -> bool:
        """Whether a verified user with this role passes (used to build navigation)."""
        raise NotImplementedError

    def __call__(self, view):
        view.access_policy = self
        return view


class Public(Policy):
    """Reachable without login: login, password reset, health check."""

    def enforce(self, request):
        return None

    def allows_role(self, role):
        return True


class TokenAuthenticated(Policy):
    """API views: authentication and permissions are enforced by the API view itself."""

    def enforce(self, request):
        return None

    def allows_role(self, role):
        return False


class LoggedIn(Policy):
    """A logged-in user who has passed the second factor, with one of the given roles."""

    def __init__(self, *roles):
        self.roles = frozenset(roles)

    def allows_role(self, role):
        return not self.roles or role in self.roles

    def enforce(self, request):
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not user.is_verified():
            if user_has_device(user, confirmed=True):
                return redirect("accounts:login")
            return redirect("accounts:otp_setup")
        if not self.allows_role(user.role):
            raise PermissionDenied
        return None


public = Public()
token_authenticated = TokenAuthenticated()


def allow(*roles):
    """Policy for views open to verified users with one of `roles` (all roles if none)."""
    return LoggedIn(*roles)


def policy_of(view_func):
    """The declared policy of a resolved view function, or None."""
    for candidate in (
        view_func,
        getattr(view_func, "view_class", None),
        getattr(view_func, "cls", None),
    ):
        policy = getattr(candidate, "access_policy", None)
        if policy is not None:
            return policy
    return None


class AccessPolicyMiddleware:
    """Enforce each view's declared policy; refuse views without one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        policy = policy_of(view_func)
        if policy is None:
            logger.error("Refused view without access policy: %s", request.resolver_match.view_name)
            raise PermissionDenied
        return policy.enforce(request)


def visible_or_404(request, queryset, pk):
    """The record `pk` from `queryset` (a for_user queryset), or 404 with the attempt
    audited when the record exists but lies outside the user's need-to-know."""
    obj = queryset.filter(pk=pk).first()
    if obj is None:
        not_visible(request, queryset.model, pk)
    return obj


def not_visible(request, model, pk):
    """Raise 404 for the `model` record `pk` the user may not see, auditing the attempt
    when the record exists."""
    denied = model._default_manager.filter(pk=pk).first()
    if denied is not None:
        events.access_denied(request.user, denied)
    raise Http404

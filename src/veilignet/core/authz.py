"""The authorisation matrix: per URL name, which roles may use it and within which scope.

This is the one place to read who may do what. Each view repeats its policy with the
decorators of `core.access` (the middleware enforces those); `check()` fails when a URL
has no entry here, when a view has no policy, or when the two disagree. The scope says
which records of an allowed role the view serves; anything else is answered with 404
(or 403). tests/core/test_authz.py requests every URL as every role and compares the
answer with this matrix. Adding a URL = one entry here (see docs/security.md).
"""

from dataclasses import dataclass
from enum import Enum

from django.urls import URLResolver, get_resolver

from veilignet.accounts.models import Role
from veilignet.core.access import LoggedIn, Policy, Public, TokenAuthenticated, policy_of


class Scope(Enum):
    """Which records an allowed role reaches through the view."""

    NONE = "the role is enough (no record in the URL; lists show only for_user rows)"
    VEILIG_THUIS = "the user's organisation is a Veilig Thuis"
    LOCAL_TEAM = "the user's organisation is a local team"
    OWN_ORGANISATION = (
        "records of the user's own organisation (a crisis intake: the one that took it)"
    )
    CASE_MEMBERSHIP = (
        "an active member of the case (team lead: a colleague of hers is), "
        "or the user's own unexpired emergency access"
    )
    HOUSEHOLD_ACCESS = (
        "an access grant on the household (team lead: a colleague's); "
        "persons under a restriction of processing are hidden"
    )
    REGION = "records of the user's region"
    RECORD = "the record's own QuerySet.for_user rule (an agenda item: its meeting's)"
    OWN = "the user's own records"
    INVITED = "the user is invited (evaluations she is asked to answer)"
    NETWORK_MEMBER = "a current member of the network, or a role that runs governance in its region"
    ACTION_OWNER = (
        "the action's owner, or a role that runs governance in its region "
        "(colleagues of the owning organisation only read it)"
    )
    TEAM_MEMBER = (
        "an active member of the record's MDA++ team (a referral's team, a conference's team; "
        "members of the referred case see the referral, not these pages)"
    )
    CASE_COORDINATOR = (
        "the case's coordinator, while coordination of an accepted MDA++ referral still "
        "has to move to the team's coordinator"
    )
    HOSPITAL = "the user's organisation is a hospital"
    ADDRESSEE = "the user is the record's addressee (the school contact of a notice)"


@dataclass(frozen=True)
class Rule:
    policy: Policy
    scope: Scope = Scope.NONE
    model: str = ""  # the model whose primary key is the URL's `pk` (or the `query`)
    query: str = ""  # a query parameter that carries the record's key instead of the path


PUBLIC = Public()
TOKEN = TokenAuthenticated()
EVERYONE = LoggedIn()
HOUSEHOLD = LoggedIn(Role.CASE_WORKER, Role.TEAM_LEAD)
TASKS = LoggedIn(Role.CASE_WORKER, Role.TEAM_LEAD, Role.DIRECTOR)
GOVERNANCE = LoggedIn(Role.BOARD_MEMBER, Role.POLICY_OFFICER, Role.DIRECTOR)
AUDITORS = LoggedIn(Role.AUDITOR)
MONITORING = LoggedIn(Role.POLICY_OFFICER, Role.BOARD_MEMBER, Role.DIRECTOR, Role.TEAM_LEAD)
PRIVACY_OFFICERS = LoggedIn(Role.PRIVACY_OFFICER)
RETENTION_READERS = LoggedIn(Role.PRIVACY_OFFICER, Role.FUNCTIONAL_ADMIN)

S = Scope


def _case(name, scope=S.CASE_MEMBERSHIP, model="cases.Case", policy=HOUSEHOLD):
    return f"cases:{name}", Rule(policy, scope, model)


def _report(name):
    return f"reports:{name}", Rule(HOUSEHOLD, S.OWN_ORGANISATION, "reports.Report")


def _gov(name, policy=GOVERNANCE, model="", scope=None, query=""):
    scope = scope or (S.RECORD if model else S.NONE)
    return f"governance:{name}", Rule(policy, scope, model, query)


def _mda(name, scope=S.RECORD, model="mda.Referral"):
    return f"mda:{name}", Rule(HOUSEHOLD, scope, model)


def _acute(name, scope=S.RECORD, model="acute.CrisisIntake"):
    return f"acute:{name}", Rule(HOUSEHOLD, scope, model)


def _person(name):
    return f"privacy:{name}", Rule(PRIVACY_OFFICERS, S.REGION, "people.Person")


MATRIX: dict[str, Rule] = dict(
    [
        ("core:home", Rule(EVERYONE)),
        ("core:health", Rule(PUBLIC)),
        ("set_language", Rule(PUBLIC)),
        ("accounts:login", Rule(PUBLIC)),
        ("accounts:logout", Rule(PUBLIC)),
        ("accounts:otp_setup", Rule(EVERYONE)),
        ("accounts:password_reset", Rule(PUBLIC)),
        ("accounts:password_reset_done", Rule(PUBLIC)),
        ("accounts:password_reset_confirm", Rule(PUBLIC)),
        ("accounts:password_reset_complete", Rule(PUBLIC)),
        # Households and persons: need-to-know grants.
        ("people:household_list", Rule(HOUSEHOLD)),
        ("people:household_create", Rule(HOUSEHOLD)),
        ("people:household_detail", Rule(HOUSEHOLD, S.HOUSEHOLD_ACCESS, "people.Household")),
        ("people:member_add", Rule(HOUSEHOLD, S.HOUSEHOLD_ACCESS, "people.Household")),
        ("people:person_detail", Rule(HOUSEHOLD, S.HOUSEHOLD_ACCESS, "people.Person")),
        ("people:person_update", Rule(HOUSEHOLD, S.HOUSEHOLD_ACCESS, "people.Person")),
        ("audit:search", Rule(AUDITORS)),
        # Cases: membership of the case.
        _case("case_list", S.NONE, ""),
        _case("case_open", S.LOCAL_TEAM, ""),
        _case("my_tasks", S.NONE, "", TASKS),
        _case("case_detail"),
        _case("case_timeline"),
        _case("member_add"),
        _case("phase_change"),
        _case("assessment_add"),
        _case("incident_add"),
        _case("note_add"),
        _case("plan_history"),
        _case("plan_edit"),
        _case("cause_add"),
        _case("goal_add"),
        _case("help_add"),
        _case("handover_propose"),
        _case("escalation_add"),
        _case("case_close"),
        _case("member_leave", model="cases.CaseMember"),
        _case("help_status", model="cases.DeployedHelp"),
        _case("plan_print", S.RECORD, "cases.SafetyPlanVersion"),
        _case("handover_detail", S.RECORD, "cases.Handover"),
        _case("escalation_detail", S.RECORD, "cases.Escalation", TASKS),
        _case("follow_up_check", S.OWN_ORGANISATION, "cases.FollowUpCheck"),
        _case("notification_open", S.OWN, "cases.Notification", TASKS),
        # Reports: the handling Veilig Thuis.
        ("reports:worklist", Rule(HOUSEHOLD)),
        ("reports:create", Rule(HOUSEHOLD, S.VEILIG_THUIS)),
        *(
            _report(name)
            for name in (
                "detail",
                "assign",
                "link",
                "link_new",
                "assessment_create",
                "assessment_confirm",
                "decide",
                "feedback",
                "convert",
                "close",
            )
        ),
        # Partner API: an organisation's token; the schema and docs hold no data.
        ("api:report_create", Rule(TOKEN)),
        ("api:report_detail", Rule(TOKEN, S.OWN_ORGANISATION, "reports.Report")),
        ("api:schema", Rule(PUBLIC)),
        ("api:docs", Rule(PUBLIC)),
        ("api:indicators", Rule(TOKEN)),
        # Monitoring: aggregates of the user's own region only, small numbers suppressed.
        *(
            (f"monitoring:{name}", Rule(MONITORING))
            for name in ("overview", "comparison", "trends", "export", "report")
        ),
        # Governance: no client data; region-wide for the roles that run it.
        _gov("overview", EVERYONE),
        _gov("notifications", EVERYONE),
        _gov("network_create"),
        _gov("network_detail", model="governance.Network"),
        _gov("network_edit", model="governance.Network"),
        _gov("member_add", model="governance.Network"),
        _gov("onboarding", EVERYONE, "governance.Network", S.NETWORK_MEMBER),
        _gov("meeting_create", model="governance.Network"),
        _gov("member_end", model="governance.Membership"),
        _gov("bottleneck_list", EVERYONE),
        _gov("bottleneck_create", EVERYONE),
        _gov("bottleneck_detail", EVERYONE, "governance.Bottleneck"),
        _gov("bottleneck_triage", model="governance.Bottleneck"),
        _gov("bottleneck_close", model="governance.Bottleneck"),
        _gov("bottleneck_reopen", model="governance.Bottleneck"),
        _gov("action_list", EVERYONE),
        _gov("action_create", model="governance.Objective", query="objective"),
        _gov("action_detail", EVERYONE, "governance.Action"),
        _gov("action_move", EVERYONE, "governance.Action", S.ACTION_OWNER),
        _gov("action_check", EVERYONE, "governance.Action", S.ACTION_OWNER),
        _gov("action_decide", model="governance.Action"),
        _gov("objective_list"),
        _gov("objective_create"),
        _gov("objective_detail", model="governance.Objective"),
        _gov("objective_moment_add", model="governance.Objective"),
        _gov("objective_assess", model="governance.Objective"),
        _gov("work_agenda"),
        _gov("meeting_detail", EVERYONE, "governance.Meeting"),
        _gov("meeting_generate", model="governance.Meeting"),
        _gov("agenda_add", model="governance.Meeting"),
        _gov("agenda_remove", model="governance.AgendaItem"),
        _gov("meeting_attendance", model="governance.Meeting"),
        _gov("meeting_decision", model="governance.Meeting"),
        _gov("meeting_minutes", model="governance.Meeting"),
        _gov("meeting_publish", model="governance.Meeting"),
        _gov("evaluation_list"),
        _gov("evaluation_send"),
        _gov("evaluation_report", model="governance.Evaluation"),
        _gov("evaluation_respond", EVERYONE, "governance.Evaluation", S.INVITED),
        _gov("questionnaire_create"),
        # Privacy: emergency access, review, a person's rights, retention runs.
        ("privacy:emergency_open", Rule(HOUSEHOLD, S.VEILIG_THUIS)),
        ("privacy:emergency_review_list", Rule(PRIVACY_OFFICERS)),
        (
            "privacy:emergency_review",
            Rule(PRIVACY_OFFICERS, S.OWN_ORGANISATION, "privacy.EmergencyAccess"),
        ),
        ("privacy:person_search", Rule(PRIVACY_OFFICERS)),
        *(
            _person(name)
            for name in (
                "person_rights",
                "export_json",
                "export_pdf",
                "rectify",
                "restrict",
                "lift",
            )
        ),
        ("privacy:retention_runs", Rule(RETENTION_READERS)),
        # MDA++: the team's pages for its members; a referral also for its case's members.
        _mda("overview", S.NONE, ""),
        _mda("referral_list", S.NONE, ""),
        _mda("referral_export", S.NONE, ""),
        _mda("referral_new", S.CASE_MEMBERSHIP, "cases.Case"),
        _mda("referral_detail"),
        _mda("referral_handover", S.CASE_COORDINATOR),
        _mda("referral_accept", S.TEAM_MEMBER),
        _mda("referral_decline", S.TEAM_MEMBER),
        _mda("justice_add", S.TEAM_MEMBER),
        _mda("action_add", S.TEAM_MEMBER),
        _mda("action_done", model="mda.Action"),
        _mda("conference_new", model="mda.Team"),
        *(
            _mda(name, model="mda.Conference")
            for name in (
                "conference_detail",
                "conference_agenda",
                "conference_attendance",
                "conference_minutes",
                "conference_send",
            )
        ),
        # ... and the referral in `referral_pk` must be one of the user's teams' too.
        _mda("conference_scenario", S.TEAM_MEMBER, "mda.Conference"),
        _mda("conference_action", S.TEAM_MEMBER, "mda.Conference"),
        _mda("conference_decide", S.TEAM_MEMBER, "mda.Conference"),
        # Acute help: the intake's organisation and the receiver of its handover.
        _acute("shift", S.NONE, ""),
        _acute("figures", S.NONE, ""),
        _acute("intake_new", S.NONE, ""),
        _acute("intake_detail"),
        _acute("intake_triage", S.OWN_ORGANISATION),
        _acute("intake_conclude", S.OWN_ORGANISATION),
        _acute("intake_forward", S.OWN_ORGANISATION),
        _acute("notice_new", S.OWN_ORGANISATION),
        _acute("forward_detail", model="acute.CrisisForward"),
        _acute("hospital_new", S.HOSPITAL, ""),
        _acute("hospital_detail", model="acute.HospitalRegistration"),
        _acute("notice_detail", model="acute.HandleWithCareNotice"),
        _acute("notice_acknowledge", S.ADDRESSEE, "acute.HandleWithCareNotice"),
    ]
)


def url_patterns(urlconf=None):
    """Every URL pattern as (name, route, view), namespaces included."""

    def walk(patterns, prefix, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = ":".join(filter(None, [namespace, pattern.namespace]))
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
            else:
                name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
                yield name, prefix + str(pattern.pattern), pattern.callback

    return list(walk(get_resolver(urlconf).url_patterns, "", ""))


def signature(policy):
    """A comparable description of a policy: ('public',), ('token',) or the role set."""
    if isinstance(policy, Public):
        return ("public",)
    if isinstance(policy, TokenAuthenticated):
        return ("token",)
    if isinstance(policy, LoggedIn):
        return ("roles", frozenset(policy.roles))
    return (type(policy).__name__,)


def check(urlconf=None, matrix=None):
    """Problems with the declarations: a URL without a matrix entry or policy, a view
    whose policy differs from its entry, an entry without a URL. Empty when all is well."""
    matrix = MATRIX if matrix is None else matrix
    problems = []
    seen = set()
    for name, route, view in url_patterns(urlconf):
        seen.add(name)
        policy = policy_of(view)
        if policy is None:
            problems.append(f"{route} ({name}): the view declares no access policy")
        if name not in matrix:
            problems.append(f"{route} ({name}): no entry in the authorisation matrix")
        elif policy is not None and signature(policy) != signature(matrix[name].policy):
            problems.append(f"{route} ({name}): the view's policy differs from the matrix")
    problems += [f"{name}: matrix entry without a URL" for name in matrix if name not in seen]
    return problems

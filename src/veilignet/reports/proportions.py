"""National proportions of Veilig Thuis contacts, for every synthetic data generator.

One place for the weights the demo region (`reports.demo`), the national data set
(`core.national`) and the benchmark (`bench/indicators.py`) draw from. They approximate
the CBS StatLine tables on Veilig Thuis (advice requests, reports, reporters' sectors,
forms of violence, triage outcomes): police send most reports, citizens and victims most
advice requests; child abuse and (ex-)partner violence dominate.
"""

from veilignet.reports.models import Kind, Outcome, Sector, ViolenceForm

# About 3,000 advice requests and 6,000 reports a year per 1.1 million inhabitants.
PER_INHABITANT = {Kind.ADVICE_REQUEST: 3000 / 1_100_000, Kind.REPORT: 6000 / 1_100_000}
# Share of reports about a household already known (re-reports).
RE_REPORT_SHARE = 0.30
# Share of advice requests converted into a report.
CONVERTED_SHARE = 0.05

SECTORS = {
    Kind.REPORT: {
        Sector.POLICE: 60,
        Sector.CITIZEN: 11,
        Sector.YOUTH_CARE: 5,
        Sector.EDUCATION: 4,
        Sector.LOCAL_TEAM: 4,
        Sector.VICTIM: 4,
        Sector.MENTAL_HEALTH: 3,
        Sector.GP: 2,
        Sector.HOSPITAL: 2,
        Sector.CHILDCARE: 1,
        Sector.PERPETRATOR: 0.5,
        Sector.OTHER: 3.5,
    },
    Kind.ADVICE_REQUEST: {
        Sector.CITIZEN: 30,
        Sector.VICTIM: 15,
        Sector.EDUCATION: 12,
        Sector.LOCAL_TEAM: 10,
        Sector.YOUTH_CARE: 8,
        Sector.MENTAL_HEALTH: 5,
        Sector.CHILDCARE: 4,
        Sector.GP: 4,
        Sector.HOSPITAL: 3,
        Sector.POLICE: 2,
        Sector.PERPETRATOR: 2,
        Sector.OTHER: 5,
    },
}
VIOLENCE = {
    ViolenceForm.CHILD_ABUSE: 42,
    ViolenceForm.PARTNER: 33,
    ViolenceForm.EX_PARTNER: 12,
    ViolenceForm.ELDER_ABUSE: 6,
    ViolenceForm.SEXUAL: 4,
    ViolenceForm.HONOUR_RELATED: 2,
    ViolenceForm.HUMAN_TRAFFICKING: 1,
}
OUTCOMES = {
    Outcome.LOCAL_TEAM: 38,
    Outcome.CONDITIONS_AND_FOLLOW_UP: 22,
    Outcome.NO_FURTHER_ACTION: 18,
    Outcome.ADVICE_ONLY: 10,
    Outcome.INVESTIGATION: 8,
    Outcome.MDA: 3,
    Outcome.CRISIS: 1,
}

"""Households and persons, always through for_user and always audited."""

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.shortcuts import redirect, render

from veilignet.accounts.models import HOUSEHOLD_ROLES
from veilignet.audit import events
from veilignet.core.access import allow, visible_or_404
from veilignet.core.pagination import paginate
from veilignet.core.references import reference_number
from veilignet.people import services
from veilignet.people.forms import PERSON_FIELDS, HouseholdForm, MemberForm, PersonForm
from veilignet.people.matching import name_key
from veilignet.people.models import Household, HouseholdMember, Person

household_roles = allow(*HOUSEHOLD_ROLES)


def _visible_household(request, pk):
    return visible_or_404(request, Household.objects.for_user(request.user), pk)


def _visible_person(request, pk):
    return visible_or_404(request, Person.objects.for_user(request.user), pk)


@household_roles
def household_list(request):
    """Households this user may see, newest first, searchable by reference or surname."""
    households = Household.objects.for_user(request.user).select_related("municipality")
    query = request.GET.get("q", "").strip()
    if query:
        reference = reference_number(query, "HH-")
        matches = Q(
            Exists(
                HouseholdMember.objects.filter(
                    household=OuterRef("pk"), person__last_name_key__startswith=name_key(query)
                )
            )
        )
        if reference is not None:
            matches |= Q(pk=reference)
        households = households.filter(matches)
    households = households.prefetch_related(
        Prefetch(
            "members", queryset=HouseholdMember.objects.unrestricted().select_related("person")
        )
    )
    page = paginate(request, households)
    events.household_list_viewed(request.user, page.object_list, events.purpose_of(request.user))
    return render(request, "people/household_list.html", {"page": page, "query": query})


@household_roles
def household_detail(request, pk):
    household = _visible_household(request, pk)
    members = list(household.members.unrestricted().select_related("person"))
    events.household_viewed(
        request.user, household, [m.person for m in members], events.purpose_of(request.user)
    )
    return render(
        request, "people/household_detail.html", {"household": household, "members": members}
    )


@household_roles
def household_create(request):
    form = HouseholdForm(request.POST or None, region=request.user.organisation.region)
    if request.method == "POST" and form.is_valid():
        household = services.register_household(request.user, form.cleaned_data["municipality"])
        return redirect("people:household_detail", pk=household.pk)
    return render(request, "people/household_form.html", {"form": form})


@household_roles
def member_add(request, pk):
    """Register a person as member of the household; partial data and no BSN are fine."""
    household = _visible_household(request, pk)
    form = MemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in PERSON_FIELDS}
        services.add_person(request.user, household, form.cleaned_data["role"], **data)
        return redirect("people:household_detail", pk=household.pk)
    return render(request, "people/member_form.html", {"form": form, "household": household})


@household_roles
def person_detail(request, pk):
    person = _visible_person(request, pk)
    memberships = person.memberships.filter(
        household__in=Household.objects.for_user(request.user)
    ).select_related("household__municipality")
    events.person_viewed(request.user, person, events.purpose_of(request.user))
    return render(
        request, "people/person_detail.html", {"person": person, "memberships": memberships}
    )


@household_roles
def person_update(request, pk):
    person = _visible_person(request, pk)
    form = PersonForm(request.POST or None, instance=Person.objects.get(pk=person.pk))
    if request.method == "POST" and form.is_valid():
        services.update_person(
            request.user,
            person,
            events.purpose_of(request.user),
            **{name: form.cleaned_data[name] for name in PERSON_FIELDS},
        )
        return redirect("people:person_detail", pk=person.pk)
    return render(request, "people/person_form.html", {"form": form, "person": person})

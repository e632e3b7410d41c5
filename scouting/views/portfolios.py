"""A writer's public portfolio: their settings (opt in), and the public page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.forms import add_service_errors
from scouting import permissions, selectors
from scouting.forms import PortfolioForm
from scouting.services import portfolios as services


@login_required
@require_http_methods(["GET", "POST"])
def portfolio_settings(request):
    portfolio = selectors.portfolio_of(request.user)
    initial = {"is_public": portfolio.is_public, "bio": portfolio.bio} if portfolio else None
    form = PortfolioForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.portfolio_update(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("scouting:portfolio")
    return render(
        request,
        "scouting/portfolio_settings.html",
        {
            "form": form,
            "public_url": reverse("scouting:writer", args=[request.user.pk]),
            "is_public": portfolio is not None and portfolio.is_public,
        },
        status=422 if form.errors else 200,
    )


@require_GET
def writer_portfolio(request, pk: int):
    portfolio = permissions.get_public_portfolio(pk)
    return render(request, "scouting/portfolio.html", {"page": selectors.portfolio_page(portfolio)})

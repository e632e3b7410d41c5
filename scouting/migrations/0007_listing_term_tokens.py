"""Every listing's token text gains one token per theme, genre and audience it shows
(scouting.search.term_token), so that the text indexes answer term filters."""

from django.db import migrations

BATCH = 2000


def retokenise(apps, schema_editor):
    from scouting.search import search_tokens

    Listing = apps.get_model("scouting", "Listing")
    through = Listing.terms.through
    last = 0
    while True:
        batch = list(
            Listing.objects.filter(pk__gt=last)
            .order_by("pk")
            .values_list("pk", "search_document")[:BATCH]
        )
        if not batch:
            return
        last = batch[-1][0]
        terms: dict[int, list[int]] = {pk: [] for pk, _ in batch}
        for listing_id, term_id in through.objects.filter(listing_id__in=terms).values_list(
            "listing_id", "term_id"
        ):
            terms[listing_id].append(term_id)
        for pk, document in batch:
            Listing.objects.filter(pk=pk).update(search_tokens=search_tokens(document, terms[pk]))


class Migration(migrations.Migration):
    dependencies = [("scouting", "0006_offers_briefs")]

    operations = [migrations.RunPython(retokenise, migrations.RunPython.noop, elidable=True)]

"""Every listing's token text gains the character trigrams of its Chinese runs
(scouting.search.search_tokens), by which a Chinese term of three or more characters is
now found: the index alone answers it, where the bigrams had to be checked in order
against each candidate's whole text."""

from django.db import migrations

BATCH = 2000


def retokenise(apps, schema_editor):
    from scouting.search import search_tokens

    Listing = apps.get_model("scouting", "Listing")
    last = 0
    while True:
        batch = list(
            Listing.objects.filter(pk__gt=last)
            .order_by("pk")
            .only("pk", "search_document", "term_ids")[:BATCH]
        )
        if not batch:
            return
        last = batch[-1].pk
        for listing in batch:
            listing.search_tokens = search_tokens(listing.search_document, listing.term_ids or [])
        Listing.objects.bulk_update(batch, ["search_tokens"])


class Migration(migrations.Migration):
    dependencies = [("scouting", "0013_deal_end")]

    operations = [migrations.RunPython(retokenise, migrations.RunPython.noop, elidable=True)]

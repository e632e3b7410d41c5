"""The writer's portable record (docs/record-export.md).

- `sections`: the hook through which apps above the registry (reviews; later courses,
  the fund and scouting) add their part of a person's record;
- `writer`: writes files into the zip as they are made (bounded memory) and lists them,
  with their hashes, for the manifest;
- `build`: the whole export: series and revisions, registration proofs, the sections,
  the schemas, the stand-alone verifier and `manifest.json`;
- `proofs`: the registration proofs (your entries and the chain segment to the head);
- `files/`: what is copied into every export as it is (`verify.py`, the JSON Schemas).
"""

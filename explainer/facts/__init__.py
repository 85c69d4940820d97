"""Stage 1, the facts: YAML data files in, a validated model out.

load.py      read the YAML files, remembering the line and column of every value
reader.py    typed reads of one file's values, collecting every problem with its place
model.py     the domain as frozen dataclasses, indexed by id
validate.py  build the model from the files, reporting every mistake at once
schema.py    the JSON Schema of the data files, for editors' autocompletion
quotes.py    check that every quote appears word for word in its captured source
"""

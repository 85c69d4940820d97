"""The command line: `explainer build|check|schema|i18n|serve`.

cli.py    parse the arguments, run a command, turn errors into messages and exit codes
i18n.py   `explainer i18n`: catalog statistics and wrappers around pybabel
serve.py  `explainer serve`: a local preview that rebuilds and reloads
"""

"""Stage 5, the PDFs: print HTML in, PDF files out (WeasyPrint is imported only here).

weasy.py   WeasyPrint's options and a fetcher that loads only the project's assets
jobs.py    render the PDFs in parallel worker processes
cache.py   what each PDF was made from, so an unchanged one is not rendered again
"""

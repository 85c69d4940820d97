"""Stage 5, PDFs and PNGs: print HTML in, PDF and PNG files out (WeasyPrint is imported only here).

weasy.py   WeasyPrint's options and a fetcher that loads only the project's assets
raster.py  a page as a PNG: WeasyPrint lays it out, PDFium (pypdfium2) paints it
jobs.py    render the PDFs and PNGs in parallel worker processes
cache.py   what each PDF was made from, so an unchanged one is not rendered again
"""

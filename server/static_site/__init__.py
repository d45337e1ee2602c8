"""The build's static site: every resource's RDF documents and data pages, rendered once.

The data changes only with a new build, so what depends on nothing but the data
(a resource's Turtle, N-Triples, RDF/XML and JSON-LD; its page in Chinese and in
English, the tree included) is rendered once per build, into the build's own
folder (``render.py``), and answered from those bytes before Flask, with the same
headers and ETags, without an engine (``answers.py``). What depends on the
request (queries, search, the dataset's VoID, a page asked with ``?lang=``) is
still rendered per request.
"""

"""Search and classification: "where does my business fit?".

The build writes one SQLite file, ``build/search/index.sqlite`` (``index_writer.py``);
the server and the ``classify`` command only read it (``searcher.py``,
``classifier.py``). Nothing here imports the server.

Why SQLite FTS5 and not tantivy: the index is a build output that must be
a single file a server opens read-only, with no service to run; FTS5 is in the
standard library's ``sqlite3`` (no native wheel to pin), has BM25 with column
weights and prefix queries, and ``sqlite3`` can inspect the file. Neither engine
segments Chinese, matches pinyin or folds traditional characters out of the
box (FTS5's trigram tokenizer cannot match the two-character words that matter
most, 人脸 or 芯片; tantivy's default tokenizer treats a Han run as one word), so
the text is analysed by our own chain (``analysis.py``: OpenCC, character
bigrams, pypinyin, Snowball stems) both when the index is written and when a
query is read, and FTS5 indexes the resulting terms with its plain
``unicode61`` tokenizer. With a hundred concepts tantivy's speed buys nothing.

- ``analysis.py``: text → terms (shared by the index and the queries);
- ``records.py``: the concepts, labels and notes, read from the graph by SPARQL
  (both data shapes: notes as ``xkos:ExplanatoryNote`` resources or as literals);
- ``index_writer.py``: the SQLite file; ``index_reader.py``: loading it;
- ``searcher.py``: ranked search and suggestions; ``classifier.py`` and
  ``followup.py``: a business description → domains, with evidence.
"""

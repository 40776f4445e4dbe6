"""The source documents: splitting them into passages and building the index.

`python -m bot.corpus build` reads corpus/*.txt|md (with corpus/sources.yml) and
writes passages, a FAISS index and a manifest under corpus/build/.
"""

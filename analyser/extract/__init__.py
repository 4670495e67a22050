"""One module per extractor; each is a registered spaCy component whose vocabulary is a data file."""

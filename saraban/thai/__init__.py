"""Thai text, digits and Buddhist Era dates.

Pure functions with no heavy imports: PyThaiNLP and dateparser are imported inside the
functions that need them.
"""

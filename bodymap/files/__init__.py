"""The user's files: the ``.bodymap`` session file (:mod:`~bodymap.files.session`), the
drawing put aside while the window runs and restored after a crash
(:mod:`~bodymap.files.recovery`), and replacing a file all at once
(:mod:`~bodymap.files.atomic`), which every file bodymap writes goes through.

This layer reads and writes what a person makes with bodymap; it sits on the domain
(marks, ids, kinds, errors) and never on the window. No Qt here.
"""

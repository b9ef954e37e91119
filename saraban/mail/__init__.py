"""E-mail: letters that arrive at the office's saraban@ mailbox and letters that leave by mail.

The standard library does the protocol and MIME work (``email``, ``mailbox``, ``imaplib``,
``smtplib``); this package adds what correspondence needs: bounds on what a message may
unpack to, Thai charsets that senders forget to declare, exactly-once reading of a mailbox.
"""

"""`botrygt remind`: reminders to action-item owners and the monthly brief, through real mail.

`smtp` reads BOTRYGT_SMTP_URL and sends one message (standard library smtplib); `outbox` records
each mail in `mail_outbox` (queued, sent, or failed and retried next run); `reminders` gathers
each owner's flagged items; `brief` decides which partnership's brief is due and what it says;
`run` is the one call the command makes. The texts are models/reminders.py.
"""

"""Surveys as a process (issue 18): the survey rounds' schedule and local extra questions.

`schedule`: each municipality's survey rounds as they are planned and run (every second year, with
the invitation, reminder and close dates, the status, and the counts of invitations, responses
and reminders), and the response rates the Tryghed page shows beside the shares. `local`: the
project leader's own extra questions (answer categories, which count in the share) and their counts
per round, each share with its Wilson interval and never judged against a national goal.

Every read takes `viewer=` and is refused out of scope; every write takes `actor=`, needs
`Action.EDIT_SURVEYS` (the project leader of the municipality, the administrator) and is audited.
"""

"""Between meetings: who owns an action item (owners), the owner's status updates (check_ins),
the project leader's comments and status overrides on goals (goal_check_ins), and each user's
calendar feed of their items' due dates behind a secret address (calendar)."""

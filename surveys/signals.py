from django.dispatch import Signal

# Sent inside the transaction that saved a check-in, with `checkin_id`.
# Receivers that enqueue work must do so on commit.
checkin_saved = Signal()

from django.dispatch import Signal

# Sent inside the transaction that saved a check-in, with `checkin_id`.
# Receivers that enqueue work must do so on commit.
checkin_saved = Signal()

# Sent inside the transaction that saved an instrument response, with `response_id`.
instrument_response_saved = Signal()

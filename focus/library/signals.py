from django.dispatch import Signal

# Sent with `file` once a file has been read (whatever the outcome): its pages changed.
file_read = Signal()

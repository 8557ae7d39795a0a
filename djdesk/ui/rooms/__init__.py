"""场地预约: the day and week views, the booking list, the booking forms and the rooms
administration."""

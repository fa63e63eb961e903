"""Date formats per language, on top of Django's (settings.FORMAT_MODULE_PATH): templates and services name a format
("DATE_FORMAT", "SHORT_DATETIME_FORMAT"...) instead of writing "j M Y, H:i", so each language orders its own dates.

English follows the United Nations' day-month-year ("21 November 2022") instead of Django's American default, Arabic
gains the date-and-time formats Django leaves out, and Russian day-month uses the genitive month ("21 ноября")."""

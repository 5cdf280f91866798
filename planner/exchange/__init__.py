"""Other programs' formats: spreadsheets, progress forms, MS Project XML, calendars."""

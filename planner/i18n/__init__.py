"""What the tool says to its users, in Chinese and English: labels, grouped by area."""

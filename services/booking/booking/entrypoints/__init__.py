"""What drives booking from outside HTTP: the consumer of other services' events, and the worker."""

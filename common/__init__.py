"""What the web side and the workers share: settings, the delivery queue, the command grammar, a local Redis."""
